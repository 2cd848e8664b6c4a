// `npm run bench kirim`: the push of a demo kecamatan (both pemilihan, every photo the demo holds) against Pleno's own
// receiver through tests/support/fault-proxy.ts (docs/kirim.md). PLENO_BENCH_KIRIM_TPS=600 takes the 600-TPS `besar`
// demo; anything else the 30-TPS `hampang` demo. Three runs from the same outbox, each against an empty receiver:
//   1. reference: unthrottled — numbers held, lengkap, bytes on the wire ÷ object + blob sizes;
//   2. three forced breaks of blob uploads (unthrottled) — bytes re-sent, and how many breaks took effect;
// "Numbers held" is the receipt: the receiver committed the manifest (its checks passed; its recap shows them).
//   3. one shared 256 kbit/s link (both directions, headers included) with 300 ms round trips — time until the
//      receiver holds the numbers of each pemilihan, then the PDFs and photos for at most PLENO_BENCH_KIRIM_FOTO_S
//      seconds (default 120): at 32 KB/s the besar demo's photos alone take about 20 minutes, so the run stops there
//      and prints the rate reached and the time lengkap would take at that rate (an estimate, marked as one).
import { latestTandaTerima, listManifests, type ManifestRow } from '../electron/main/backend/repositories/kirim.repo';
import { hasObjek } from '../electron/main/backend/repositories/penerima.repo';
import { kirimOutbox } from '../electron/main/backend/services/kirim/sender';
import type { SignedEnvelope } from '../shared/domain/model';
import type { KirimManifest } from '../shared/formats/kirim';
import { buildDemoTemplate, startDemoRun, type DemoRun, type DemoTemplate } from './kirim-demo-pair';

const PRESET = process.env.PLENO_BENCH_KIRIM_TPS === '600' ? 'besar' : 'hampang';
const FOTO_S = Number(process.env.PLENO_BENCH_KIRIM_FOTO_S ?? 120);
const CHUNK = 256 * 1024; // the sender's default tus chunk (pleno kirim --potongan)
const BREAKS = 3;

interface Sizes {
  objek: number;
  berkas: number;
  objekCount: number;
  berkasCount: number;
  objekPer: Map<string, number>;
}

function sizesOf(rows: ManifestRow[]): Sizes {
  const s: Sizes = { objek: 0, berkas: 0, objekCount: 0, berkasCount: 0, objekPer: new Map() };
  for (const r of rows) {
    const m = (JSON.parse(r.envelopeJson) as SignedEnvelope<KirimManifest>).payload;
    s.objek += m.objek.reduce((n, o) => n + o.ukuran, 0);
    s.berkas += m.berkas.reduce((n, b) => n + b.ukuran, 0);
    s.objekCount += m.objek.length;
    s.objekPer.set(r.pemilihan, (s.objekPer.get(r.pemilihan) ?? 0) + m.objek.length);
    s.berkasCount += m.berkas.length;
  }
  return s;
}

interface Measured {
  sizes: Sizes;
  /** When the receiver stored each pemilihan's D.Hasil object (its numbers, not yet committed). */
  dHasilAt: Map<string, number>;
  numbersAt: Map<string, number>;
  lengkapAt: number | null;
  stoppedAt: number;
  /** Request bodies (JSON gzip + tus PATCH) and request line + header bytes relayed to the receiver. */
  bodyUp: number;
  headerUp: number;
  patch: number;
  patchAtNumbers: number;
  requests: number;
  connections: number;
  drops: number;
}

const patchOf = (r: DemoRun) => r.proxy.stats.bodyBytesUpByMethod.get('PATCH') ?? 0;

