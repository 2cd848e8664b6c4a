// generateDemo: a synthetic kecamatan (SIMULASI) in memory — a data master signed by a generated KPU kab/kota key,
// one registered KPPS device per TPS, signed C.Hasil records with photos of their sheets, TPS bundles, loose
// envelopes, QR texts, and the list of seeded faults (expected.faults) a reviewer should find.
// Deterministic: the same preset and seed give the same bytes (keys, times and pixels all come from the seed).
import {
  type CHasilCounts,
  type CHasilRecord,
  type DataMaster,
  type PemilihanId,
  type SignedEnvelope,
  C_HASIL_FORMAT,
} from '../../../../../shared/domain/model';
import { getCount, setCount } from '../../../../../shared/domain/labels';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { sha256Hex } from '../../crypto';
import { type TpsVoters, drawCounts, drawVoters, tpsWeights, withChoiceValue } from './counts';
import { buildDemoBundle, encodeDemoQr } from './demo-codecs';
import {
  type Demo,
  type DemoBundle,
  type DemoDevice,
  type DemoEnvelopeFile,
  type DemoFault,
  type DemoOptions,
  type DemoPhoto,
  type DemoQr,
  type DemoRecord,
  type ExpectedImport,
  DEFAULT_DEMO_SEED,
  DEMO_PRESETS,
} from './demo-types';
import { type DemoSigningKey, demoKey, keyData } from './keys';
import { type PhotoPage, PHOTO_EXT, photoPages, sheetPhoto } from './photo/photo';
import { type DemoPlan, type PlanTps, PRESET_SHAPES, buildPlan, masterPayload } from './plan';
import { Prng } from './prng';

/** Device id of the KPPS device of a TPS. */
export function demoDeviceId(tps: string): string {
  return `kpps-${tps}`;
}

/** Pretty JSON text (2 spaces, final newline) as UTF-8: how the demo writes envelopes to files. */
export function jsonFileBytes(value: unknown): Uint8Array {
  return utf8Encode(JSON.stringify(value, null, 2) + '\n');
}

interface FaultPlan {
  salahBaca: Map<string, number>; // tps → paslon index (bupati)
  jumlah: Map<string, 'sah' | 'pemilih'>; // tps → variant
  kirimanKedua: Set<string>;
  duplikat: Set<string>;
  fotoTertukar: Map<string, PlanTps>; // tps → the TPS whose votes photo it carries (bupati)
}

/** Time of day hh:mm → ISO with the WITA offset (Kalimantan Selatan, UTC+8). */
function wita(day: string, minutes: number): string {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `${day}T${h}:${m}:00+08:00`;
}

function swapLastDigits(v: number): number | null {
  const s = String(v);
  if (s.length < 2 || s[s.length - 1] === s[s.length - 2]) return null;
  return Number(s.slice(0, -2) + s[s.length - 1] + s[s.length - 2]);
}

/** Generates the demo in memory (synchronous: the besar preset with photos takes several seconds of CPU). */
export function generateDemo(opts: DemoOptions): Demo {
  const steps = demoSteps(opts);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * The same demo (same bytes) generated in steps, yielding to the event loop between TPS so that a backend serving
 * the UI stays responsive; onProgress receives TPS done and total.
 */
export async function generateDemoAsync(
  opts: DemoOptions,
  onProgress?: (done: number, total: number) => void,
): Promise<Demo> {
  const steps = demoSteps(opts);
  let last = 0;
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    onProgress?.(r.value.done, r.value.total);
    if (performance.now() - last > 30) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      last = performance.now();
    }
  }
}

