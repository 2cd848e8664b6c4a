// The one builder of test records: a small kecamatan signed with real generated keys (a KPU kab/kota key for the
// master, one KPPS device key per TPS), consistent C.Hasil records signed like a phone would, bundles with real PNG
// photos, and a backend on a fresh SQLite file in a temp folder (outside the repository). The backend is loaded only
// when one is opened, so e2e specs can build records without loading the database code into the Playwright runner.
//
//   makeFixture({ desaCount?, tpsPerDesa?, simulasi?, kecamatanNama? }) → StorageFixture   master and keys only
//   recordFor / signRecord / envelopeBytes / makeBundle / makePhoto / countsFor              records from a fixture
//   openTestBackend(prefix?) → TestBackend                                                   an empty backend
//   createKecamatanFixture({ desa?, tpsPerDesa?, dir?, simulasi? }) → KecamatanFixture                  a backend with the master
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { zipSync, type Zippable } from 'fflate';
import { canonicalize } from '../../shared/formats/canonical';
import type {
  CHasilCounts,
  CHasilRecord,
  DataMaster,
  LP,
  MasterDesa,
  PemilihanId,
  SignedEnvelope,
} from '../../shared/domain/model';
import { tpsCode } from '../../shared/domain/model';
import { expectedSuratSuara } from '../../shared/domain/rules/index';
import { type BundlePhoto, writeBundle } from '../../shared/formats/bundle';
import { utf8Encode } from '../../shared/formats/bytes';
import type { Backend } from '../../electron/main/backend/backend';
import { type KeyPairText, generateKeyPair, sha256Hex, signPayload } from '../../electron/main/backend/crypto';

/** A KPPS device of one TPS: its registered id and its key pair (both as fields and as `key`). */
export interface FixtureDevice {
  id: string;
  tps: string;
  publicKey: string;
  privateKey: string;
  key: KeyPairText;
}

export interface StorageFixture {
  master: DataMaster;
  masterEnvelope: SignedEnvelope<DataMaster>;
  masterBytes: Uint8Array;
  kpu: KeyPairText;
  /** One device per TPS, in TPS order. */
  devices: Map<string, FixtureDevice>;
  tpsCodes: string[];
}

/** DPT of TPS `nomor` (from 1) of desa index `d` (from 0): varied, each between 200 and 295. */
function dptOf(d: number, nomor: number): LP {
  return { l: 200 + ((d * 7 + nomor * 13) % 90), p: 205 + ((d * 11 + nomor * 5) % 90) };
}

/** A master with `desaCount` desa × `tpsPerDesa` TPS, gubernur (2 paslon) and bupati (3 paslon), one device per TPS. */
export function makeFixture(
  opts: {
    desaCount?: number;
    tpsPerDesa?: number;
    simulasi?: boolean;
    kecamatanNama?: string;
    kecamatanKode?: string;
  } = {},
): StorageFixture {
  const desaCount = opts.desaCount ?? 2;
  const tpsPerDesa = opts.tpsPerDesa ?? 2;
  const desa: MasterDesa[] = [];
  const devices = new Map<string, FixtureDevice>();
  for (let d = 0; d < desaCount; d++) {
    const kode = `${opts.kecamatanKode ?? '630214'}${String(2001 + d)}`;
    const tps = Array.from({ length: tpsPerDesa }, (_, i) => ({ nomor: i + 1, dpt: dptOf(d, i + 1) }));
    desa.push({ kode, nama: `Desa Uji ${d + 1}`, tps });
    for (const t of tps) {
      const code = tpsCode(kode, t.nomor);
      const key = generateKeyPair();
      devices.set(code, { id: `kpps-${code}`, tps: code, publicKey: key.publicKey, privateKey: key.privateKey, key });
    }
  }
  const master = masterOf(desa, devices, opts);
  const kpu = generateKeyPair();
  const masterEnvelope = signPayload(master, kpu.privateKey, kpu.fingerprint, { includePublicKey: true });
  return {
    master,
    masterEnvelope,
    masterBytes: utf8Encode(JSON.stringify(masterEnvelope, null, 2)),
    kpu,
    devices,
    tpsCodes: [...devices.keys()],
  };
}

function masterOf(
  desa: MasterDesa[],
  devices: Map<string, FixtureDevice>,
  opts: { simulasi?: boolean; kecamatanNama?: string; kecamatanKode?: string },
): DataMaster {
  const sim = opts.simulasi === false ? '' : ' (SIMULASI)';
  return {
    format: 'pleno.master/1',
    provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    kecamatan: { kode: opts.kecamatanKode ?? '630214', nama: opts.kecamatanNama ?? 'Hampang' },
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
    ppk: [
      { nama: 'Ketua Uji', jabatan: 'Ketua' },
      { nama: 'Anggota Uji', jabatan: 'Anggota' },
    ],
    perangkat: [...devices.values()].map((d) => ({ id: d.id, tps: d.tps, publicKey: d.publicKey })),
  };
}

/**
 * Consistent counts (every error rule passes) for a TPS with this DPT and number of choices; `bump` moves that many
 * votes from paslon 2 to paslon 1 (a different submission for the same TPS).
 */
