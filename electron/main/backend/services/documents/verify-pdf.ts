// Verification of a document PDF issued by Pleno (`pleno verify <file.pdf>`):
//  1. the attached `pleno-dokumen.json` is a signed envelope of pleno.document/1 data, self-signed by a PPK key
//     (keyId = fingerprint of the carried key) and the signature is valid over JCS(data);
//  2. the key is the expected key when one is given (the database's: its PPK key, or a receiver's key for a KPU
//     kab/kota document), and equals meta.signer printed on the pages;
//  3. the pages are exactly the pages drawn from that data: the document is re-rendered from the embedded data (the
//     layout is deterministic) and must give the same bytes; otherwise each page whose content stream differs is
//     named, so editing one number on a page is reported as "halaman N".
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFStream,
  PDFString,
  decodePDFRawStream,
} from 'pdf-lib';
import { parseEnvelopeBytes, verifySelfSigned } from '../../../../../shared/formats/envelope';
import { DOCUMENT_FORMATS, KNOWN_LAYOUTS } from '../../../../../shared/documents/types';
import { isKabDocument, type AnyDocumentData } from '../../../../../shared/documents/kabko-types';
import { nodeCrypto } from '../../crypto';
import { ATTACHMENT_NAME, renderPdf } from './pdf-renderer';
import { dataHash } from './signed-pdf';
import { changedInfo, pagesWithAddedAnnotations, sameTokens } from './pdf-resave';

export interface PdfVerification {
  valid: boolean;
  /** One line per problem, in Bahasa Indonesia. */
  problems: string[];
  /** Facts read from the document (shown also when valid). */
  info: {
    id?: string;
    kind?: string;
    version?: number;
    final?: boolean;
    dataSha256?: string;
    keyId?: string;
    pages?: number;
  };
  /** The verified document data (only when valid). */
  data?: AnyDocumentData;
}

function fileOfAttachment(doc: PDFDocument, name: string): Uint8Array | null {
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const ef = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const arr = ef?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (!arr) return null;
  for (let i = 0; i + 1 < arr.size(); i += 2) {
    const n = arr.lookup(i);
    const text = n instanceof PDFString || n instanceof PDFHexString ? n.decodeText() : '';
    if (text !== name) continue;
    const spec = arr.lookupMaybe(i + 1, PDFDict);
    const efDict = spec?.lookupMaybe(PDFName.of('EF'), PDFDict);
    const stream = efDict?.lookup(PDFName.of('F'));
    if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
    return null;
  }
  return null;
}

/** Decoded content of each page (all content streams concatenated). */
export function pageContents(doc: PDFDocument): Uint8Array[] {
  return doc.getPages().map((page) => {
    const c = page.node.Contents();
    const streams: PDFStream[] = [];
    if (c instanceof PDFArray) {
      for (let i = 0; i < c.size(); i++) {
        const s = c.lookup(i);
        if (s instanceof PDFStream) streams.push(s);
      }
    } else if (c instanceof PDFStream) streams.push(c);
    const parts = streams.map((s) => (s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents()));
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  });
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Reads the signed data embedded in a Pleno PDF without checking it (for the app's document list). */
export async function readEmbeddedData(bytes: Uint8Array): Promise<Uint8Array | null> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  return fileOfAttachment(doc, ATTACHMENT_NAME);
}

type Envelope = Extract<ReturnType<typeof parseEnvelopeBytes>, { ok: true }>['value'];

interface Opened {
  doc: PDFDocument;
  attached: Uint8Array;
  env: Envelope;
  data: AnyDocumentData;
}

/** Loads the PDF and its embedded signed data; a failed result when either cannot be read. */
async function openDocument(bytes: Uint8Array, info: PdfVerification['info']): Promise<Opened | PdfVerification> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { updateMetadata: false });
  } catch (err) {
    return { valid: false, problems: [`berkas bukan PDF yang dapat dibaca (${(err as Error).message})`], info };
  }
  info.pages = doc.getPageCount();
  let attached: Uint8Array | null;
  try {
    attached = fileOfAttachment(doc, ATTACHMENT_NAME);
  } catch (err) {
    return { valid: false, problems: [`data tertanam tidak dapat dibaca (${(err as Error).message})`], info };
  }
  if (!attached)
    return { valid: false, problems: [`bukan dokumen Pleno: tidak ada data tertanam ${ATTACHMENT_NAME}`], info };
  const env = parseEnvelopeBytes(attached);
  if (!env.ok) {
    const where = env.error.path ? env.error.path + ': ' : '';
    return { valid: false, problems: [`data tertanam rusak: ${where}${env.error.message}`], info };
  }
  const data = env.value.payload as unknown as AnyDocumentData;
  if (
    !(DOCUMENT_FORMATS as readonly string[]).includes(data.format) ||
    typeof data.meta !== 'object' ||
    data.meta === null
  ) {
    return { valid: false, problems: [`data tertanam bukan ${DOCUMENT_FORMATS.join(' atau ')}`], info };
  }
  return { doc, attached, env: env.value, data };
}

/** Whose key is expected: a PPK database's key, or a receiver (KPU kabupaten/kota) database's key. */
export type KeyHolder = 'ppk' | 'penerima';

const KEY_WORDS: Record<KeyHolder, { key: string; issuer: string }> = {
  ppk: { key: 'kunci PPK', issuer: 'dokumen PPK' },
  penerima: { key: 'kunci penerima KPU Kabupaten/Kota', issuer: 'dokumen KPU Kabupaten/Kota' },
};

