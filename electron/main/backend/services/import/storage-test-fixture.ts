// Test support for the storage layer: a small kecamatan signed with real generated keys (a KPU key for the master,
// one key per KPPS device), signed C.Hasil records, bundles with real PNG photos, and a backend on a temp dir.
// Used by the storage tests and the killed-import test; not used by the app.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import type {
  CHasilCounts,
  CHasilRecord,
  DataMaster,
  MasterDesa,
  PemilihanId,
  SignedEnvelope,
} from '../../../../../shared/domain/model';
import { tpsCode } from '../../../../../shared/domain/model';
import { expectedSuratSuara } from '../../../../../shared/domain/rules/index';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { writeBundle, type BundlePhoto } from '../../../../../shared/formats/bundle';
import { generateKeyPair, sha256Hex, signPayload, type KeyPairText } from '../../crypto';
import { openBackend, type Backend } from '../../backend';

export interface FixtureDevice {
  id: string;
  tps: string;
  key: KeyPairText;
}

export interface StorageFixture {
  master: DataMaster;
  masterEnvelope: SignedEnvelope<DataMaster>;
  masterBytes: Uint8Array;
  kpu: KeyPairText;
  devices: Map<string, FixtureDevice>;
  tpsCodes: string[];
}

/** A master with `desaCount` desa × `tpsPerDesa` TPS, gubernur (2 paslon) and bupati (3 paslon), one device per TPS. */
export function makeFixture(
  opts: { desaCount?: number; tpsPerDesa?: number; simulasi?: boolean; kecamatanNama?: string } = {},
): StorageFixture {
  const desaCount = opts.desaCount ?? 2;
  const tpsPerDesa = opts.tpsPerDesa ?? 2;
  const sim = opts.simulasi === false ? '' : ' (SIMULASI)';
  const desa: MasterDesa[] = [];
  for (let d = 0; d < desaCount; d++) {
    const kode = `630214${String(2001 + d)}`;
    desa.push({
      kode,
      nama: `Desa Uji ${d + 1}`,
      tps: Array.from({ length: tpsPerDesa }, (_, i) => ({ nomor: i + 1, dpt: { l: 200 + i, p: 210 + d } })),
    });
  }
  const devices = new Map<string, FixtureDevice>();
  const tpsCodes: string[] = [];
  for (const d of desa) {
    for (const t of d.tps) {
      const code = tpsCode(d.kode, t.nomor);
      tpsCodes.push(code);
      devices.set(code, { id: `kpps-${code}`, tps: code, key: generateKeyPair() });
    }
  }
  const master: DataMaster = {
    format: 'pleno.master/1',
    provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    kecamatan: { kode: '630214', nama: opts.kecamatanNama ?? 'Hampang' },
    desa,
    pemilihan: [
      {
        id: 'gubernur',
        nama: `Pemilihan Gubernur${sim}`,
        wilayah: '63',
        pilihan: [
          { nomor: 1, nama: 'A – B' },
          { nomor: 2, nama: 'C – D' },
        ],
      },
      {
        id: 'bupati',
        nama: `Pemilihan Bupati${sim}`,
        wilayah: '6302',
        pilihan: [
          { nomor: 1, nama: 'E – F' },
          { nomor: 2, nama: 'G – H' },
          { nomor: 3, nama: 'I – J' },
        ],
      },
    ],
    ppk: [{ nama: 'Ketua Uji', jabatan: 'Ketua' }],
    perangkat: [...devices.values()].map((d) => ({ id: d.id, tps: d.tps, publicKey: d.key.publicKey })),
  };
  const kpu = generateKeyPair();
  const masterEnvelope = signPayload(master, kpu.privateKey, kpu.fingerprint, { includePublicKey: true });
  return {
    master,
    masterEnvelope,
    masterBytes: utf8Encode(JSON.stringify(masterEnvelope, null, 2)),
    kpu,
    devices,
    tpsCodes,
  };
}

