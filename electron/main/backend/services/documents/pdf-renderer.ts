// Draws a document layout (shared/documents) with pdf-lib, embedding DejaVu Sans Condensed (resources/fonts) and the
// signed document data as a file attachment. Deterministic: identical data and envelope → identical bytes (fixed
// metadata dates from the data, fixed font subset names, pdf-lib's seeded id generator, no /ID entry).
import { deflate } from 'node:zlib';
import { AFRelationship, PDFDocument, PDFName, type PDFImage, type PDFRef } from 'pdf-lib';
import QRCode from 'qrcode';
import { layoutDocument } from '../../../../../shared/documents/layout';
import { isKabDocument, kabPdfDescription, type AnyDocumentData } from '../../../../../shared/documents/kabko-types';
import { DOC_KIND_TITLES, type DocumentLayout, type TextMeasure } from '../../../../../shared/documents/types';
import { ContentWriter } from './content-stream';
import { embedFonts, type DocFonts } from './pdf-fonts';

/** Name of the attached file holding the signed document data (a SignedEnvelope of DocumentData). */
export const ATTACHMENT_NAME = 'pleno-dokumen.json';

const qrCache = new Map<string, Uint8Array>();

async function qrPng(text: string): Promise<Uint8Array> {
  let png = qrCache.get(text);
  if (!png) {
    png = new Uint8Array(await QRCode.toBuffer(text, { errorCorrectionLevel: 'M', margin: 1, scale: 4, type: 'png' }));
    if (qrCache.size > 64) qrCache.clear();
    qrCache.set(text, png);
  }
  return png;
}

/** ISO time with offset → Date (the instant); metadata dates come from the data, never from the clock. */
function instant(iso: string): Date {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? new Date(0) : d;
}

/**
 * Compresses page contents with zlib level 6 (the bytes deflateSync gives) in the thread pool while the main thread
 * writes the next pages; a few pages at once (two: the second core of a small laptop), so memory stays that of a
 * few zlib streams.
 */
class PageCompressor {
  private readonly out: Buffer[] = [];
  private readonly jobs: Promise<void>[] = [];
  private running = 0;
  private wake: (() => void) | null = null;
  private failure: unknown = null;

  constructor(private readonly inFlight: number) {}

  /** Starts compressing page `i`; waits first while `inFlight` pages are being compressed. */
  async add(i: number, text: string): Promise<void> {
    while (this.running >= this.inFlight) await new Promise<void>((resolve) => (this.wake = resolve));
    this.running++;
    const job = new Promise<void>((resolve) =>
      deflate(Buffer.from(text, 'latin1'), { level: 6 }, (err, bytes) => {
        if (err) this.failure ??= err;
        else this.out[i] = bytes;
        this.running--;
        this.wake?.();
        this.wake = null;
        resolve();
      }),
    );
    this.jobs.push(job);
  }

  /** Every page's compressed content, in page order. */
  async done(): Promise<Buffer[]> {
    await Promise.all(this.jobs);
    if (this.failure) throw this.failure as Error;
    return this.out;
  }
}

export interface RenderInput {
  data: AnyDocumentData;
  /** SHA-256 (hex) of the canonical JSON of `data`; shown on every page. */
  dataSha256: string;
  /** The bytes attached to the PDF: the signed envelope JSON of `data`. */
  envelopeBytes: Uint8Array;
}

export interface RenderOutput {
  bytes: Uint8Array;
  pages: number;
}

/**
 * Every page of the layout as one compressed content stream, QR images embedded once each. pdf-lib's calls (pages,
 * resource names from its seeded generator, object numbers) happen in the order they always did, so identical data
 * gives the bytes it always gave; the compression of each page runs in the thread pool meanwhile.
 */
