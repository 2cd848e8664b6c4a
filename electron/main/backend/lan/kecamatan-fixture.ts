// A real kecamatan for channel tests and benchmarks: a signed data master with generated KPPS device keys, opened
// through openBackend on a fresh SQLite file in a temp folder, and helpers that sign records like a phone would.
// Not used by the app itself.
//
//   createKecamatanFixture({ desa?, tpsPerDesa?, dir? }) → Promise<KecamatanFixture>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair, sha256Hex, signPayload } from '../crypto';
import { openBackend, type Backend } from '../backend';
import { importMaster } from '../services/master/master.service';
import { writeBundle } from '../../../../shared/formats/bundle';
import { utf8Encode } from '../../../../shared/formats/bytes';
import type { CHasilRecord, DataMaster, PemilihanId } from '../../../../shared/domain/model';
import { tpsCode } from '../../../../shared/domain/model';

export interface FixtureDevice {
  id: string;
  tps: string;
  publicKey: string;
  privateKey: string;
}

export interface KecamatanFixture {
  dir: string;
  dbPath: string;
  backend: Backend;
  master: DataMaster;
  /** The KPU kab/kota key that signed the data master (signs receiver certificates in the push tests). */
  kpu: { publicKey: string; privateKey: string; fingerprint: string };
  /** One device per TPS, in TPS order. */
  devices: FixtureDevice[];
  deviceFor(tps: string): FixtureDevice;
  /** A consistent record of a TPS; `variant` shifts a few votes (a different submission for the same TPS). */
  record(tps: string, pemilihan: PemilihanId, variant?: number): CHasilRecord;
  /** The record signed by the TPS's device (or `signer`), as JSON bytes. */
  envelopeBytes(record: CHasilRecord, signer?: FixtureDevice): Uint8Array;
  /** A `.pleno` bundle of the TPS with both pemilihan and one photo per record. */
  bundleBytes(tps: string, variant?: number): Uint8Array;
  close(): Promise<void>;
}

