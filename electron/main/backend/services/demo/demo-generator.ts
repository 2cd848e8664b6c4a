// generateDemo: a synthetic kecamatan (SIMULASI) in memory — a data master signed by a generated KPU kab/kota key,
// one registered KPPS device per TPS, signed C.Hasil records with photos of their sheets, TPS bundles, loose
// envelopes, QR texts, and the list of seeded faults (expected.faults) a reviewer should find.
// Deterministic: the same preset and seed give the same bytes (keys, times and pixels all come from the seed).
// The parts: demo-faults.ts (which TPS carry which fault), demo-records.ts (signed records and photos of one TPS),
// demo-channels.ts (bundle, JSON files or QR texts of one TPS).
import type { CHasilCounts, DataMaster, PemilihanId, SignedEnvelope } from '../../../../../shared/domain/model';
import { drawCounts, drawVoters, tpsWeights } from './counts';
import { emitChannel } from './demo-channels';
import { type TruthTable, belumMasukFault, planFaults, sortFaults } from './demo-faults';
import { type DemoContext, type DemoOutput, emptyOutput, jsonFileBytes, tpsRecords } from './demo-records';
import { type Demo, type DemoDevice, type DemoOptions, DEFAULT_DEMO_SEED, DEMO_PRESETS } from './demo-types';
import { type DemoSigningKey, demoKey, keyData } from './keys';
import { photoPages } from './photo/photo';
import { type DemoPlan, PRESET_SHAPES, buildPlan, masterPayload } from './plan';
import { Prng } from './prng';

export { jsonFileBytes };

/** Device id of the KPPS device of a TPS. */
export function demoDeviceId(tps: string): string {
  return `kpps-${tps}`;
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
  const shape = opts.kecamatan?.shape ?? PRESET_SHAPES[opts.preset];
  const root = new Prng(seed);
  const plan = buildPlan(opts.preset, root, opts.kecamatan);
  const signed = signedMaster(root, plan, opts.kecamatan?.kpuKey);
  const truth = drawTruth(root, plan);
  const ctx: DemoContext = {
    root,
    plan,
    truth,
    faults: planFaults(root.fork('faults'), plan, shape, truth),
    pages: photoPages(shape.photoMode),
    withPhotos: opts.photos ?? true,
    rngTime: root.fork('times'),
  };
  const out = emptyOutput();
  let done = 0;
  for (const t of plan.tps) {
    yield { done: done++, total: plan.tps.length };
    const start = ctx.rngTime.int(13 * 60 + 30, 19 * 60 + 30);
    if (t.channel === 'belum-masuk') {
      out.faults.push(belumMasukFault(t));
      continue;
    }
    emitChannel(ctx, t, tpsRecords(ctx, t, signed.deviceKeys.get(t.tps)!, start, out), out);
  }
  sortFaults(out.faults);
  return assembleDemo(opts, seed, plan, signed, out);
}

interface SignedMaster {
  kpuKey: DemoSigningKey;
  devices: DemoDevice[];
  deviceKeys: Map<string, DemoSigningKey>;
  masterEnvelope: SignedEnvelope<DataMaster>;
}

/** The KPU kab/kota key (drawn, or shared by the kecamatan of a kab/kota), one KPPS device key per TPS, the master. */
function signedMaster(root: Prng, plan: DemoPlan, sharedKpuKey?: DemoSigningKey): SignedMaster {
  const kpuKey = sharedKpuKey ?? demoKey(root.fork('kpu-key'));
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
  return { kpuKey, devices, deviceKeys, masterEnvelope: kpuKey.signEnvelope(master, { includePublicKey: true }) };
}

/** True counts of every TPS: desa shares around the base shares, then voters and counts per TPS. */
function drawTruth(root: Prng, plan: DemoPlan): TruthTable {
  const desaShares = new Map<string, Record<string, number[]>>();
  for (const d of plan.desa) {
    const r = root.fork(`desa-shares:${d.kode}`);
    desaShares.set(
      d.kode,
      Object.fromEntries(Object.entries(plan.shares).map(([id, base]) => [id, tpsWeights(r, base)])),
    );
  }
  const truth: TruthTable = new Map();
  for (const t of plan.tps) {
    const r = root.fork(`counts:${t.tps}`);
    const voters = drawVoters(r, t.dpt);
    const per = new Map<PemilihanId, CHasilCounts>();
    for (const p of plan.pemilihan)
      per.set(p.id, drawCounts(r, voters, tpsWeights(r, desaShares.get(t.desaKode)![p.id]!)));
    truth.set(t.tps, per);
  }
  return truth;
}

function assembleDemo(opts: DemoOptions, seed: number, plan: DemoPlan, signed: SignedMaster, out: DemoOutput): Demo {
  const count = (c: string): number => plan.tps.filter((t) => t.channel === c).length;
  const hashesOf = (channel: string): number =>
    new Set(out.records.filter((r) => r.channel === channel).flatMap((r) => r.photos.map((f) => f.sha256))).size;
  return {
    preset: opts.preset,
    seed,
    master: { envelope: signed.masterEnvelope, bytes: jsonFileBytes(signed.masterEnvelope) },
    kpuKey: keyData(signed.kpuKey),
    devices: signed.devices,
    ppkMembers: plan.ppk,
    records: out.records,
    bundles: out.bundles,
    envelopes: out.envelopes,
    qrTexts: out.qrTexts,
    expected: {
      faults: out.faults,
      tps: {
        total: plan.tps.length,
        bundle: count('bundle'),
        qr: count('qr'),
        json: count('json'),
        belumMasuk: count('belum-masuk'),
      },
      records: out.records.filter((r) => r.kiriman === 1).length,
      photos: { bundled: hashesOf('bundle'), pending: hashesOf('qr') },
      imports: [...out.imports, ...out.qrImports, ...out.lateImports],
    },
  };
}