/**
 * The signature over the data, the printed signer, and the expected key. The words name the key the document says
 * it is signed by (a kab/kota document: the receiver's), and the expected one as the database holds it.
 */
function signatureProblems(o: Opened, expected: { publicKey: string; holder: KeyHolder } | undefined): string[] {
  const sig = verifySelfSigned(o.env, nodeCrypto);
  if (!sig.ok)
    return [
      `tanda tangan data tidak sah: ${sig.error.message} (data tertanam telah diubah atau ditandatangani kunci lain)`,
    ];
  const own = KEY_WORDS[isKabDocument(o.data) ? 'penerima' : 'ppk'];
  const out: string[] = [];
  if (o.data.meta.signer !== sig.value.fingerprint) {
    out.push(
      `kunci penanda tangan ${sig.value.fingerprint} berbeda dengan ${own.key} yang tercetak (${String(o.data.meta.signer)})`,
    );
  }
  if (expected !== undefined && o.env.signature.publicKey !== expected.publicKey) {
    const held = KEY_WORDS[expected.holder];
    const why = held === own ? '' : ` (${own.issuer} ditandatangani ${own.key})`;
    out.push(`ditandatangani kunci ${sig.value.fingerprint}, bukan ${held.key} basis data ini${why}`);
  }
  return out;
}

/** Names up to 12 pages ("1, 2, 3 dan 9 lainnya"). */
function pageList(pages: number[]): string {
  return pages.length > 12 ? `${pages.slice(0, 12).join(', ')} dan ${pages.length - 12} lainnya` : pages.join(', ');
}

/**
 * What differs between the file and the pages re-rendered from its data, said precisely (pdf-resave.ts): numbers or
 * text on named pages; else added annotations, changed metadata, or only the file's structure (a re-save).
 */
async function pageProblems(doc: PDFDocument, again: Uint8Array): Promise<string[]> {
  const redrawn = await PDFDocument.load(again, { updateMetadata: false });
  const want = pageContents(redrawn);
  let have: Uint8Array[] = [];
  try {
    have = pageContents(doc);
  } catch (err) {
    return [`isi halaman tidak dapat dibaca (${(err as Error).message})`];
  }
  const problems: string[] = [];
  if (have.length !== want.length)
    problems.push(`jumlah halaman ${have.length}, seharusnya ${want.length} menurut data tertanam`);
  const differing: number[] = [];
  let respaced = false;
  for (let i = 0; i < Math.min(have.length, want.length); i++) {
    if (sameBytes(have[i]!, want[i]!)) continue;
    if (sameTokens(have[i]!, want[i]!)) respaced = true;
    else differing.push(i + 1);
  }
  if (differing.length > 0)
    problems.push(
      `isi halaman ${pageList(differing)} tidak sesuai dengan data tertanam (angka atau teks pada halaman diubah)`,
    );
  if (problems.length > 0) return problems;
  const annotated = pagesWithAddedAnnotations(doc, redrawn);
  if (annotated.length > 0)
    problems.push(`ada anotasi atau coretan tambahan pada halaman ${pageList(annotated)} (isi halaman sendiri sama)`);
  const info = changedInfo(doc, redrawn);
  if (info.length > 0)
    problems.push(`metadata berkas PDF diubah (${info.join(', ')}); isi halaman dan data bertanda tangan sama`);
  if (problems.length === 0)
    problems.push(
      `berkas PDF disimpan ulang oleh program lain (susunan berkas berbeda${respaced ? ', isi halaman ditulis ulang' : ''}): angka dan teks setiap halaman sama dengan data bertanda tangan, tetapi ini bukan berkas asli yang diterbitkan`,
    );
  return problems;
}

export async function verifyPdf(
  bytes: Uint8Array,
  opts: { expectedPublicKey?: string; expectedHolder?: KeyHolder } = {},
): Promise<PdfVerification> {
  const info: PdfVerification['info'] = {};
  const opened = await openDocument(bytes, info);
  if ('valid' in opened) return opened;
  const { data, attached } = opened;
  info.id = data.meta.id;
  info.kind = data.meta.kind;
  info.version = data.meta.version;
  info.final = data.meta.final;
  info.keyId = opened.env.signature.keyId;
  const problems: string[] = [];
  try {
    info.dataSha256 = dataHash(data);
  } catch {
    problems.push('data tertanam tidak dapat dikanonikalkan (RFC 8785)');
  }
  const expected =
    opts.expectedPublicKey === undefined
      ? undefined
      : { publicKey: opts.expectedPublicKey, holder: opts.expectedHolder ?? 'ppk' };
  problems.push(...signatureProblems(opened, expected));
  if (!(KNOWN_LAYOUTS as readonly string[]).includes(data.meta.layout)) {
    problems.push(
      `tata letak ${String(data.meta.layout)} tidak dikenal versi Pleno ini; halaman tidak dapat dicocokkan`,
    );
    return { valid: false, problems, info };
  }
  if (info.dataSha256 === undefined) return { valid: false, problems, info };
  let again: Uint8Array;
  try {
    again = (await renderPdf({ data, dataSha256: info.dataSha256, envelopeBytes: attached })).bytes;
  } catch (err) {
    problems.push(`halaman tidak dapat digambar ulang dari data tertanam (${(err as Error).message})`);
    return { valid: false, problems, info };
  }
  if (!sameBytes(again, bytes)) problems.push(...(await pageProblems(opened.doc, again)));
  return problems.length === 0 ? { valid: true, problems, info, data } : { valid: false, problems, info };
}