function* demoSteps(opts: DemoOptions): Generator<{ done: number; total: number }, Demo> {
  if (!DEMO_PRESETS.includes(opts.preset)) throw new Error(`unknown demo preset: ${String(opts.preset)}`);
  const seed = (opts.seed ?? DEFAULT_DEMO_SEED) >>> 0;
  const withPhotos = opts.photos ?? true;
  const shape = PRESET_SHAPES[opts.preset];
  const root = new Prng(seed);
  const plan = buildPlan(opts.preset, root);

  // ---- Keys and the signed master ----
  const kpuKey = demoKey(root.fork('kpu-key'));
  const deviceKeys = new Map<string, DemoSigningKey>();
  const devices: DemoDevice[] = plan.tps.map((t) => {
    const k = demoKey(root.fork(`device:${t.tps}`), demoDeviceId(t.tps));
    deviceKeys.set(t.tps, k);
    return { id: k.keyId, tps: t.tps, publicKey: k.publicKey, privateKey: k.privateKey };
  });
  const master: DataMaster = masterPayload(
    plan,
    devices.map((d) => ({ id: d.id, tps: d.tps, publicKey: d.publicKey })),
  );
  const masterEnvelope = kpuKey.signEnvelope(master, { includePublicKey: true });

  // ---- True counts of every TPS ----
  const desaShares = new Map<string, Record<string, number[]>>();
  for (const d of plan.desa) {
    const r = root.fork(`desa-shares:${d.kode}`);
    desaShares.set(
      d.kode,
      Object.fromEntries(Object.entries(plan.shares).map(([id, base]) => [id, tpsWeights(r, base)])),
    );
  }
  const truth = new Map<string, Map<PemilihanId, CHasilCounts>>();
  const votersOf = new Map<string, TpsVoters>();
  for (const t of plan.tps) {
    const r = root.fork(`counts:${t.tps}`);
    const voters = drawVoters(r, t.dpt);
    votersOf.set(t.tps, voters);
    const per = new Map<PemilihanId, CHasilCounts>();
    for (const p of plan.pemilihan)
      per.set(p.id, drawCounts(r, voters, tpsWeights(r, desaShares.get(t.desaKode)![p.id]!)));
    truth.set(t.tps, per);
  }

  // ---- Faults: each on its own TPS among those that send a bundle ----
  const rngF = root.fork('faults');
  const bundleTps = plan.tps.filter((t) => t.channel === 'bundle');
  // A misread needs a TPS whose bupati sah can hold a true 105 next to plausible other counts.
  const bupatiSah = (t: PlanTps): number => truth.get(t.tps)!.get('bupati')!.suara.sah;
  const misreadCandidates = bundleTps.filter((t) => bupatiSah(t) >= 170);
  const misread =
    misreadCandidates.length >= shape.salahBaca
      ? rngF.sample(misreadCandidates, shape.salahBaca)
      : [...bundleTps].sort((a, b) => bupatiSah(b) - bupatiSah(a)).slice(0, shape.salahBaca);
  const used = new Set(misread.map((t) => t.tps));
  const rest = rngF.shuffle(bundleTps.filter((t) => !used.has(t.tps)));
  const take = (n: number): PlanTps[] => rest.splice(0, n);
  const faults: FaultPlan = {
    salahBaca: new Map(misread.map((t) => [t.tps, rngF.int(0, 2)])),
    jumlah: new Map(take(shape.jumlahTidakCocok).map((t, i) => [t.tps, i % 2 === 0 ? 'sah' : 'pemilih'])),
    kirimanKedua: new Set(take(shape.kirimanKedua).map((t) => t.tps)),
    duplikat: new Set(take(shape.duplikat).map((t) => t.tps)),
    fotoTertukar: new Map(take(shape.fotoTertukar).map((t) => [t.tps, take(1)[0]!])),
  };

  // ---- Records, photos, files ----
  const pages = photoPages(shape.photoMode);
  const rngTime = root.fork('times');
  const records: DemoRecord[] = [];
  const bundles: DemoBundle[] = [];
  const envelopes: DemoEnvelopeFile[] = [];
  const qrTexts: DemoQr[] = [];
  const faultList: DemoFault[] = [];
  const imports: ExpectedImport[] = [];
  const lateImports: ExpectedImport[] = [];
  const qrImports: ExpectedImport[] = [];

  let done = 0;
  for (const t of plan.tps) {
    yield { done: done++, total: plan.tps.length };
    const start = rngTime.int(13 * 60 + 30, 19 * 60 + 30);
    if (t.channel === 'belum-masuk') {
      faultList.push({
        kind: 'belum-masuk',
        tps: t.tps,
        rules: [],
        files: [],
        keterangan: `TPS ${t.nomor} ${t.desaNama}: hasil belum masuk (tidak ada berkas maupun QR).`,
      });
      continue;
    }
    const device = deviceKeys.get(t.tps)!;
    const tpsRecords: DemoRecord[] = [];
    plan.pemilihan.forEach((p, pi) => {
      let sheet = truth.get(t.tps)!.get(p.id)!;
      let recorded = sheet;
      let second: CHasilCounts | null = null;
      const k = faults.salahBaca.get(t.tps);
      if (p.id === 'bupati' && k !== undefined) {
        sheet = withChoiceValue(sheet, k, 105);
        recorded = setCount(sheet, `suara.paslon.${k}`, 905);
        faultList.push({
          kind: 'salah-baca',
          tps: t.tps,
          pemilihan: p.id,
          field: `suara.paslon.${k}`,
          nilaiBenar: 105,
          nilaiTercatat: 905,
          rules: ['R05'],
          files: [`tps/${t.tps}.pleno`],
          keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p.id}: suara paslon ${k + 1} terbaca 905, pada lembar (foto) tertulis 105 — angka salah baca.`,
        });
      }
      const variant = faults.jumlah.get(t.tps);
      if (variant === 'sah' && p.id === 'gubernur') {
        sheet = setCount(sheet, 'suara.sah', sheet.suara.sah + 10);
        recorded = sheet;
        faultList.push({
          kind: 'jumlah-tidak-cocok',
          tps: t.tps,
          pemilihan: p.id,
          field: 'suara.sah',
          nilaiBenar: truth.get(t.tps)!.get(p.id)!.suara.sah,
          nilaiTercatat: sheet.suara.sah,
          rules: ['R05', 'R06'],
          files: [`tps/${t.tps}.pleno`],
          keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p.id}: jumlah suara sah ditulis ${sheet.suara.sah}, padahal jumlah suara paslon ${truth.get(t.tps)!.get(p.id)!.suara.sah} (selisih 10, juga di lembar).`,
        });
      }
      if (variant === 'pemilih' && p.id === 'bupati') {
        const before = getCount(sheet, 'pemilih.jumlah.l');
        sheet = setCount(sheet, 'pemilih.jumlah.l', before + 1);
        recorded = sheet;
        faultList.push({
          kind: 'jumlah-tidak-cocok',
          tps: t.tps,
          pemilihan: p.id,
          field: 'pemilih.jumlah.l',
          nilaiBenar: before,
          nilaiTercatat: before + 1,
          rules: ['R01'],
          files: [`tps/${t.tps}.pleno`],
          keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p.id}: jumlah pemilih laki-laki (A.4) ditulis ${before + 1}, padahal DPT + DPPh + DPTb = ${before}.`,
        });
      }
      if (p.id === 'bupati' && faults.kirimanKedua.has(t.tps)) {
        const idx = sheet.suara.paslon.findIndex((v) => swapLastDigits(v) !== null);
        const j = idx >= 0 ? idx : 0;
        const wrong = swapLastDigits(sheet.suara.paslon[j]!) ?? sheet.suara.paslon[j]! + 9;
        recorded = setCount(sheet, `suara.paslon.${j}`, wrong);
        second = sheet;
        faultList.push({
          kind: 'kiriman-kedua',
          tps: t.tps,
          pemilihan: p.id,
          field: `suara.paslon.${j}`,
          nilaiBenar: sheet.suara.paslon[j]!,
          nilaiTercatat: wrong,
          rules: ['R05'],
          files: [`tps/${t.tps}.pleno`, `tps/${kirimUlangName(t.tps, p.id)}`],
          keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p.id}: kiriman pertama mencatat suara paslon ${j + 1} = ${wrong} (angka tertukar), kiriman kedua keesokan harinya membetulkannya menjadi ${sheet.suara.paslon[j]!} — dua kiriman berbeda (konflik).`,
        });
      }

      let photos: DemoPhoto[] =
        withPhotos && t.channel !== 'json' ? renderPhotos(root, plan, t, p.id, sheet, pages) : [];
      const source = p.id === 'bupati' ? faults.fotoTertukar.get(t.tps) : undefined;
      if (source) {
        // The votes sheet of another (clean) TPS, rendered exactly as that TPS's own photo: same bytes, same hash.
        // Without photos there is nothing to swap, and no fault to list.
        const last = pages.length;
        const theirs =
          photos.length > 0
            ? renderPhotos(root, plan, source, p.id, truth.get(source.tps)!.get(p.id)!, pages)[last - 1]
            : undefined;
        if (theirs) photos = [...photos.slice(0, last - 1), theirs];
        if (theirs)
          faultList.push({
            kind: 'foto-tertukar',
            tps: t.tps,
            pemilihan: p.id,
            rules: [],
            files: [`tps/${t.tps}.pleno`, `tps/${source.tps}.pleno`],
            keterangan: `TPS ${t.nomor} ${t.desaNama}, ${p.id}: foto lembar ${last} adalah foto TPS ${source.nomor} ${source.desaNama} (foto yang sama dipakai ulang); angka hasil tidak cocok dengan foto.`,
          });
      }
      const dibuat = wita('2024-11-27', Math.min(23 * 60 + 59, start + pi * rngTime.int(35, 95)));
      const env = signRecord(t.tps, p.id, recorded, photos, device, dibuat);
      const rec: DemoRecord = {
        tps: t.tps,
        pemilihan: p.id,
        channel: t.channel as DemoRecord['channel'],
        envelope: env,
        sheet,
        photos,
        kiriman: 1,
      };
      tpsRecords.push(rec);
      records.push(rec);
      if (second) {
        const later = wita('2024-11-28', rngTime.int(8 * 60, 10 * 60 + 59));
        const env2 = signRecord(t.tps, p.id, second, photos, device, later);
        records.push({ ...rec, channel: 'json', envelope: env2, kiriman: 2 });
        const name = kirimUlangName(t.tps, p.id);
        envelopes.push({ name, tps: t.tps, pemilihan: p.id, envelope: env2, bytes: jsonFileBytes(env2) });
        lateImports.push({
          paths: [`tps/${name}`],
          channel: 'file',
          outcomes: [{ tps: t.tps, pemilihan: p.id, status: 'konflik' }],
        });
      }
    });

    if (t.channel === 'bundle') {
      const bytes = buildDemoBundle(tpsRecords);
      bundles.push({ name: `${t.tps}.pleno`, tps: t.tps, bytes });
      const outcomes = tpsRecords.map((r) => ({ tps: t.tps, pemilihan: r.pemilihan, status: 'diterima' as const }));
      imports.push({ paths: [`tps/${t.tps}.pleno`], channel: 'file', outcomes });
      if (faults.duplikat.has(t.tps)) {
        const name = `${t.tps}_salinan.pleno`;
        bundles.push({ name, tps: t.tps, bytes });
        imports.push({
          paths: [`tps/${name}`],
          channel: 'file',
          outcomes: outcomes.map((o) => ({ ...o, status: 'duplikat' as const })),
        });
        faultList.push({
          kind: 'duplikat',
          tps: t.tps,
          rules: [],
          files: [`tps/${t.tps}.pleno`, `tps/${name}`],
          keterangan: `TPS ${t.nomor} ${t.desaNama}: berkas yang sama dikirim dua kali dengan nama lain (duplikat).`,
        });
      }
    } else if (t.channel === 'json') {
      for (const r of tpsRecords) {
        const name = `${t.tps}-${r.pemilihan}.json`;
        envelopes.push({
          name,
          tps: t.tps,
          pemilihan: r.pemilihan,
          envelope: r.envelope,
          bytes: jsonFileBytes(r.envelope),
        });
        imports.push({
          paths: [`tps/${name}`],
          channel: 'file',
          outcomes: [{ tps: t.tps, pemilihan: r.pemilihan, status: 'diterima' }],
        });
      }
      faultList.push({
        kind: 'hanya-json',
        tps: t.tps,
        rules: [],
        files: tpsRecords.map((r) => `tps/${t.tps}-${r.pemilihan}.json`),
        keterangan: `TPS ${t.nomor} ${t.desaNama}: hasil hanya berupa berkas amplop JSON (tanpa foto).`,
      });
    } else {
      // The first QR-only TPS shows its codes in small parts (as a phone app may, for an old screen), so that the
      // demo has multi-part codes; the texts stay within docs/design.md §3.4 (each part at most 1,000 characters).
      const small = qrTexts.length === 0;
      for (const r of tpsRecords) {
        const parts = encodeDemoQr(r.envelope, small ? SMALL_QR_TEXT : undefined);
        const files =
          parts.length === 1
            ? [`${t.tps}-${r.pemilihan}.png`]
            : parts.map((_, i) => `${t.tps}-${r.pemilihan}-${i + 1}of${parts.length}.png`);
        qrTexts.push({ tps: t.tps, pemilihan: r.pemilihan, envelope: r.envelope, parts, files });
        qrImports.push({
          paths: files.map((f) => `qr/${f}`),
          channel: 'qr',
          outcomes: [{ tps: t.tps, pemilihan: r.pemilihan, status: 'diterima' }],
        });
      }
      faultList.push({
        kind: 'hanya-qr',
        tps: t.tps,
        rules: [],
        files: qrTexts.filter((q) => q.tps === t.tps).flatMap((q) => q.files.map((f) => `qr/${f}`)),
        keterangan: `TPS ${t.nomor} ${t.desaNama}: hasil hanya lewat kode QR${small ? ' (kode dipecah menjadi beberapa bagian)' : ''}; foto dirujuk dengan hash tetapi belum terkirim (menyusul).`,
      });
    }
  }

  const kindOrder = [
    'salah-baca',
    'jumlah-tidak-cocok',
    'kiriman-kedua',
    'duplikat',
    'foto-tertukar',
    'hanya-qr',
    'hanya-json',
    'belum-masuk',
  ];
  faultList.sort(
    (a, b) => kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || (a.tps < b.tps ? -1 : a.tps > b.tps ? 1 : 0),
  );
  const count = (c: string): number => plan.tps.filter((t) => t.channel === c).length;
  return {
    preset: opts.preset,
    seed,
    master: { envelope: masterEnvelope, bytes: jsonFileBytes(masterEnvelope) },
    kpuKey: keyData(kpuKey),
    devices,
    ppkMembers: plan.ppk,
    records,
    bundles,
    envelopes,
    qrTexts,
    expected: {
      faults: faultList,
      tps: {
        total: plan.tps.length,
        bundle: count('bundle'),
        qr: count('qr'),
        json: count('json'),
        belumMasuk: count('belum-masuk'),
      },
      records: records.filter((r) => r.kiriman === 1).length,
      photos: {
        bundled: new Set(records.filter((r) => r.channel === 'bundle').flatMap((r) => r.photos.map((f) => f.sha256)))
          .size,
        pending: new Set(records.filter((r) => r.channel === 'qr').flatMap((r) => r.photos.map((f) => f.sha256))).size,
      },
      imports: [...imports, ...qrImports, ...lateImports],
    },
  };
}