export async function createKecamatanFixture(
  opts: { desa?: number; tpsPerDesa?: number; dir?: string } = {},
): Promise<KecamatanFixture> {
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pleno-kec-'));
  const desaCount = opts.desa ?? 2;
  const tpsPerDesa = opts.tpsPerDesa ?? 3;
  const devices: FixtureDevice[] = [];
  const desa: DataMaster['desa'] = [];
  for (let d = 0; d < desaCount; d++) {
    const kode = `630214${String(2001 + d)}`;
    const tps: DataMaster['desa'][number]['tps'] = [];
    for (let n = 1; n <= tpsPerDesa; n++) {
      tps.push({ nomor: n, dpt: { l: 200 + ((d * 7 + n * 13) % 90), p: 205 + ((d * 11 + n * 5) % 90) } });
      const k = generateKeyPair();
      const code = tpsCode(kode, n);
      devices.push({ id: `kpps-${code}`, tps: code, publicKey: k.publicKey, privateKey: k.privateKey });
    }
    desa.push({ kode, nama: `Desa Uji ${d + 1}`, tps });
  }
  const master: DataMaster = {
    format: 'pleno.master/1',
    provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    kecamatan: { kode: '630214', nama: 'Hampang' },
    desa,
    pemilihan: [
      {
        id: 'gubernur',
        nama: 'SIMULASI Gubernur',
        wilayah: '63',
        pilihan: [
          { nomor: 1, nama: 'A – B' },
          { nomor: 2, nama: 'C – D' },
        ],
      },
      {
        id: 'bupati',
        nama: 'SIMULASI Bupati',
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
    perangkat: devices.map((d) => ({ id: d.id, tps: d.tps, publicKey: d.publicKey })),
  };
  const kpu = generateKeyPair();
  const masterBytes = utf8Encode(
    JSON.stringify(signPayload(master, kpu.privateKey, kpu.fingerprint, { includePublicKey: true })),
  );
  const dbPath = join(dir, 'kecamatan.db');
  const backend = await openBackend({ dbPath, mode: 'web' });
  const imported = importMaster(backend.ctx, masterBytes, { fileName: 'master.json' });
  if (!imported.ok) throw new Error(`fixture master import failed: ${imported.error.message}`);

  const byTps = new Map(devices.map((d) => [d.tps, d]));
  const dptOf = (tps: string) => {
    for (const d of desa) for (const t of d.tps) if (tpsCode(d.kode, t.nomor) === tps) return t.dpt;
    throw new Error(`unknown TPS ${tps}`);
  };
  const photoFor = (tps: string, pemilihan: string) => {
    // A tiny valid PNG header + unique bytes: the bundle stores it content-addressed.
    const sig = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    return new Uint8Array([...sig, ...utf8Encode(`foto ${tps} ${pemilihan}`)]);
  };

  const fixture: KecamatanFixture = {
    dir,
    dbPath,
    backend,
    master,
    kpu: { publicKey: kpu.publicKey, privateKey: kpu.privateKey, fingerprint: kpu.fingerprint },
    devices,
    deviceFor(tps) {
      const d = byTps.get(tps);
      if (!d) throw new Error(`no device for ${tps}`);
      return d;
    },
    record(tps, pemilihan, variant = 0) {
      const dpt = dptOf(tps);
      const n = pemilihan === 'gubernur' ? 2 : 3;
      const penggunaL = Math.floor(dpt.l * 0.8);
      const penggunaP = Math.floor(dpt.p * 0.8);
      const total = penggunaL + penggunaP;
      const tidakSah = 10;
      const sah = total - tidakSah;
      const paslon = Array.from({ length: n }, (_, i) => Math.floor(sah / n) + (i === 0 ? sah % n : 0));
      if (variant !== 0) {
        paslon[0] = paslon[0]! + variant;
        paslon[1] = paslon[1]! - variant;
      }
      const diterima = dpt.l + dpt.p + Math.ceil((dpt.l + dpt.p) * 0.025);
      return {
        format: 'pleno.c-hasil/1',
        tps,
        pemilihan,
        pemilih: { dpt, dpph: { l: 0, p: 0 }, dptb: { l: 0, p: 0 }, jumlah: dpt },
        pengguna: {
          dpt: { l: penggunaL, p: penggunaP },
          dpph: { l: 0, p: 0 },
          dptb: { l: 0, p: 0 },
          jumlah: { l: penggunaL, p: penggunaP },
        },
        disabilitas: { pemilih: { l: 1, p: 1 }, pengguna: { l: 1, p: 0 } },
        suratSuara: { diterima, dikembalikan: 2, tidakDigunakan: diterima - total - 2, digunakan: total },
        suara: { paslon, sah, tidakSah, total },
        foto: [],
        perangkat: byTps.get(tps)!.id,
        dibuat: '2024-11-27T14:05:00+08:00',
      };
    },
    envelopeBytes(record, signer) {
      const dev = signer ?? byTps.get(record.tps)!;
      return utf8Encode(JSON.stringify(signPayload(record, dev.privateKey, dev.id)));
    },
    bundleBytes(tps, variant = 0) {
      const photos = new Map<string, { ext: 'png'; bytes: Uint8Array }>();
      const results = (['gubernur', 'bupati'] as const).map((p) => {
        const photo = photoFor(tps, p);
        const sha = sha256Hex(photo);
        photos.set(sha, { ext: 'png', bytes: photo });
        const rec = { ...fixture.record(tps, p, variant), foto: [{ lembar: 1, sha256: sha }] };
        const dev = byTps.get(tps)!;
        return { pemilihan: p, envelope: signPayload(rec, dev.privateKey, dev.id) };
      });
      return writeBundle({ results, photos });
    },
    async close() {
      await backend.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return fixture;
}
