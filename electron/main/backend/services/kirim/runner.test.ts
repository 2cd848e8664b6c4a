// The app's background sender against Pleno's receiver over real HTTP through the fault proxy: it starts on its own
// after an issued document, reports progress as kirim-changed events, and — while a long backoff wait is under way
// — notices the receiver answering again (GET /v1/hello after a link failure) and sends at once instead of waiting out the backoff.
import { afterEach, describe, expect, it } from 'vitest';
import { issueDocument } from '../documents/documents.service';
import { latestTandaTerima, listManifests } from '../../repositories/kirim.repo';
import { startKirimPair, type KirimPair } from '../../../../../tests/support/kirim-pair';
import { createKirimRunner, type KirimRunner } from './runner';
import { kirimStatus } from './status';

let pair: KirimPair | null = null;
let runner: KirimRunner | null = null;
afterEach(async () => {
  await runner?.close();
  await pair?.close();
  runner = null;
  pair = null;
});

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('kirim runner', () => {
  it('sends when the receiver answers again, long before its backoff would have retried', async () => {
    pair = await startKirimPair();
    const ctx = pair.fx.backend.ctx;
    pair.proxy.plan.hang = { path: /./ }; // a dead link: nothing answers

    let changes = 0;
    ctx.events.subscribe((e) => void (e.type === 'kirim-changed' && changes++));
    runner = createKirimRunner(ctx, {
      probeMs: 200,
      send: { baseDelayMs: 120_000, maxDelayMs: 120_000, timeoutMs: 500 },
    });
    await issueDocument(ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' }); // documents-changed starts it
    await until(() => runner!.view().nextAttemptAt !== null, 20_000);
    const row = listManifests(ctx.db)[0]!;
    expect(kirimStatus(ctx, runner.view()).pushes[0]!.state).toBe('menunggu');
    expect(kirimStatus(ctx, runner.view()).pushes[0]!.reason).toMatch(/sambungan ke penerima terputus/);
    expect(runner.view().online).toBe(false);
    const waitingFrom = Date.now();
    pair.proxy.plan.hang = undefined; // the link is back
    // photos are not allowed by default ("foto lewat data seluler" off): numbers and the PDF make menunggu-berkas
    await until(() => latestTandaTerima(ctx.db, row.sha256)?.status === 'menunggu-berkas', 30_000);
    await until(() => kirimStatus(ctx, runner!.view()).pushes[0]!.state === 'menunggu-berkas', 30_000);
    expect(Date.now() - waitingFrom).toBeLessThan(30_000); // the backoff wait was at least 60 s
    const view = kirimStatus(ctx, runner.view());
    expect(view.pushes[0]!.state).toBe('menunggu-berkas');
    expect(view.fotoTertunda.count).toBe(2);
    expect(view.pushes[0]!.receipt!.auditJumlah).toBeGreaterThan(0);
    expect(changes).toBeGreaterThan(2);
  }, 180_000); // 93 s at load 28
});
