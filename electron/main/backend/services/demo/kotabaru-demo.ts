// `pleno demo <dir> --preset kotabaru` (SIMULASI): the kab/kota level of the demo. One KPU Kotabaru key signs the
// masters of the 22 kecamatan (names and desa from docs/data/kotabaru-desa.tsv, one TPS per desa to stay fast);
// a receiver database holds them all with its certificate; each kecamatan gets its own database built through the
// app's services, with its push waiting in the outbox; seeded faults are listed in kotabaru.json and README.txt.
//
//   <dir>/keys/kpu.json, master/<kode>.json, penerima.db, sertifikat.json, kecamatan/<kode>.db,
//   flashdisk/USB-PPK-<kode>/<bundle>.pleno-kirim (the kecamatan that only arrives by drive), kotabaru.json
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFingerprint } from '../../../../../shared/formats/envelope';
import { openBackend } from '../../backend';
import { initPenerima, installSertifikat, registerPpkKey } from '../penerima/setup.service';
import { seedKabAnggota } from '../penerima/pleno/kab-demo';
import { makeSertifikat } from '../penerima/sertifikat';
import { generateDemo } from './demo-generator';
import { DEFAULT_DEMO_SEED, type Demo } from './demo-types';
import { DemoDirNotEmptyError } from './demo-writer';
import { demoKey, type DemoSigningKey } from './keys';
import { buildKecamatanDb, DEMO_KETUA_PIN, type KotabaruPeran } from './kotabaru-kecamatan';
import { kotabaruReadme } from './kotabaru-readme';
import { KOTABARU_KECAMATAN } from './kotabaru-wilayah';
import type { PresetShape } from './plan';
import { Prng } from './prng';
import { KALSEL, KOTABARU } from './wilayah-data';

export const KOTABARU_DEFAULT_URL = 'http://127.0.0.1:8418';

/** The role of each kecamatan (by code); any other is 'final'. */
export const KOTABARU_PERAN: Readonly<Record<string, KotabaruPeran>> = {
  '630203': 'tidak-cocok',
  '630205': 'rekaman-hilang',
  '630208': 'draf',
  '630210': 'kunci-asing',
  '630212': 'draf',
  '630219': 'hanya-berkas',
  '630220': 'belum',
  '630222': 'belum',
};

export interface KotabaruOptions {
  dir: string;
  seed?: number;
  /** The receiver URL written in the certificate (default http://127.0.0.1:8418). */
  url?: string;
  photos?: boolean;
  /** Only the first n kecamatan (tests); default all 22. */
  limit?: number;
  /** Photos as on the real form (3 lembar per pemilihan, large) instead of one small sheet (the bench). */
  fullPhotos?: boolean;
  /** The role of each kecamatan by code (default KOTABARU_PERAN with its seeded faults; the bench has none). */
  peran?: Readonly<Record<string, KotabaruPeran>>;
  onProgress?: (line: string) => void;
}

export interface KotabaruKecamatan {
  kode: string;
  nama: string;
  peran: KotabaruPeran;
  tps: number;
  ppkKeyId: string;
  ppkPublicKey: string;
  bundles: string[];
}

export interface KotabaruSummary {
  simulasi: true;
  kabkota: { kode: string; nama: string };
  kpuKeyId: string;
  url: string;
  receiverDb: string;
  kecamatan: KotabaruKecamatan[];
}

/** One TPS per desa, no TPS-level faults: the faults of this preset are at the kab/kota level. */
function shapeOf(desa: number, fullPhotos: boolean): PresetShape {
  return {
    tpsTotal: desa,
    tpsMin: 1,
    tpsMax: 1,
    belumMasuk: 0,
    qr: 0,
    json: 0,
    salahBaca: 0,
    jumlahTidakCocok: 0,
    kirimanKedua: 0,
    duplikat: 0,
    fotoTertukar: 0,
    photoMode: fullPhotos ? 'full' : 'compact',
  };
}

function kecamatanDemos(seed: number, kpuKey: DemoSigningKey, opts: KotabaruOptions): Demo[] {
  const limit = opts.limit ?? KOTABARU_KECAMATAN.length;
  const photos = opts.photos ?? true;
  return KOTABARU_KECAMATAN.slice(0, limit).map(([kode, nama, desa], i) =>
    generateDemo({
      preset: 'pulau-sembilan',
      seed: (seed + i + 1) >>> 0,
      photos,
      kecamatan: {
        wilayah: {
          provinsi: KALSEL,
          kabkota: KOTABARU,
          kecamatan: { kode, nama },
          desa: desa.map(([k, n]) => ({ kode: k, nama: n })),
        },
        shape: shapeOf(desa.length, opts.fullPhotos === true),
        kpuKey,
      },
    }),
  );
}

const utf8 = (s: string) => new TextEncoder().encode(s);

