// QR images in a file import: decode the codes in an image (channels' services/qr/qr-image.ts) and collect
// `PLN1:` texts across images until an envelope is complete (formats' QR text codec does the decoding).
import { decodeQrImage } from '../qr/qr-image';

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

/**
 * Collects `PLN1:` texts. Single-part texts complete at once; multi-part ones when all n parts are in.
 * (Interim: until shared/formats/qr.ts lands, PLN1 texts are reported as not yet readable.)
 */
export class QrCollector {
  private pending: { reason: string; english: string; files: string[] }[] = [];

  /** Returns true when the text is a Pleno QR text (PLN1:). */
  add(text: string, file: string): boolean {
    if (!text.startsWith('PLN1:')) return false;
    this.pending.push({
      reason: 'kode QR Pleno belum dapat dibaca oleh versi ini',
      english: 'Pleno QR text decoding not available yet',
      files: [file],
    });
    return true;
  }

  take(): QrDone {
    const errors = this.pending;
    this.pending = [];
    return { envelopes: [], errors };
  }

  incomplete(): { reason: string; english: string; lastFile: string }[] {
    return [];
  }
}
