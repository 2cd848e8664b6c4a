// The demo's use of the shared codecs (formats owns them): TPS bundles (writeBundle) and QR texts (encodeQrParts).
import type { CHasilRecord, SignedEnvelope } from '../../../../../shared/domain/model';
import { type BundlePhoto, writeBundle } from '../../../../../shared/formats/bundle';
import { encodeQrParts } from '../../../../../shared/formats/qr';
import type { DemoRecord } from './demo-types';

/** `<tps>.pleno` bytes holding the records of one TPS and their photos. */
export function buildDemoBundle(records: readonly DemoRecord[]): Uint8Array {
  const photos = new Map<string, BundlePhoto>();
  for (const r of records) for (const p of r.photos) photos.set(p.sha256, { ext: p.ext, bytes: p.bytes });
  return writeBundle({ results: records.map((r) => ({ pemilihan: r.pemilihan, envelope: r.envelope })), photos });
}

/** The `PLN1:` QR texts of one envelope (one or several parts; maxTextLength splits into smaller parts). */
export function encodeDemoQr(envelope: SignedEnvelope<CHasilRecord>, maxTextLength?: number): string[] {
  return encodeQrParts(envelope, maxTextLength === undefined ? {} : { maxTextLength });
}