/** One push from a fresh copy of the template; `bounded` stops it FOTO_S seconds after the numbers are all held. */
async function once(t: DemoTemplate, setup: (r: DemoRun) => void, bounded: boolean): Promise<Measured> {
  const run = await startDemoRun(t);
  try {
    const rows = listManifests(run.kec.ctx.db);
    setup(run);
    const stop = new AbortController();
    const numbersAt = new Map<string, number>();
    const dHasilAt = new Map<string, number>();
    const dHasil = rows.map((r) => {
      const m = (JSON.parse(r.envelopeJson) as SignedEnvelope<KirimManifest>).payload;
      return [r.pemilihan, m.objek.find((o) => o.jenis === 'd-hasil')!.sha256] as const;
    });
    let patchAtNumbers = 0;
    const t0 = Date.now();
    const poll = setInterval(() => {
      for (const [p, sha] of dHasil)
        if (!dHasilAt.has(p) && hasObjek(run.kab.ctx.db, sha)) dHasilAt.set(p, Date.now() - t0);
      for (const r of rows)
        if (!numbersAt.has(r.pemilihan) && latestTandaTerima(run.kec.ctx.db, r.sha256))
          numbersAt.set(r.pemilihan, Date.now() - t0);
      if (numbersAt.size === rows.length && !patchAtNumbers) {
        patchAtNumbers = Math.max(1, patchOf(run));
        if (bounded)
          setTimeout(() => {
            stop.abort();
            void run.proxy.close(); // cuts the uploads under way; the sender's loop then ends on the abort
          }, FOTO_S * 1000);
      }
    }, 50);
    const r = await kirimOutbox(run.kec.ctx, {
      batasMs: 3_600_000,
      baseDelayMs: 200,
      chunkSize: CHUNK,
      foto: true,
      signal: stop.signal,
    });
    clearInterval(poll);
    const done = r.ok && r.value.every((o) => o.status === 'lengkap');
    if (!bounded && !done) throw new Error(`push did not end lengkap: ${JSON.stringify(r)}`);
    const s = run.proxy.stats;
    return {
      sizes: sizesOf(rows),
      dHasilAt,
      numbersAt,
      lengkapAt: done ? Date.now() - t0 : null,
      stoppedAt: Date.now() - t0,
      bodyUp: s.bodyBytesUp,
      headerUp: s.headerBytesUp,
      patch: patchOf(run),
      patchAtNumbers,
      requests: s.requests,
      connections: s.connections,
      drops: s.drops,
    };
  } finally {
    await run.close();
  }
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MiB`;
const sec = (ms: number | undefined | null) => (ms == null ? '—' : `${(ms / 1000).toFixed(1)} s`);
const held = (m: Measured) =>
  [...m.numbersAt].map(([p, ms]) => `${p} ${sec(ms)}`).join(', ') +
  ` (their D.Hasil objects stored at ${[...m.dHasilAt].map(([p, ms]) => `${p} ${sec(ms)}`).join(', ')})`;

const template = await buildDemoTemplate(PRESET);
try {
  const ref = await once(template, () => {}, false);
  const sizes = ref.sizes;
  const payload = sizes.objek + sizes.berkas;
  console.log(
    `kirim: ${PRESET} demo, ${template.tps} TPS, both pemilihan; built in ${template.buildSeconds.toFixed(0)} s; ` +
      `${sizes.objekCount} objects ${kb(sizes.objek)} + ${sizes.berkasCount} blobs ${mb(sizes.berkas)} ` +
      `(raw byte sum, the denominator); tus chunk ${kb(CHUNK)}`,
  );

  console.log(`  1. reference, unthrottled: numbers held ${held(ref)}; lengkap ${sec(ref.lengkapAt)}`);
  console.log(
    `     bytes sent ÷ objects+blobs: ${(ref.bodyUp / payload).toFixed(3)} bodies only, ` +
      `${((ref.bodyUp + ref.headerUp) / payload).toFixed(3)} with request headers (aim ≤ 1.05; JSON gzip-compressed); ` +
      `${ref.requests} requests over ${ref.connections} connections`,
  );

  const broken = await once(
    template,
    (r) => {
      r.proxy.plan.dropAfterBytes = { path: /^\/v1\/berkas\//, method: 'PATCH', bytes: 16 * 1024, times: BREAKS };
    },
    false,
  );
  const resent = broken.patch - sizes.berkas;
  console.log(
    `  2. ${BREAKS} forced breaks asked (each PATCH cut after 16 KiB), ${broken.drops} took effect: ` +
      `blob bytes re-sent ${resent} B = ${(resent / CHUNK).toFixed(3)} chunks of ${kb(CHUNK)} (aim ≤ 3); ` +
      `lengkap ${sec(broken.lengkapAt)}`,
  );

  const slow = await once(
    template,
    (r) => Object.assign(r.proxy.plan, { bitsPerSecond: 256_000, sharedLink: true, latencyMs: 150 }),
    true,
  );
  const window = slow.stoppedAt - Math.max(...slow.numbersAt.values());
  const blobWindow = slow.patch - slow.patchAtNumbers;
  const rate = blobWindow / (window / 1000);
  console.log(
    `  3. one 256 kbit/s link + 300 ms round trip: numbers held ${held(slow)} (aim < 60 s); ` +
      (slow.lengkapAt
        ? `lengkap ${sec(slow.lengkapAt)}`
        : `stopped ${sec(window)} later with ${mb(slow.patch)} of ${mb(sizes.berkas)} blob bytes sent ` +
          `(${(rate / 1024).toFixed(1)} KiB/s of the link's 31.25); at that rate lengkap ≈ ` +
          `${sec(slow.stoppedAt + ((sizes.berkas - slow.patch) / rate) * 1000)} (estimate, not measured)`),
  );
  const floor = [...sizes.objekPer].map(
    ([p, n]) => `${p} ${n} objects → ${((Math.ceil(n / 2) * 300) / 1000).toFixed(0)} s`,
  );
  console.log(
    `     the contract's floor for the numbers on this link (one PUT per object, two at a time, 300 ms each): ` +
      `${floor.join(', ')}, one pemilihan after the other`,
  );
  console.log(
    `     bytes sent ÷ bytes moved: ${((slow.bodyUp + slow.headerUp) / (sizes.objek + slow.patch)).toFixed(3)} ` +
      `with request headers; ${slow.requests} requests over ${slow.connections} connections`,
  );
} finally {
  template.close();
}
