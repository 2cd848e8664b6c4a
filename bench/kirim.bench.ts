// `npm run bench kirim`: a push through the fault proxy at 256 kbit/s with 300 ms latency (docs/kirim.md), against
// Pleno's own receiver: time until the receiver holds the numbers, bytes on the wire ÷ the objects' and blobs' sizes,
// and bytes re-sent after three forced breaks of blob uploads. Reference in the same run: the same push unthrottled.
// PLENO_BENCH_KIRIM_TPS (default 20) sets the kecamatan size; the 600-TPS figure is not measured here (see docs).
import { issueDocument } from '../electron/main/backend/services/documents/documents.service';
import { latestTandaTerima, listManifests } from '../electron/main/backend/repositories/kirim.repo';
import { kirimOutbox } from '../electron/main/backend/services/kirim/sender';
import type { SignedEnvelope } from '../shared/domain/model';
import type { KirimManifest } from '../shared/formats/kirim';
import { startKirimPair } from '../tests/support/kirim-pair';

const TPS = Number(process.env.PLENO_BENCH_KIRIM_TPS ?? 20);
const CHUNK = 64 * 1024;

async function once(throttled: boolean, breaks: number) {
  const pair = await startKirimPair({ desa: Math.max(1, Math.round(TPS / 10)), tpsPerDesa: Math.min(10, TPS) });
  try {
    const ctx = pair.fx.backend.ctx;
    await issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'bench' });
    const row = listManifests(ctx.db)[0]!;
    const m = (JSON.parse(row.envelopeJson) as SignedEnvelope<KirimManifest>).payload;
    const payload = m.objek.reduce((n, o) => n + o.ukuran, 0) + m.berkas.reduce((n, b) => n + b.ukuran, 0);
    if (throttled) Object.assign(pair.proxy.plan, { bitsPerSecond: 256_000, latencyMs: 150 }); // 300 ms round trip
    if (breaks > 0)
      pair.proxy.plan.dropAfterBytes = { path: /^\/v1\/berkas\//, method: 'PATCH', bytes: CHUNK / 2, times: breaks };
    const t0 = Date.now();
    let numbersAt = 0;
    const poll = setInterval(() => {
      if (!numbersAt && latestTandaTerima(ctx.db, row.sha256)) numbersAt = Date.now() - t0;
    }, 20);
    const r = await kirimOutbox(ctx, { batasMs: 600_000, baseDelayMs: 200, chunkSize: CHUNK, foto: true });
    clearInterval(poll);
    const total = Date.now() - t0;
    if (!r.ok || r.value[0]!.status !== 'lengkap') throw new Error('push did not end lengkap');
    return {
      tps: TPS,
      payload,
      wire: pair.proxy.stats.bodyBytesUp,
      numbersAt,
      total,
      patch: (pair.proxy.stats.bodyBytesUpByMethod.get('PATCH') ?? 0) - m.berkas.reduce((n, b) => n + b.ukuran, 0),
    };
  } finally {
    await pair.close();
  }
}

const ref = await once(false, 0);
const slow = await once(true, 0);
const broken = await once(false, 3);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
console.log(`kirim: ${TPS} TPS, objects + blobs ${kb(ref.payload)} (raw byte sum, the reference)`);
console.log(`  unthrottled: numbers held after ${ref.numbersAt} ms, lengkap after ${ref.total} ms`);
console.log(
  `  256 kbit/s + 300 ms: numbers held after ${(slow.numbersAt / 1000).toFixed(1)} s (aim < 60 s), lengkap after ${(slow.total / 1000).toFixed(1)} s`,
);
console.log(
  `  bytes sent ÷ objects+blobs: ${(slow.wire / slow.payload).toFixed(3)} (aim ≤ 1.05; JSON is gzip-compressed)`,
);
console.log(
  `  3 forced breaks: blob bytes re-sent ${kb(broken.patch)} = ${(broken.patch / CHUNK).toFixed(2)} chunks of ${kb(CHUNK)} (aim ≤ 3)`,
);