export function countsFor(dpt: LP, pilihan: number, bump = 0): CHasilCounts {
  const penggunaL = Math.floor(dpt.l * 0.8);
  const penggunaP = Math.floor(dpt.p * 0.8);
  const total = penggunaL + penggunaP;
  const tidakSah = 10;
  const sah = total - tidakSah;
  const paslon = Array.from({ length: pilihan }, (_, i) => Math.floor(sah / pilihan) + (i === 0 ? sah % pilihan : 0));
  if (bump !== 0 && pilihan > 1) {
    paslon[0]! += bump;
    paslon[1]! -= bump;
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
  const desa = fx.master.desa.find((d) => d.kode === tps.slice(0, 10));
  const t = desa?.tps.find((x) => x.nomor === Number(tps.slice(10)));
  if (!t) throw new Error(`unknown TPS ${tps}`);
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
export function signRecord<P>(
  fx: StorageFixture,
  payload: P,
  signer?: { privateKey: string; keyId: string },
): SignedEnvelope<P> {
  const tps = (payload as { tps: string }).tps;
  const dev = fx.devices.get(tps);
  const s = signer ?? { privateKey: dev!.privateKey, keyId: dev!.id };
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

/** A TPS bundle: both pemilihan signed by the TPS device, each with its own photo (seeded by the TPS code). */
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

/**
 * A valid bundle of `tps` (both pemilihan signed by its device) with four photo entries of almost 20 MiB each: one
 * random byte in 64 deflates about 20:1, under the reader's 100:1 bomb ratio, so it is within every bundle limit and
 * slow to read (~0.3–0.8 s here: 80 MiB inflated, hashed and staged).
 */
export function heavyBundle(fx: StorageFixture, tps: string, level: 1 | 6 = 6): Uint8Array {
  const files: Zippable = {};
  for (const pem of ['bupati', 'gubernur'] as const) {
    const env = signRecord(fx, recordFor(fx, tps, pem, { foto: [] }));
    files[`results/${pem}.json`] = [utf8Encode(canonicalize(env)), { level: 6 }];
  }
  for (let i = 0; i < 4; i++) {
    const bytes = new Uint8Array(20 * 1024 * 1024 - 4096);
    const noise = randomBytes(bytes.length >> 6);
    for (let j = 0; j < noise.length; j++) bytes[j << 6] = noise[j]!;
    bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, i]); // the PNG magic number the reader checks
    files[`foto/${sha256Hex(bytes)}.png`] = [bytes, { level }];
  }
  return zipSync(files);
}

export interface TestBackend {
  backend: Backend;
  dir: string;
  dbPath: string;
  close(): Promise<void>;
}

/** A backend on a fresh database in a temp dir (no master yet). */
export async function openTestBackend(prefix = 'pleno-storage-'): Promise<TestBackend> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const dbPath = join(dir, 'uji.db');
  const { openBackend } = await import('../../electron/main/backend/backend');
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

/** A backend whose master is imported, with record helpers bound to it (channel tests and benchmarks). */
export interface KecamatanFixture {
  dir: string;
  dbPath: string;
  backend: Backend;
  master: DataMaster;
  /** The KPU kab/kota key that signed the data master (signs receiver certificates in the push tests). */
  kpu: KeyPairText;
  /** One device per TPS, in TPS order. */
  devices: FixtureDevice[];
  /** The master, keys and records this fixture is built from. */
  records: StorageFixture;
  deviceFor(tps: string): FixtureDevice;
  /** A consistent record of a TPS; `variant` moves a few votes (a different submission for the same TPS). */
  record(tps: string, pemilihan: PemilihanId, variant?: number): CHasilRecord;
  /** The record signed by the TPS's device (or `signer`), as JSON bytes. */
  envelopeBytes(record: CHasilRecord, signer?: { id: string; privateKey: string }): Uint8Array;
  /** A `.pleno` bundle of the TPS with both pemilihan and one photo per record. */
  bundleBytes(tps: string, variant?: number): Uint8Array;
  close(): Promise<void>;
}

export async function createKecamatanFixture(
  opts: {
    desa?: number;
    tpsPerDesa?: number;
    dir?: string;
    simulasi?: boolean;
    kecamatan?: { kode: string; nama: string };
  } = {},
): Promise<KecamatanFixture> {
  const fx = makeFixture({
    desaCount: opts.desa ?? 2,
    tpsPerDesa: opts.tpsPerDesa ?? 3,
    ...(opts.simulasi === undefined ? {} : { simulasi: opts.simulasi }),
    ...(opts.kecamatan ? { kecamatanKode: opts.kecamatan.kode, kecamatanNama: opts.kecamatan.nama } : {}),
  });
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pleno-kec-'));
  const dbPath = join(dir, 'kecamatan.db');
  const { openBackend } = await import('../../electron/main/backend/backend');
  const { importMaster } = await import('../../electron/main/backend/services/master/master.service');
  const backend = await openBackend({ dbPath, mode: 'web' });
  const imported = importMaster(backend.ctx, fx.masterBytes, { fileName: 'master.json' });
  if (!imported.ok) throw new Error(`fixture master import failed: ${imported.error.message}`);
  return {
    dir,
    dbPath,
    backend,
    master: fx.master,
    kpu: fx.kpu,
    devices: [...fx.devices.values()],
    records: fx,
    deviceFor(tps) {
      const d = fx.devices.get(tps);
      if (!d) throw new Error(`no device for ${tps}`);
      return d;
    },
    record: (tps, pemilihan, variant = 0) => recordFor(fx, tps, pemilihan, { bump: variant }),
    envelopeBytes: (record, signer) =>
      envelopeBytes(signRecord(fx, record, signer && { privateKey: signer.privateKey, keyId: signer.id })),
    bundleBytes: (tps, variant = 0) => makeBundle(fx, tps, { bump: variant }),
    async close() {
      await backend.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
