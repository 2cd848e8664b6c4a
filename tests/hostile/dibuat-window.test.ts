// Records dated outside the election window (issue 14, item 7): a record made in 2019 (years before the data master
// was in use here) and one dated 2099 (in the future) are signed and valid, so they are stored — but never silently:
// the import summary, `pleno import` (stderr) and the TPS review each show warning R17 in words, and the one read
// model carries it among the counted record's violations (the review's checks, Beranda's tile flags).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../support/records';
import type { Result } from '../../shared/contracts/result';
import type { ImportSummary } from '../../shared/contracts/import.contract';
import type { DashboardView, TpsReview } from '../../shared/contracts/plenary.contract';

const ROOT = path.resolve(__dirname, '../..');
let fx: KecamatanFixture;

beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 3, simulasi: false });
}, 180_000);
afterAll(async () => {
  await fx?.close();
});

const value = <T>(r: unknown): T => {
  const x = r as Result<T>;
  if (!x.ok) throw new Error(x.error.message);
  return x.value;
};

describe('R17: dibuat outside the election window', () => {
  it('stores the 2019 and 2099 records with a warning in the import summary and the TPS review', async () => {
    const [a, b, c] = fx.devices;
    const old = { ...fx.record(a!.tps, 'bupati'), dibuat: '2019-11-27T14:05:00+08:00' };
    const future = { ...fx.record(b!.tps, 'bupati'), dibuat: '2099-11-27T14:05:00+08:00' };
    const normal = { ...fx.record(c!.tps, 'bupati'), dibuat: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
    const files = [old, future, normal].map((r, i) => ({
      name: `rekaman-${i}.json`,
      contentBase64: Buffer.from(fx.envelopeBytes(r)).toString('base64'),
    }));
    const summary = value<ImportSummary>(await fx.backend.dispatch('import.files', { files }));
    expect(summary.diterima).toBe(3);
    const by = (name: string) => summary.results.find((r) => r.name === name)!;
    expect(by('rekaman-0.json').peringatan).toEqual([
      expect.stringMatching(
        /^R17: Waktu pembuatan rekaman \(2019-11-27 14:05\+08:00\) lebih dari 7 hari sebelum data master dipakai di laptop ini/,
      ),
    ]);
    expect(by('rekaman-1.json').peringatan).toEqual([
      expect.stringMatching(/^R17: Waktu pembuatan rekaman \(2099-11-27 14:05\+08:00\) sesudah rekaman diterima/),
    ]);
    expect(by('rekaman-2.json').peringatan).toBeUndefined();

    const review = value<TpsReview>(await fx.backend.dispatch('plenary.tps', { tps: a!.tps, pemilihan: 'bupati' }));
    expect(review.submissions[0]!.peringatan).toEqual([expect.stringMatching(/^R17: .*2019-11-27/)]);
    const quiet = value<TpsReview>(await fx.backend.dispatch('plenary.tps', { tps: c!.tps, pemilihan: 'bupati' }));
    expect(quiet.submissions[0]!.peringatan).toEqual([]);

    // In the one read model: the counted record's R17 is among the TPS's violations, so the review lists it with
    // R01–R16 and Beranda flags the tile (a warning: the TPS is not bermasalah for it).
    expect(review.violations.filter((v) => v.code === 'R17')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        fields: ['dibuat'],
        message: expect.stringMatching(/2019-11-27/),
      }),
    ]);
    expect(quiet.violations.filter((v) => v.code === 'R17')).toEqual([]);
    const board = value<DashboardView>(await fx.backend.dispatch('plenary.dashboard', { pemilihan: 'bupati' }));
    const tiles = new Map(board.desa.flatMap((d) => d.tiles.map((t) => [t.tps, t])));
    expect([a, b, c].map((d) => tiles.get(d!.tps)!.flags)).toEqual([['R17'], ['R17'], []]);
  }, 60_000);

  it('pleno import keeps its stdout line and names the warning on stderr', async () => {
    // A kecamatan of its own: the CLI needs the database closed, and the other test reads the shared one.
    const own = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1, simulasi: false });
    try {
      const d = own.devices[0]!;
      const gub = { ...own.record(d.tps, 'gubernur'), dibuat: '2099-01-01T00:00:00Z' };
      const file = path.join(own.dir, 'masa-depan.json');
      writeFileSync(file, own.envelopeBytes(gub));
      await own.backend.close();
      const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/pleno.mjs'), 'import', '--db', own.dbPath, file], {
        encoding: 'utf8',
      });
      expect(r.stdout).toContain(`${file}: diterima`);
      expect(r.stderr).toMatch(new RegExp(`${file}: peringatan R17: Waktu pembuatan rekaman \\(2099-01-01 00:00Z\\)`));
      expect(r.status).toBe(0);
    } finally {
      await own.close();
    }
  }, 180_000);
});
