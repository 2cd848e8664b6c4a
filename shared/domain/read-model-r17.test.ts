// R17 in the one read model (read-model.ts + cross-checks.ts), beside R14–R16 (read-model-cross.test.ts): the
// counted record's `dibuat` against the election window — more than 7 days before the master was imported here, or
// more than 10 minutes after the record was received — is a warning among the TPS's violations (so the dashboard's
// flags and the documents' peringatan read it), never an error: the tile and bermasalah stay as they were.
import { describe, expect, it } from 'vitest';
import type { DataMaster } from './model';
import { crossFlags } from './cross-checks';
import { derivePemilihan, type PemilihanRows, type RowTypes } from './read-model';
import { CLEAN_DPT, cleanCounts } from '../../tests/support/counts';

const A = '6302142001';
const master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'> = {
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [{ kode: A, nama: 'Hampang', tps: [1, 2].map((nomor) => ({ nomor, dpt: CLEAN_DPT })) }],
  pemilihan: [],
};
const pilihan = [1, 2, 3].map((n) => ({ nomor: n, nama: `P${n}` }));
const IMPORTED = '2024-11-28T00:00:00.000Z';
const RECEIVED = '2024-11-28T02:00:00.000Z';

function model(dibuat: [string, string], window: PemilihanRows<RowTypes>['dibuatWindow'] | 'none') {
  const submissions = dibuat.map((d, i) => ({
    id: i + 1,
    tps: `${A}00${i + 1}`,
    sha256: String(i + 1).repeat(64),
    receivedAt: RECEIVED,
    counts: cleanCounts(),
    dibuat: d,
  }));
  const rows: PemilihanRows<RowTypes> = {
    master,
    pemilihan: { id: 'bupati', nama: 'bupati', pilihan },
    submissions,
    acceptances: submissions.map((s) => ({ id: s.id, tps: s.tps, submissionId: s.id, decidedAt: RECEIVED })),
    choices: [],
    corrections: [],
    decisions: [],
    objections: [],
    resolutions: [],
    lockEvents: [],
    ...(window === 'none' ? {} : { dibuatWindow: window }),
  };
  return derivePemilihan(rows);
}

const r17 = (m: ReturnType<typeof derivePemilihan>, tps: string) =>
  m.byTps.get(tps)!.violations.filter((v) => v.code === 'R17');

describe('read model: R17 (dibuat outside the election window) on the counted record', () => {
  it('more than 7 days before the master was imported: a warning naming both times; the other TPS is quiet', () => {
    const m = model(['2024-11-20T23:59:00+08:00', '2024-11-27T14:05:00+08:00'], { masterImported: IMPORTED });
    expect(r17(m, `${A}001`)).toEqual([
      {
        code: 'R17',
        severity: 'warning',
        fields: ['dibuat'],
        message: expect.stringMatching(
          /^Waktu pembuatan rekaman \(2024-11-20 23:59\+08:00\) lebih dari 7 hari sebelum data master dipakai di laptop ini \(2024-11-28 00:00Z\)/,
        ),
      },
    ]);
    expect(r17(m, `${A}002`)).toEqual([]);
    // A warning: the tile and bermasalah are those of a clean, accepted TPS, and the dashboard flags it.
    const [flagged, quiet] = [m.byTps.get(`${A}001`)!, m.byTps.get(`${A}002`)!];
    expect([flagged.tile, flagged.derived.bermasalah]).toEqual([quiet.tile, quiet.derived.bermasalah]);
    expect(crossFlags(flagged.violations)).toEqual(['R17']);
    expect(crossFlags(quiet.violations)).toEqual([]);
  });

  it('at the boundaries: exactly 7 days before the import and 10 minutes after receipt are inside', () => {
    const m = model(['2024-11-21T00:00:00Z', '2024-11-28T02:10:00Z'], { masterImported: IMPORTED });
    expect([r17(m, `${A}001`), r17(m, `${A}002`)]).toEqual([[], []]);
    const past = model(['2024-11-20T23:59:59Z', '2024-11-28T02:10:01Z'], { masterImported: IMPORTED });
    expect([r17(past, `${A}001`).length, r17(past, `${A}002`).length]).toEqual([1, 1]);
    expect(r17(past, `${A}002`)[0]!.message).toMatch(/sesudah rekaman diterima \(2024-11-28 02:00/);
  });

  it('a SIMULASI master (no lower bound) still flags a record dated after its receipt; no window, no R17', () => {
    const sim = model(['2019-11-27T14:05:00+08:00', '2099-11-27T14:05:00+08:00'], { masterImported: null });
    expect([r17(sim, `${A}001`).length, r17(sim, `${A}002`).length]).toEqual([0, 1]);
    const none = model(['2019-11-27T14:05:00+08:00', '2099-11-27T14:05:00+08:00'], 'none');
    expect([r17(none, `${A}001`), r17(none, `${A}002`)]).toEqual([[], []]);
  });
});
