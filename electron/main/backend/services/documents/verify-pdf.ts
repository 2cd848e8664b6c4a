// Verification of a document PDF issued by Pleno (`pleno verify <file.pdf>`):
//  1. the attached `pleno-dokumen.json` is a signed envelope of pleno.document/1 data, self-signed by a PPK key
//     (keyId = fingerprint of the carried key) and the signature is valid over JCS(data);
//  2. the key is the expected PPK key when one is given (the database's), and equals meta.signer printed on the pages;
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
import { DOCUMENT_FORMATS, KNOWN_LAYOUTS, type DocumentData } from '../../../../../shared/documents/types';
import { nodeCrypto } from '../../crypto';
import { ATTACHMENT_NAME, renderPdf } from './pdf-renderer';
import { dataHash } from './signed-pdf';

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

export async function verifyPdf(
  bytes: Uint8Array,
  opts: { expectedPublicKey?: string } = {},
): Promise<PdfVerification> {
  const problems: string[] = [];
  const info: PdfVerification['info'] = {};
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
    attached = null;
    problems.push(`data tertanam tidak dapat dibaca (${(err as Error).message})`);
  }
  if (!attached) {
    if (problems.length === 0) problems.push(`bukan dokumen Pleno: tidak ada data tertanam ${ATTACHMENT_NAME}`);
    return { valid: false, problems, info };
  }
  const env = parseEnvelopeBytes(attached);
  if (!env.ok) {
    return {
      valid: false,
      problems: [`data tertanam rusak: ${env.error.path ? env.error.path + ': ' : ''}${env.error.message}`],
      info,
    };
  }
  const data = env.value.payload as unknown as DocumentData;
  if (
    !(DOCUMENT_FORMATS as readonly string[]).includes(data.format) ||
    typeof data.meta !== 'object' ||
    data.meta === null
  ) {
    return { valid: false, problems: [`data tertanam bukan ${DOCUMENT_FORMATS.join(' atau ')}`], info };
  }
  info.id = data.meta.id;
  info.kind = data.meta.kind;
  info.version = data.meta.version;
  info.final = data.meta.final;
  info.keyId = env.value.signature.keyId;
  try {
    info.dataSha256 = dataHash(data);
  } catch {
    problems.push('data tertanam tidak dapat dikanonikalkan (RFC 8785)');
  }

  const sig = verifySelfSigned(env.value, nodeCrypto);
  if (!sig.ok) {
    problems.push(
      `tanda tangan data tidak sah: ${sig.error.message} (data tertanam telah diubah atau ditandatangani kunci lain)`,
    );
  } else {
    if (data.meta.signer !== sig.value.fingerprint) {
      problems.push(
        `kunci penanda tangan ${sig.value.fingerprint} berbeda dengan kunci PPK yang tercetak (${String(data.meta.signer)})`,
      );
    }
    if (opts.expectedPublicKey !== undefined && env.value.signature.publicKey !== opts.expectedPublicKey) {
      problems.push(`ditandatangani kunci ${sig.value.fingerprint}, bukan kunci PPK basis data ini`);
    }
  }

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
  if (!sameBytes(again, bytes)) {
    const expected = await PDFDocument.load(again, { updateMetadata: false });
    const want = pageContents(expected);
    let have: Uint8Array[] = [];
    try {
      have = pageContents(doc);
    } catch (err) {
      problems.push(`isi halaman tidak dapat dibaca (${(err as Error).message})`);
    }
    if (have.length !== want.length) {
      problems.push(`jumlah halaman ${have.length}, seharusnya ${want.length} menurut data tertanam`);
    }
    const differing: number[] = [];
    for (let i = 0; i < Math.min(have.length, want.length); i++)
      if (!sameBytes(have[i]!, want[i]!)) differing.push(i + 1);
    if (differing.length > 0) {
      const list =
        differing.length > 12
          ? `${differing.slice(0, 12).join(', ')} dan ${differing.length - 12} lainnya`
          : differing.join(', ');
      problems.push(`isi halaman ${list} tidak sesuai dengan data tertanam (angka atau teks pada halaman diubah)`);
    }
    if (problems.length === 0) {
      problems.push(
        'berkas PDF diubah di luar isi halaman (objek, huruf, gambar atau metadata berbeda dari hasil gambar ulang data)',
      );
    }
  }
  return { valid: problems.length === 0, problems, info };
}