/** Consistent counts (every error rule passes) for a TPS with this DPT and number of choices; `bump` varies votes. */
export function countsFor(dpt: { l: number; p: number }, pilihan: number, bump = 0): CHasilCounts {
  const penggunaL = Math.floor(dpt.l * 0.7);
  const penggunaP = Math.floor(dpt.p * 0.7);
  const total = penggunaL + penggunaP;
  const tidakSah = 4;
  const sah = total - tidakSah;
  const paslon = Array.from({ length: pilihan }, () => 0);
  for (let i = 0; i < pilihan; i++) paslon[i] = Math.floor(sah / pilihan);
  paslon[0]! += sah - paslon.reduce((a, b) => a + b, 0);
  if (bump !== 0 && pilihan > 1) {
    paslon[0]! -= bump;
    paslon[1]! += bump;
  }
  const diterima = expectedSuratSuara(dpt);
  return {
    pemilih: { dpt: { ...dpt }, dpph: { l: 0, p: 0 }, dptb: { l: 0, p: 0 }, jumlah: { ...dpt } },
    pengguna: {
      dpt: { l: penggunaL, p: penggunaP },
      dpph: { l: 0, p: 0 },
      dptb: { l: 0, p: 0 },
      jumlah: { l: penggunaL, p: penggunaP },
    },
    disabilitas: { pemilih: { l: 1, p: 1 }, pengguna: { l: 1, p: 0 } },
    suratSuara: { diterima, dikembalikan: 2, tidakDigunakan: diterima - total - 2, digunakan: total },
    suara: { paslon, sah, tidakSah, total },
  };
}

export function recordFor(
  fx: StorageFixture,
  tps: string,
  pemilihan: PemilihanId,
  opts: { bump?: number; foto?: { lembar: number; sha256: string }[] } = {},
): CHasilRecord {
  const desa = fx.master.desa.find((d) => d.kode === tps.slice(0, 10))!;
  const t = desa.tps.find((x) => x.nomor === Number(tps.slice(10)))!;
  const pem = fx.master.pemilihan.find((p) => p.id === pemilihan)!;
  return {
    format: 'pleno.c-hasil/1',
    tps,
    pemilihan,
    ...countsFor(t.dpt, pem.pilihan.length, opts.bump ?? 0),
    foto: opts.foto ?? [],
    perangkat: fx.devices.get(tps)!.id,
    dibuat: '2024-11-27T14:05:00+08:00',
  };
}

/** Signed by the TPS's device (or another key/keyId when given). */
export function signRecord(
  fx: StorageFixture,
  payload: unknown,
  signer?: { privateKey: string; keyId: string },
): SignedEnvelope<unknown> {
  const tps = (payload as { tps: string }).tps;
  const dev = fx.devices.get(tps);
  const s = signer ?? { privateKey: dev!.key.privateKey, keyId: dev!.id };
  return signPayload(payload, s.privateKey, s.keyId);
}

export function envelopeBytes(env: unknown): Uint8Array {
  return utf8Encode(JSON.stringify(env));
}

/** A real PNG (8×8, colour from the seed) with its SHA-256. */
export function makePhoto(seed: number): { sha256: string; ext: 'png'; bytes: Uint8Array } {
  const png = new PNG({ width: 8, height: 8 });
  for (let i = 0; i < png.data.length; i += 4) {
    png.data[i] = seed & 0xff;
    png.data[i + 1] = (seed >> 8) & 0xff;
    png.data[i + 2] = (i * 7 + seed) & 0xff;
    png.data[i + 3] = 255;
  }
  const bytes = new Uint8Array(PNG.sync.write(png));
  return { sha256: sha256Hex(bytes), ext: 'png', bytes };
}

/** A TPS bundle: both pemilihan signed by the TPS device, each with one photo (seeded). */
export function makeBundle(
  fx: StorageFixture,
  tps: string,
  opts: { bump?: number; photoSeed?: number } = {},
): Uint8Array {
  const photos = new Map<string, BundlePhoto>();
  const results = (['gubernur', 'bupati'] as const).map((pem, i) => {
    const ph = makePhoto((opts.photoSeed ?? Number(tps.slice(-6))) * 2 + i);
    photos.set(ph.sha256, { ext: 'png', bytes: ph.bytes });
    const rec = recordFor(fx, tps, pem, { bump: opts.bump ?? 0, foto: [{ lembar: 1, sha256: ph.sha256 }] });
    return { pemilihan: pem, envelope: signRecord(fx, rec) };
  });
  return writeBundle({ results, photos });
}

export interface TestBackend {
  backend: Backend;
  dir: string;
  dbPath: string;
  close(): Promise<void>;
}

/** A backend on a fresh database in a temp dir; with `fx`, its master imported. */
export async function openTestBackend(prefix = 'pleno-storage-'): Promise<TestBackend> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'uji.db');
  const backend = await openBackend({ dbPath, mode: 'web' });
  return {
    backend,
    dir,
    dbPath,
    async close() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