async function drawPages(doc: PDFDocument, layout: DocumentLayout, fonts: DocFonts): Promise<void> {
  const images = new Map<string, PDFImage>();
  for (const page of layout.pages) {
    for (const item of page.items) {
      if (item.t === 'qr' && !images.has(item.text)) images.set(item.text, await doc.embedPng(await qrPng(item.text)));
    }
  }
  const writer = new ContentWriter(fonts);
  const compressor = new PageCompressor(2);
  const refs: PDFRef[] = [];
  for (const lp of layout.pages) {
    const page = doc.addPage([lp.width, lp.height]);
    const regular = page.node.newFontDictionary('F', fonts.regular.pdf.ref).asString().slice(1);
    const bold = page.node.newFontDictionary('F', fonts.bold.pdf.ref).asString().slice(1);
    const imageNames = new Map<string, string>();
    for (const item of lp.items) {
      if (item.t === 'qr' && images.has(item.text) && !imageNames.has(item.text))
        imageNames.set(item.text, page.node.newXObject('Im', images.get(item.text)!.ref).asString().slice(1));
    }
    const text = writer.page(lp.items, { regular, bold, image: (t) => imageNames.get(t) }, lp.width, lp.height);
    const ref = doc.context.nextRef();
    page.node.set(PDFName.of('Contents'), ref);
    await compressor.add(refs.push(ref) - 1, text);
  }
  const contents = await compressor.done();
  refs.forEach((ref, i) =>
    doc.context.assign(ref, doc.context.stream(new Uint8Array(contents[i]!), { Filter: 'FlateDecode' })),
  );
}

/** Metadata (dates from the data, never from the clock) and the signed envelope as an attachment. */
async function describeAndAttach(doc: PDFDocument, input: RenderInput): Promise<void> {
  const { data } = input;
  const when = instant(data.meta.issued);
  if (isKabDocument(data)) {
    // A kab/kota document of a receiver (docs/receiver-plenary.md).
    const d = kabPdfDescription(data);
    doc.setTitle(d.title, { showInWindowTitleBar: true });
    doc.setAuthor(d.author);
  } else {
    const title = `${DOC_KIND_TITLES[data.meta.kind]} — ${data.header.pemilihan.nama} — Kecamatan ${data.header.kecamatan.nama}`;
    doc.setTitle(title, { showInWindowTitleBar: true });
    doc.setAuthor(`PPK Kecamatan ${data.header.kecamatan.nama}`);
  }
  doc.setSubject(
    `${data.meta.id} versi ${data.meta.version}${data.meta.final ? '' : ' (DRAF)'} · SHA-256 data ${input.dataSha256}`,
  );
  // The audit head the data was drawn at (meta.audit), also where a PDF reader's properties show it.
  const audit = data.meta.audit ? [`audit:${data.meta.audit.jumlah}:${data.meta.audit.kepala}`] : [];
  doc.setKeywords([
    'pleno',
    data.meta.kind,
    data.meta.pemilihan,
    isKabDocument(data) ? data.meta.kabkota : data.meta.kecamatan,
    input.dataSha256,
    ...audit,
  ]);
  doc.setCreator('Pleno');
  doc.setProducer('Pleno (pdf-lib)');
  doc.setLanguage('id-ID');
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  await doc.attach(input.envelopeBytes, ATTACHMENT_NAME, {
    mimeType: 'application/json',
    description: `Data dokumen bertanda tangan ${isKabDocument(data) ? 'KPU kabupaten/kota' : 'PPK'} (${data.format})`,
    creationDate: when,
    modificationDate: when,
    afRelationship: AFRelationship.Data,
  });
}

export async function renderPdf(input: RenderInput): Promise<RenderOutput> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts = await embedFonts(doc);
  const measure: TextMeasure = {
    width: (text, size, isBold) => (isBold ? fonts.bold : fonts.regular).width(text, size),
  };
  const layout = layoutDocument(input.data, input.dataSha256, measure);
  await drawPages(doc, layout, fonts);
  await describeAndAttach(doc, input);
  // All objects in one go: pdf-lib otherwise waits for a timer tick (≥ 1 ms) after every 50 objects, same bytes.
  const bytes = await doc.save({ useObjectStreams: true, objectsPerTick: Infinity });
  return { bytes, pages: layout.pages.length };
}
