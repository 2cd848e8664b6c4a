// Pleno's own sender (issue 11) against Pleno's own receiver (issue 12) over real HTTP on 127.0.0.1, through the
// fault-injecting proxy: each side was written from docs/design.md §4 and tested against a minimal independent
// peer; here they meet. A kecamatan database issues its D.Hasil, pushes it, and the kab/kota recap shows the very
// totals of the kecamatan's own recap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../electron/main/backend/backend';
import type { KecamatanFixture } from '../support/records';
import { startKirimPair, type KirimPair } from '../support/kirim-pair';
import { verifyAudit } from '../../electron/main/backend/repositories/audit.repo';
import { issueOk } from '../support/issue-document';
import { kirimOutbox, outcomeLine } from '../../electron/main/backend/services/kirim/sender';
import { penerimaRecap } from '../../electron/main/backend/services/penerima/recap.service';
import { recap } from '../../electron/main/backend/services/recap/recap.service';
import type { FaultProxy } from '../support/fault-proxy';

let pair: KirimPair;
let fx: KecamatanFixture;
let kab: Backend;
let proxy: FaultProxy;

beforeAll(async () => {
  pair = await startKirimPair({ desa: 2, tpsPerDesa: 2 });
  ({ fx, kab, proxy } = pair);
});

afterAll(async () => {
  await pair?.close();
});

describe('kirim → penerima', () => {
  it('delivers a D.Hasil with its sources through a broken upload; the kab/kota recap holds the kecamatan totals', async () => {
    await issueOk(fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    proxy.plan.dropAfterBytes = { path: /\/v1\/berkas\//, method: 'PATCH', bytes: 8 * 1024, times: 1 };
    const pushed = await kirimOutbox(fx.backend.ctx, {
      batasMs: 30_000,
      baseDelayMs: 50,
      maxDelayMs: 400,
      chunkSize: 16 * 1024,
    });
    expect(pushed.ok && pushed.value.map(outcomeLine)).toEqual([
      `${fx.master.kecamatan.kode} bupati urutan 1: lengkap`,
    ]);
    expect(proxy.stats.faultsApplied).toBe(1);

    const kabRecap = penerimaRecap(kab.ctx.db)!;
    const bupati = kabRecap.pemilihan.find((p) => p.id === 'bupati')!;
    expect(bupati.daftar.map((d) => [d.kode, d.status, d.urutan])).toEqual([[fx.master.kecamatan.kode, 'draf', 1]]);
    const own = recap(fx.backend.ctx, 'bupati');
    const ownTotal = (own as { pemilihan: { id: string; total: unknown }[] }).pemilihan.find(
      (p) => p.id === 'bupati',
    )!.total;
    expect(bupati.daftar[0]!.total).toEqual(ownTotal);
    expect(verifyAudit(kab.ctx.db).ok).toBe(true);
    expect(verifyAudit(fx.backend.ctx.db).ok).toBe(true);
  }, 60_000);
});
