// Handlers of the receiver (kab/kota) screens (shared/contracts/penerima.contract.ts). A kecamatan database answers
// every method with a clear sentence instead (the mode is explicit: docs/design.md §4).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import type { penerimaMethods } from '../../../../shared/contracts/penerima.contract';
import { formatFingerprint } from '../../../../shared/formats/envelope';
import type { BackendContext } from '../context';
import { receiverAddress } from '../penerima/receiver-status';
import { getPenerima, hasBerkas, listPenerimaMasters, listUnknownKeys } from '../repositories/penerima.repo';
import { berkasDir } from '../services/penerima/berkas-store';
import { initPenerima, registerPpkKey } from '../services/penerima/setup.service';
import { penerimaDashboard, penerimaKecamatan, penerimaTrace } from '../services/penerima/view.service';
import type { FeatureHandlers } from './index';

const NOT_RECEIVER = 'Basis data ini adalah basis data kecamatan, bukan penerima kabupaten/kota.';

function found<T>(v: T | null, what: string): Result<T> {
  return v === null ? fail('NOT_FOUND', what) : ok(v);
}

function photo(ctx: BackendContext, sha256: string): Result<{ sha256: string; mime: string; base64: string }> {
  if (!hasBerkas(ctx.db, sha256)) return fail('NOT_FOUND', 'Foto ini belum diterima dari kecamatan.');
  const bytes = readFileSync(join(berkasDir(ctx), sha256));
  const mime = bytes[0] === 0x89 ? 'image/png' : bytes[0] === 0xff ? 'image/jpeg' : 'application/octet-stream';
  return ok({ sha256, mime, base64: bytes.toString('base64') });
}

function unknownKeys(ctx: BackendContext) {
  const names = new Map(listPenerimaMasters(ctx.db).map((m) => [m.kecamatan, m.nama]));
  return ok({
    kunci: listUnknownKeys(ctx.db).map((k) => ({
      keyId: k.keyId,
      fingerprint: formatFingerprint(k.keyId),
      publicKey: k.publicKey,
      kecamatan: k.kecamatan,
      nama: names.get(k.kecamatan) ?? k.kecamatan,
      waktu: k.createdAt,
    })),
  });
}

export function penerimaHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof penerimaMethods> {
  const receiver = <T>(body: () => Result<T>): Result<T> =>
    getPenerima(ctx.db) ? body() : fail('NO_KECAMATAN', NOT_RECEIVER);
  return {
    handlers: {
      'penerima.dashboard': () => receiver(() => found(penerimaDashboard(ctx.db), NOT_RECEIVER)),
      'penerima.alamat': () => receiver(() => found(receiverAddress(ctx), NOT_RECEIVER)),
      'penerima.kecamatan': (i) =>
        receiver(() =>
          found(penerimaKecamatan(ctx.db, i.kode, i.pemilihan), `Kecamatan ${i.kode} tidak ada di penerima ini.`),
        ),
      'penerima.trace': (i) =>
        receiver(() =>
          found(
            penerimaTrace(ctx.db, i.kecamatan, i.pemilihan, i.tps),
            'TPS ini tidak ada di D.Hasil terakhir yang diterima dari kecamatannya.',
          ),
        ),
      'penerima.photo': (i) => receiver(() => photo(ctx, i.sha256)),
      'penerima.unknownKeys': () => receiver(() => unknownKeys(ctx)),
      'penerima.registerKey': (i) =>
        receiver(() => {
          const r = registerPpkKey(ctx, { ...i, actor: 'operator' });
          return r.ok ? ok({ fingerprint: formatFingerprint(r.value.fingerprint) }) : r;
        }),
      'penerima.init': (i) => {
        const files = i.files.map((f) => ({
          name: f.fileName,
          bytes: new Uint8Array(Buffer.from(f.contentBase64, 'base64')),
        }));
        const r = initPenerima(ctx, files, 'operator');
        if (!r.ok) return r;
        return ok({
          kabkota: r.value.kabkota.nama,
          fingerprint: formatFingerprint(r.value.fingerprint),
          kecamatan: r.value.added.length + r.value.unchanged.length,
        });
      },
    },
  };
}
