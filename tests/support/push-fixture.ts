// A small kecamatan push built by hand from docs/design.md §3 and §4 (no Pleno sender involved): a master signed by a
// KPU key with real device keys, signed C.Hasil records, a pleno.document/2 D.Hasil whose sumber names them, a
// photo blob, and the manifest listing it all. For tests of a receiver.
import { createHash } from 'node:crypto';
import { generateKeyPair, signPayload, type KeyPairText } from '../../electron/main/backend/crypto';
import { nodeCrypto } from '../../electron/main/backend/crypto';
import type { CHasilCounts, CHasilRecord, DataMaster } from '../../shared/domain/model';
import { tpsCode } from '../../shared/domain/model';
import { sumTotals } from '../../shared/domain/recap';
import { payloadHash } from '../../shared/formats/envelope';
import { envelopeAddress, envelopeSize, type KirimManifest } from '../../shared/formats/kirim';
import { sampleMaster, sampleRecord } from './format-samples';

export const keyed = <P>(payload: P, k: KeyPairText) =>
  signPayload(payload, k.privateKey, k.fingerprint, { includePublicKey: true });

export interface Kecamatan {
  master: DataMaster;
  masterEnvelope: unknown;
  kpu: KeyPairText;
  ppk: KeyPairText;
  devices: Map<string, KeyPairText>;
}

export function makeKecamatan(kpu: KeyPairText = generateKeyPair(), kode = '630214'): Kecamatan {
  const base = sampleMaster();
  const devices = new Map<string, KeyPairText>();
  const desa = base.desa.map((d) => ({ ...d, kode: `${kode}${d.kode.slice(6)}` }));
  const perangkat = desa.flatMap((d) =>
    d.tps.map((t) => {
      const k = generateKeyPair();
      const tps = tpsCode(d.kode, t.nomor);
      devices.set(tps, k);
      return { id: `kpps-${tps}`, tps, publicKey: k.publicKey };
    }),
  );
  const master: DataMaster = { ...base, kecamatan: { kode, nama: `Kecamatan ${kode}` }, desa, perangkat };
  return { master, masterEnvelope: keyed(master, kpu), kpu, ppk: generateKeyPair(), devices };
}

export interface Push {
  manifest: KirimManifest;
  envelope: ReturnType<typeof keyed<KirimManifest>>;
  address: string;
  objek: Map<string, unknown>;
  berkas: Map<string, Uint8Array>;
  dHasil: unknown;
}

function recordOf(k: Kecamatan, tps: string, i: number, photo: string): CHasilRecord {
  const r = sampleRecord();
  const paslon = [105 + i, 120 - i, 87];
  const sah = paslon.reduce((a, b) => a + b, 0);
  return {
    ...r,
    tps,
    perangkat: `kpps-${tps}`,
    suara: { paslon, sah, tidakSah: 16, total: sah + 16 },
    foto: [{ lembar: 1, sha256: photo }],
    dibuat: '2024-11-27T14:05:00+08:00',
  };
}

const countsOf = (r: CHasilRecord): CHasilCounts =>
  structuredClone({
    pemilih: r.pemilih,
    pengguna: r.pengguna,
    disabilitas: r.disabilitas,
    suratSuara: r.suratSuara,
    suara: r.suara,
  });

/** The bupati push of a kecamatan; `tamper` edits the D.Hasil payload before it is signed. */
export function makePush(
  k: Kecamatan,
  opts: {
    urutan?: number;
    sebelumnya?: string | null;
    tamper?: (doc: Record<string, unknown>) => void;
    /** Size of the photo blob (default 200,000 bytes). */
    photoBytes?: number;
  } = {},
): Push {
  const seed = Number(k.master.kecamatan.kode); // one photo per kecamatan
  const photo = new Uint8Array(opts.photoBytes ?? 200_000).map((_, i) => (i * 7 + seed) % 256);
  const photoSha = createHash('sha256').update(photo).digest('hex');
  const objek = new Map<string, unknown>();
  const lampiran = k.master.desa.map((d) => ({
    kode: d.kode,
    nama: d.nama,
    tps: d.tps.map((t, i) => {
      const tps = tpsCode(d.kode, t.nomor);
      const dev = k.devices.get(tps)!;
      const rec = recordOf(k, tps, i, photoSha);
      const env = signPayload(rec, dev.privateKey, `kpps-${tps}`);
      objek.set(envelopeAddress(env, nodeCrypto), env);
      return { nomor: t.nomor, counts: countsOf(rec), sumber: { rekaman: payloadHash(rec, nodeCrypto), koreksi: [] } };
    }),
  }));
  const desaTotals = lampiran.map((d) =>
    sumTotals(
      d.tps.map((t) => t.counts),
      3,
    ),
  );
  const doc: Record<string, unknown> = {
    format: 'pleno.document/2',
    meta: { kind: 'd-hasil', kecamatan: k.master.kecamatan.kode, pemilihan: 'bupati', version: 1, final: true },
    header: {},
    recap: {
      desa: lampiran.map((d, i) => ({ kode: d.kode, nama: d.nama, total: desaTotals[i] })),
      total: sumTotals(desaTotals, 3),
    },
    lampiran,
  };
  opts.tamper?.(doc);
  const dHasil = keyed(doc, k.ppk);
  objek.set(envelopeAddress(dHasil, nodeCrypto), dHasil);
  const urutan = opts.urutan ?? 1;
  const manifest: KirimManifest = {
    format: 'pleno.kirim/1',
    kecamatan: k.master.kecamatan.kode,
    pemilihan: 'bupati',
    urutan,
    sebelumnya: opts.sebelumnya ?? null,
    audit: { jumlah: 100 + urutan, kepala: 'c'.repeat(64) },
    objek: [...objek].map(([sha256, env]) => ({
      sha256,
      jenis: env === dHasil ? ('d-hasil' as const) : ('c-hasil' as const),
      ukuran: envelopeSize(env),
    })),
    berkas: [{ sha256: photoSha, jenis: 'foto', ukuran: photo.length, mime: 'image/png' }],
    dibuat: '2024-11-29T10:00:00+08:00',
  };
  const envelope = keyed(manifest, k.ppk);
  return {
    manifest,
    envelope,
    address: envelopeAddress(envelope, nodeCrypto),
    objek,
    berkas: new Map([[photoSha, photo]]),
    dHasil,
  };
}
