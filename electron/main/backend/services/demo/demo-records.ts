// The signed C.Hasil records of one demo TPS: its numbers after the planned faults, the photos of its sheets (or a
// reused photo of another TPS), the signed envelope, and a second sending where one is planned.
import {
  type CHasilCounts,
  type CHasilRecord,
  type PemilihanId,
  type SignedEnvelope,
  C_HASIL_FORMAT,
} from '../../../../../shared/domain/model';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { sha256Hex } from '../../crypto';
import { type FaultPlan, type TruthTable, applyFaults, fotoTertukarFault, kirimUlangName } from './demo-faults';
import type {
  DemoBundle,
  DemoEnvelopeFile,
  DemoFault,
  DemoPhoto,
  DemoQr,
  DemoRecord,
  ExpectedImport,
} from './demo-types';
import type { DemoSigningKey } from './keys';
import { type PhotoPage, PHOTO_EXT, sheetPhoto } from './photo/photo';
import type { DemoPlan, PlanTps } from './plan';
import type { Prng } from './prng';

/** Pretty JSON text (2 spaces, final newline) as UTF-8: how the demo writes envelopes to files. */
export function jsonFileBytes(value: unknown): Uint8Array {
  return utf8Encode(JSON.stringify(value, null, 2) + '\n');
}

/** What the generator draws once and every TPS reads. */
export interface DemoContext {
  root: Prng;
  plan: DemoPlan;
  truth: TruthTable;
  faults: FaultPlan;
  pages: PhotoPage[];
  withPhotos: boolean;
  /** Times of signing, drawn in TPS order (the order of draws is part of the seed's bytes). */
  rngTime: Prng;
}

/** Everything the demo emits, filled TPS by TPS. */
export interface DemoOutput {
  records: DemoRecord[];
  bundles: DemoBundle[];
  envelopes: DemoEnvelopeFile[];
  qrTexts: DemoQr[];
  faults: DemoFault[];
  imports: ExpectedImport[];
  lateImports: ExpectedImport[];
  qrImports: ExpectedImport[];
}

export function emptyOutput(): DemoOutput {
  return {
    records: [],
    bundles: [],
    envelopes: [],
    qrTexts: [],
    faults: [],
    imports: [],
    lateImports: [],
    qrImports: [],
  };
}

/** The first-sending records of TPS t (one per pemilihan), added with any second sending to `out`. */
export function tpsRecords(
  ctx: DemoContext,
  t: PlanTps,
  device: DemoSigningKey,
  start: number,
  out: DemoOutput,
): DemoRecord[] {
  const own: DemoRecord[] = [];
  ctx.plan.pemilihan.forEach((p, pi) => {
    const { sheet, recorded, second } = applyFaults(ctx.faults, t, p.id, ctx.truth.get(t.tps)!.get(p.id)!, out.faults);
    const photos = photosOf(ctx, t, p.id, sheet, out.faults);
    const dibuat = wita('2024-11-27', Math.min(23 * 60 + 59, start + pi * ctx.rngTime.int(35, 95)));
    const rec: DemoRecord = {
      tps: t.tps,
      pemilihan: p.id,
      channel: t.channel as DemoRecord['channel'],
      envelope: signRecord(t.tps, p.id, recorded, photos, device, dibuat),
      sheet,
      photos,
      kiriman: 1,
    };
    own.push(rec);
    out.records.push(rec);
    if (second) secondSending(ctx, rec, second, device, out);
  });
  return own;
}

/** The corrected record sent again the next day as a loose envelope file. */
function secondSending(
  ctx: DemoContext,
  rec: DemoRecord,
  counts: CHasilCounts,
  device: DemoSigningKey,
  out: DemoOutput,
): void {
  const later = wita('2024-11-28', ctx.rngTime.int(8 * 60, 10 * 60 + 59));
  const env2 = signRecord(rec.tps, rec.pemilihan, counts, rec.photos, device, later);
  out.records.push({ ...rec, channel: 'json', envelope: env2, kiriman: 2 });
  const name = kirimUlangName(rec.tps, rec.pemilihan);
  out.envelopes.push({ name, tps: rec.tps, pemilihan: rec.pemilihan, envelope: env2, bytes: jsonFileBytes(env2) });
  out.lateImports.push({
    paths: [`tps/${name}`],
    channel: 'file',
    outcomes: [{ tps: rec.tps, pemilihan: rec.pemilihan, status: 'konflik' }],
  });
}

/** Photos of the sheets of a record; on a foto-tertukar TPS the votes sheet is another TPS's photo. */
function photosOf(
  ctx: DemoContext,
  t: PlanTps,
  pemilihan: PemilihanId,
  sheet: CHasilCounts,
  faults: DemoFault[],
): DemoPhoto[] {
  const { root, plan, pages } = ctx;
  const photos = ctx.withPhotos && t.channel !== 'json' ? renderPhotos(root, plan, t, pemilihan, sheet, pages) : [];
  const source = pemilihan === 'bupati' ? ctx.faults.fotoTertukar.get(t.tps) : undefined;
  // Without photos there is nothing to swap, and no fault to list.
  if (!source || photos.length === 0) return photos;
  // The votes sheet of another (clean) TPS, rendered exactly as that TPS's own photo: same bytes, same hash.
  const last = pages.length;
  const theirs = renderPhotos(root, plan, source, pemilihan, ctx.truth.get(source.tps)!.get(pemilihan)!, pages)[
    last - 1
  ];
  if (!theirs) return photos;
  faults.push(fotoTertukarFault(t, pemilihan, source, last));
  return [...photos.slice(0, last - 1), theirs];
}

/** Time of day hh:mm → ISO with the WITA offset (Kalimantan Selatan, UTC+8). */
function wita(day: string, minutes: number): string {
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  return `${day}T${h}:${m}:00+08:00`;
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