/** Part length of the small multi-part QR codes of the first QR-only TPS. */
const SMALL_QR_TEXT = 400;

function kirimUlangName(tps: string, pemilihan: PemilihanId): string {
  return `${tps}_kirim-ulang-${pemilihan}.json`;
}

function signRecord(
  tps: string,
  pemilihan: PemilihanId,
  counts: CHasilCounts,
  photos: DemoPhoto[],
  device: DemoSigningKey,
  dibuat: string,
): SignedEnvelope<CHasilRecord> {
  const record: CHasilRecord = {
    format: C_HASIL_FORMAT,
    tps,
    pemilihan,
    pemilih: counts.pemilih,
    pengguna: counts.pengguna,
    disabilitas: counts.disabilitas,
    suratSuara: counts.suratSuara,
    suara: counts.suara,
    foto: photos.map((f) => ({ lembar: f.lembar, sha256: f.sha256 })),
    perangkat: device.keyId,
    dibuat,
  };
  return device.signEnvelope(structuredClone(record));
}

function renderPhotos(
  root: Prng,
  plan: DemoPlan,
  t: PlanTps,
  pemilihan: PemilihanId,
  sheet: CHasilCounts,
  pages: PhotoPage[],
): DemoPhoto[] {
  const p = plan.pemilihan.find((x) => x.id === pemilihan)!;
  return pages.map((page, i) => {
    const bytes = sheetPhoto(
      {
        pemilihanNama: p.nama,
        provinsi: plan.wilayah.provinsi.nama,
        kabkota: plan.wilayah.kabkota.nama,
        kecamatan: plan.wilayah.kecamatan.nama,
        desa: t.desaNama,
        tpsNomor: t.nomor,
        pilihan: p.pilihan,
        counts: sheet,
        lembar: i + 1,
        lembarCount: pages.length,
        sections: page.sections,
      },
      page.style,
      root.fork(`photo:${t.tps}:${pemilihan}:${i + 1}`),
    );
    return { lembar: i + 1, sha256: sha256Hex(bytes), ext: PHOTO_EXT, bytes };
  });
}
