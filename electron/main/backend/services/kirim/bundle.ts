// Offline push (docs/design.md §4.4): one stored ZIP `<kecamatan>-<pemilihan>-<urutan>.pleno-kirim` per manifest
// without a receipt (manifest.json, objek/<sha256>.json, berkas/<sha256>), and the receipt carried back on the drive.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import type { BackendContext } from '../../context';
import {
  currentPenerima,
  getBerkas,
  getManifest,
  getObjek,
  latestTandaTerima,
  listManifests,
} from '../../repositories/kirim.repo';
import { sha256Hex } from '../../crypto';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import { kirimBundleName, type KirimManifest, type TandaTerima } from '../../../../../shared/formats/kirim';
import { storeReceipt } from './steps';

/** Largest receipt file read (a receipt is well under 2 KB). */
const MAX_RECEIPT = 64 * 1024;

/** Writes one bundle per manifest without a receipt into `outDir`; returns the file names. */
export function exportBundles(ctx: Pick<BackendContext, 'db' | 'dataDir'>, outDir: string): Result<string[]> {
  const names: string[] = [];
  for (const row of listManifests(ctx.db)) {
    if (latestTandaTerima(ctx.db, row.sha256)) continue;
    const m = (JSON.parse(row.envelopeJson) as SignedEnvelope<KirimManifest>).payload;
    const files: Zippable = { 'manifest.json': Buffer.from(row.envelopeJson, 'utf8') };
    for (const o of m.objek) {
      const objek = getObjek(ctx.db, o.sha256);
      if (!objek) throw new Error(`kirim ekspor: object ${o.sha256} of manifest ${row.sha256} missing`);
      files[`objek/${o.sha256}.json`] = Buffer.from(objek.envelopeJson, 'utf8');
    }
    for (const b of m.berkas) {
      const stored = getBerkas(ctx.db, b.sha256);
      let bytes: Buffer;
      try {
        bytes = readFileSync(path.join(ctx.dataDir, stored?.lokasi ?? 'x'));
      } catch {
        continue; // not on this laptop any more: the receiver answers menunggu-berkas
      }
      if (sha256Hex(bytes) === b.sha256) files[`berkas/${b.sha256}`] = bytes;
    }
    const name = kirimBundleName(m.kecamatan, m.pemilihan, m.urutan);
    const tmp = path.join(outDir, `${name}.tmp`);
    writeFileSync(tmp, zipSync(files, { level: 0 }));
    renameSync(tmp, path.join(outDir, name));
    names.push(name);
  }
  return ok(names);
}

/** Imports a receipt file carried back: verified under the certificate key against the manifest it names. */
export function importReceiptFile(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  bytes: Uint8Array,
): Result<{ receipt: TandaTerima }> {
  const penerima = currentPenerima(ctx.db);
  if (!penerima) return fail('CONFLICT', 'Penerima belum dipasang: pasang sertifikat penerima dulu.');
  if (bytes.length > MAX_RECEIPT) return fail('INVALID_INPUT', 'Berkas tanda terima terlalu besar.');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(bytes).toString('utf8'));
  } catch {
    return fail('INVALID_INPUT', 'Berkas tanda terima bukan JSON yang sah.');
  }
  const address = (json as { payload?: { manifest?: unknown } } | null)?.payload?.manifest;
  const row = typeof address === 'string' ? getManifest(ctx.db, address) : undefined;
  if (!row) return fail('INVALID_INPUT', 'Tanda terima ini bukan untuk kiriman dari basis data ini.');
  const stored = storeReceipt(ctx, penerima, row, json, 'berkas');
  if (!stored.ok) return fail('INVALID_INPUT', `Tanda terima ditolak: ${stored.error.message}.`);
  return ok({ receipt: stored.value });
}
