// The receipt of an imported bundle, carried back (docs/design.md §4.4): written as `tanda-terima/<manifest>.json`
// in the folder holding the bundle on the drive, and shown as a QR in the `PLN1:` text of docs/design.md §3.4 (the
// receipt is a signed envelope like any other, so the kecamatan decodes it with the QR reader it already has).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import QRCode from 'qrcode';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import { receiptPathFor } from '../../../../../shared/formats/kirim';
import { encodeQrParts } from '../../../../../shared/formats/qr';
import { renderQrPng } from '../qr/qr-render';

/** Writes the receipt's exact bytes beside the bundle; returns the path written. */
export function writeReceiptBeside(bundlePath: string, manifest: string, receiptJson: string): string {
  const target = join(dirname(bundlePath), receiptPathFor(manifest));
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.tmp`;
  writeFileSync(tmp, receiptJson);
  renameSync(tmp, target);
  return target;
}

/** The QR text(s) of a receipt (one part: a receipt is well under 1,000 characters once deflated). */
export function receiptQrTexts(receiptJson: string): string[] {
  return encodeQrParts(JSON.parse(receiptJson) as SignedEnvelope<unknown>);
}

/** The QR picture(s) of a receipt; `scale` pixels per module (whole pixels keep it sharp on screen). */
export async function receiptQrPngs(receiptJson: string, scale?: number): Promise<Uint8Array[]> {
  return Promise.all(receiptQrTexts(receiptJson).map((t) => renderQrPng(t, { scale })));
}

/** The QR drawn with block characters for a terminal (`pleno penerima impor --qr`). */
export async function receiptQrTerminal(receiptJson: string): Promise<string> {
  const out: string[] = [];
  for (const t of receiptQrTexts(receiptJson))
    out.push(await QRCode.toString(t, { type: 'utf8', errorCorrectionLevel: 'M' }));
  return out.join('\n');
}