/** The receiver database with every master and its certificate; returns the certificate envelope. */
async function makeReceiver(dir: string, demos: Demo[], kpuKey: DemoSigningKey, url: string): Promise<unknown> {
  const b = await openBackend({ dbPath: join(dir, 'penerima.db'), mode: 'web' });
  try {
    const masters = demos.map((d) => ({
      name: `${d.master.envelope.payload.kecamatan.kode}.json`,
      bytes: d.master.bytes,
    }));
    const init = initPenerima(b.ctx, masters, 'demo');
    if (!init.ok) throw new Error(`kotabaru demo: penerima init: ${init.error.message}`);
    const cert = makeSertifikat({
      kpuKeyFile: utf8(JSON.stringify({ keyId: kpuKey.keyId, privateKey: kpuKey.privateKey })),
      master: demos[0]!.master.bytes,
      publicKey: init.value.publicKey,
      url,
      now: new Date('2024-11-28T08:00:00+08:00'),
    });
    if (!cert.ok) throw new Error(`kotabaru demo: sertifikat: ${cert.error.message}`);
    const installed = installSertifikat(b.ctx, utf8(cert.value.text), 'demo');
    if (!installed.ok) throw new Error(`kotabaru demo: pasang: ${installed.error.message}`);
    seedKabAnggota(b.ctx, DEMO_KETUA_PIN);
    await writeFile(join(dir, 'sertifikat.json'), cert.value.text);
    return JSON.parse(cert.value.text);
  } finally {
    await b.close();
  }
}

async function registerKeys(dir: string, list: KotabaruKecamatan[]): Promise<void> {
  const b = await openBackend({ dbPath: join(dir, 'penerima.db'), mode: 'web' });
  try {
    for (const k of list.filter((x) => x.peran !== 'kunci-asing')) {
      const r = registerPpkKey(b.ctx, {
        kecamatan: k.kode,
        publicKey: k.ppkPublicKey,
        alasan: `SIMULASI: sidik jari ${formatFingerprint(k.ppkKeyId)} dicocokkan dengan halaman D.Hasil`,
        actor: 'demo',
      });
      if (!r.ok) throw new Error(`kotabaru demo: kunci PPK ${k.kode}: ${r.error.message}`);
    }
  } finally {
    await b.close();
  }
}

export async function writeKotabaruDemo(opts: KotabaruOptions): Promise<KotabaruSummary> {
  const { dir } = opts;
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length > 0) throw new DemoDirNotEmptyError(`folder ${dir} tidak kosong`);
  for (const sub of ['keys', 'master', 'kecamatan', 'flashdisk']) await mkdir(join(dir, sub), { recursive: true });
  const seed = (opts.seed ?? DEFAULT_DEMO_SEED) >>> 0;
  const url = opts.url ?? KOTABARU_DEFAULT_URL;
  const kpuKey = demoKey(new Prng(seed).fork('kotabaru-kpu'));
  const demos = kecamatanDemos(seed, kpuKey, opts);
  for (const d of demos)
    await writeFile(join(dir, 'master', `${d.master.envelope.payload.kecamatan.kode}.json`), d.master.bytes);
  const sertifikat = await makeReceiver(dir, demos, kpuKey, url);
  const list: KotabaruKecamatan[] = [];
  for (const demo of demos) {
    const { kode, nama } = demo.master.envelope.payload.kecamatan;
    const peran = (opts.peran ?? KOTABARU_PERAN)[kode] ?? 'final';
    const driveDir = join(dir, 'flashdisk', `USB-PPK-${kode}`);
    if (peran === 'hanya-berkas') await mkdir(driveDir, { recursive: true });
    const dbPath = join(dir, 'kecamatan', `${kode}.db`);
    const built = await buildKecamatanDb({ demo, peran, dbPath, sertifikat, driveDir });
    list.push({ kode, nama, peran, tps: demo.expected.tps.total, ...built });
    opts.onProgress?.(`${kode} ${nama}: ${peran}, ${demo.expected.tps.total} TPS`);
  }
  await registerKeys(dir, list);
  const summary: KotabaruSummary = {
    simulasi: true,
    kabkota: KOTABARU,
    kpuKeyId: kpuKey.keyId,
    url,
    receiverDb: 'penerima.db',
    kecamatan: list,
  };
  await writeFile(
    join(dir, 'keys', 'kpu.json'),
    JSON.stringify(
      {
        peringatan: 'SIMULASI - kunci privat buatan untuk latihan dan pengujian saja.',
        keyId: kpuKey.keyId,
        fingerprint: formatFingerprint(kpuKey.keyId),
        publicKey: kpuKey.publicKey,
        privateKey: kpuKey.privateKey,
      },
      null,
      2,
    ),
  );
  await writeFile(join(dir, 'kotabaru.json'), `${JSON.stringify(summary, null, 2)}\n`);
  await writeFile(join(dir, 'README.txt'), kotabaruReadme(summary));
  return summary;
}
