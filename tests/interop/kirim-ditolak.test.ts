// A push the receiver refuses for its content (422 `masalah`) stays "ditolak" with the receiver's problems in words
// after the app restarts (migration 0011-kirim-ditolak, docs/kirim.md): Pleno's own receiver over real HTTP refuses
// an urutan 2 whose D.Hasil desa total is not the sum of its TPS; the refusal is stored audited, once; the backend
// is closed and reopened with the receiver unreachable, and the Kirim screen's status still reads it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/main/backend/backend';
import { latestDitolak, listManifests } from '../../electron/main/backend/repositories/kirim.repo';
import { verifyAudit } from '../../electron/main/backend/repositories/audit.repo';
import { forgeNext, tamperTotals } from '../../electron/main/backend/services/demo/kotabaru-kecamatan';
import { kirimOutbox, outcomeLine } from '../../electron/main/backend/services/kirim/sender';
import type { KirimStatus } from '../../shared/contracts/kirim.contract';
import type { Result } from '../../shared/domain/result';
import { issueOk } from '../support/issue-document';
import { startKirimPair, type KirimPair } from '../support/kirim-pair';

let pair: KirimPair;
let reopened: Backend | null = null;

beforeAll(async () => {
  pair = await startKirimPair();
}, 60_000);

afterAll(async () => {
  await reopened?.close();
  await pair?.close();
});

const refusals = (b: Backend) =>
  (b.ctx.db.prepare("SELECT count(*) AS n FROM audit WHERE action = 'kirim.ditolak'").get() as { n: number }).n;

describe('a refused push after a restart', () => {
  it('is stored once, audited, and shown as Ditolak with the masalah after the backend reopens', async () => {
    const b = pair.fx.backend;
    await issueOk(b.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    forgeNext(b, (m, objek) => tamperTotals(b, m, objek)); // urutan 2: a desa total 10 votes off its TPS
    const [first, second] = listManifests(b.ctx.db);

    const run = await kirimOutbox(b.ctx, { batasMs: 2_000, baseDelayMs: 50 });
    expect(run.ok).toBe(true);
    const lines = run.ok ? run.value.map(outcomeLine) : [];
    expect(lines[0]).toMatch(/urutan 1: (lengkap|menunggu-berkas)$/);
    expect(lines[1]).toMatch(/urutan 2: belum terkirim: ditolak penerima: /);
    const stored = latestDitolak(b.ctx.db, second!.sha256)!;
    expect(stored.masalah.length).toBeGreaterThan(0);
    expect(stored.masalah.join(' ')).toMatch(/desa/i); // the receiver's own sentence, in Bahasa Indonesia
    expect(lines[1]).toContain(stored.masalah[0]);
    expect(latestDitolak(b.ctx.db, first!.sha256)).toBeUndefined();
    expect(refusals(b)).toBe(1);

    // Refused again on the next run: the same problems add no row.
    await kirimOutbox(b.ctx, { batasMs: 1_000, baseDelayMs: 50 });
    expect(refusals(b)).toBe(1);
    expect(verifyAudit(b.ctx.db).ok).toBe(true);

    // The app stops; when it starts again the receiver cannot be reached, so nothing new is learnt from it.
    const dbPath = b.ctx.dbPath;
    await b.close();
    pair.proxy.plan.answer = { status: 503, body: '{"masalah":["sedang pemeliharaan"]}' };
    reopened = await openBackend({ dbPath, mode: 'web' });
    const status = async () => {
      const r = (await reopened!.dispatch('kirim.status', {})) as Result<KirimStatus>;
      if (!r.ok) throw new Error(r.error.message);
      const p = r.value.pushes.find((x) => x.urutan === 2)!;
      return { state: p.state, reason: p.reason };
    };
    await expect
      .poll(status, { timeout: 20_000, interval: 100 })
      .toEqual({ state: 'ditolak', reason: `ditolak penerima: ${stored.masalah.join('; ')}` });
    const one = (await reopened.dispatch('kirim.status', {})) as Result<KirimStatus>;
    expect(one.ok && one.value.pushes.find((x) => x.urutan === 1)!.state).toMatch(/^(lengkap|menunggu-berkas)$/);
    expect(pair.proxy.stats.byRoute.get(`POST /v1/kirim/${second!.sha256}/selesai`)).toBe(2); // no commit after the restart
  }, 90_000);
});
