// How the records of one demo TPS reach the PPK, by the TPS's channel: a `.pleno` bundle (and a renamed copy on a
// duplikat TPS), loose JSON envelope files, or QR texts — with the imports a test expects from each.
import { buildDemoBundle, encodeDemoQr } from './demo-codecs';
import { duplikatFault, hanyaJsonFault, hanyaQrFault } from './demo-faults';
import { type DemoContext, type DemoOutput, jsonFileBytes } from './demo-records';
import type { DemoRecord } from './demo-types';
import type { PlanTps } from './plan';

/** Part length of the small multi-part QR codes of the first QR-only TPS. */
const SMALL_QR_TEXT = 400;

export function emitChannel(ctx: DemoContext, t: PlanTps, records: DemoRecord[], out: DemoOutput): void {
  if (t.channel === 'bundle') emitBundle(ctx, t, records, out);
  else if (t.channel === 'json') emitJson(t, records, out);
  else emitQr(t, records, out);
}

function emitBundle(ctx: DemoContext, t: PlanTps, records: DemoRecord[], out: DemoOutput): void {
  const bytes = buildDemoBundle(records);
  out.bundles.push({ name: `${t.tps}.pleno`, tps: t.tps, bytes });
  const outcomes = records.map((r) => ({ tps: t.tps, pemilihan: r.pemilihan, status: 'diterima' as const }));
  out.imports.push({ paths: [`tps/${t.tps}.pleno`], channel: 'file', outcomes });
  if (!ctx.faults.duplikat.has(t.tps)) return;
  const name = `${t.tps}_salinan.pleno`;
  out.bundles.push({ name, tps: t.tps, bytes });
  out.imports.push({
    paths: [`tps/${name}`],
    channel: 'file',
    outcomes: outcomes.map((o) => ({ ...o, status: 'duplikat' as const })),
  });
  out.faults.push(duplikatFault(t, name));
}

function emitJson(t: PlanTps, records: DemoRecord[], out: DemoOutput): void {
  for (const r of records) {
    const name = `${t.tps}-${r.pemilihan}.json`;
    out.envelopes.push({
      name,
      tps: t.tps,
      pemilihan: r.pemilihan,
      envelope: r.envelope,
      bytes: jsonFileBytes(r.envelope),
    });
    out.imports.push({
      paths: [`tps/${name}`],
      channel: 'file',
      outcomes: [{ tps: t.tps, pemilihan: r.pemilihan, status: 'diterima' }],
    });
  }
  out.faults.push(
    hanyaJsonFault(
      t,
      records.map((r) => `tps/${t.tps}-${r.pemilihan}.json`),
    ),
  );
}

function emitQr(t: PlanTps, records: DemoRecord[], out: DemoOutput): void {
  // The first QR-only TPS shows its codes in small parts (as a phone app may, for an old screen), so that the
  // demo has multi-part codes; the texts stay within docs/design.md §3.4 (each part at most 1,000 characters).
  const small = out.qrTexts.length === 0;
  for (const r of records) {
    const parts = encodeDemoQr(r.envelope, small ? SMALL_QR_TEXT : undefined);
    const files =
      parts.length === 1
        ? [`${t.tps}-${r.pemilihan}.png`]
        : parts.map((_, i) => `${t.tps}-${r.pemilihan}-${i + 1}of${parts.length}.png`);
    out.qrTexts.push({ tps: t.tps, pemilihan: r.pemilihan, envelope: r.envelope, parts, files });
    out.qrImports.push({
      paths: files.map((f) => `qr/${f}`),
      channel: 'qr',
      outcomes: [{ tps: t.tps, pemilihan: r.pemilihan, status: 'diterima' }],
    });
  }
  const files = out.qrTexts.filter((q) => q.tps === t.tps).flatMap((q) => q.files.map((f) => `qr/${f}`));
  out.faults.push(hanyaQrFault(t, files, small));
}
