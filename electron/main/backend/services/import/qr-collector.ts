// QR images in a file import: decode the codes in an image (channels' services/qr/qr-image.ts) and assemble
// `PLN1:` texts across images into envelopes (formats' QrAssembler), remembering which files carried which parts
// so that every image of a multi-part code gets the code's outcome.
import { QrAssembler } from '../../../../../shared/formats/qr';
import { decodeQrImage } from '../qr/qr-image';
import { englishReason } from './reasons';

export type QrImageDecode = { ok: true; texts: string[] } | { ok: false; reason: string };

/** Every QR text in a PNG/JPEG; never throws. */
export async function decodeQrFromImage(bytes: Uint8Array): Promise<QrImageDecode> {
  try {
    return { ok: true, texts: await decodeQrImage(bytes) };
  } catch (err) {
    return { ok: false, reason: (err as Error).message };
  }
}

export interface QrDone {
  envelopes: { json: string; files: string[] }[];
  errors: { reason: string; english: string; files: string[] }[];
}

export interface QrIncomplete {
  reason: string;
  english: string;
  /** Files that carried parts of the set, in arrival order. */
  files: string[];
}

const unique = (xs: string[]) => [...new Set(xs)];

/** Collects scanned texts; single codes complete at once, multi-part codes when all parts are in (any order). */
export class QrCollector {
  private readonly assembler = new QrAssembler();
  private readonly fileOf = new Map<string, string>();
  private done: QrDone = { envelopes: [], errors: [] };

  /** Returns true when the text is a Pleno QR text (`PLN1:`), which is then consumed. */
  add(text: string, file: string): boolean {
    if (!text.startsWith('PLN1:')) return false;
    if (!this.fileOf.has(text)) this.fileOf.set(text, file);
    const r = this.assembler.add(text);
    const files = (texts: string[]) => unique([...texts.map((t) => this.fileOf.get(t) ?? file), file]);
    if (r.status === 'complete') this.done.envelopes.push({ json: r.envelopeJson, files: files(r.texts) });
    else if (r.status === 'error')
      this.done.errors.push({ reason: r.message, english: englishReason(r.code), files: files(r.texts) });
    return true;
  }

  /** Envelopes completed and errors since the last take(). */
  take(): QrDone {
    const d = this.done;
    this.done = { envelopes: [], errors: [] };
    return d;
  }

  /** Sets still missing parts (call at the end of a run). */
  incomplete(): QrIncomplete[] {
    const texts = this.assembler.pendingTexts();
    return this.assembler.pending().map((p) => {
      const files = unique(
        texts
          .filter((t) => t.startsWith(`PLN1:`) && t.split(':')[1]?.endsWith(`/${p.total}`))
          .map((t) => this.fileOf.get(t) ?? '?'),
      );
      return {
        reason: `kode QR Pleno belum lengkap: ${p.have} dari ${p.total} bagian (kurang bagian ${p.missing.join(', ')})`,
        english: `incomplete multi-part QR code: ${p.have} of ${p.total} parts`,
        files,
      };
    });
  }
}
