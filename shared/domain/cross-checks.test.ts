// cross-checks.ts on its own (issue 16: its mutation score was the lowest of shared/domain): the flags of a tile, the
// index of shared photos, and which R14–R16 warnings one TPS's counted version carries — exact objects, so a key
// added or lost (a `lembar` on an R14, a `tps` leaking from R16) is seen. read-model-cross.test.ts covers the same
// rules through the read model.
import { describe, expect, it } from 'vitest';
import { crossFlags, crossIndex, crossViolations, type SharedPhotoRowIn } from './cross-checks';
import type { CHasilCounts, PemilihanId } from './model';
import { cleanCounts, withCounts } from '../../tests/support/counts';

const A1 = '6302142001001';
const A2 = '6302142001002';
const B1 = '6302142002001';
const X = 'ab'.repeat(32);
const Y = 'cd'.repeat(32);
const names: Record<string, string> = { [A1]: 'TPS 001 Hampang', [A2]: 'TPS 002 Hampang', [B1]: 'TPS 001 Limbur' };
const shown = (tps: string) => names[tps] ?? `?${tps}`;
const photo = (submissionId: number, tps: string, pemilihan: PemilihanId, lembar: number, sha256 = X) =>
  ({ submissionId, tps, pemilihan, lembar, sha256 }) satisfies SharedPhotoRowIn;
const ix = (
  siblings: [string, { pemilihan: PemilihanId; counts: CHasilCounts }[]][] = [],
  shared: SharedPhotoRowIn[] = [],
) => crossIndex(new Map(siblings), shared, shown);
const tps = (
  pemilihan: PemilihanId,
  current: CHasilCounts | null = cleanCounts(),
  countedSubmissionId: number | null = 1,
) => ({
  tps: A1,
  pemilihan,
  current,
  countedSubmissionId,
});

describe('crossFlags', () => {
  it('gives each cross code once, in code order, and nothing for the other rules', () => {
    // R17 (dibuat outside the election window) is a tile flag like R14–R16 since it joined the read model.
    const v = [{ code: 'R17' }, { code: 'R16' }, { code: 'R01' }, { code: 'R14' }, { code: 'R14' }, { code: 'R13' }];
    expect(crossFlags(v)).toEqual(['R14', 'R16', 'R17']);
    expect(crossFlags([{ code: 'R15' }])).toEqual(['R15']);
    expect(crossFlags([{ code: 'R05' }])).toEqual([]);
    expect(crossFlags([])).toEqual([]);
  });
});

describe('crossIndex', () => {
  it('keeps every shared row under its record and under its hash, in the order given', () => {
    const r1 = photo(1, A1, 'bupati', 1, X);
    const r2 = photo(1, A1, 'bupati', 2, Y);
    const r3 = photo(7, B1, 'gubernur', 3, X);
    const index = ix([], [r1, r2, r3]);
    expect([...index.bySubmission.entries()]).toEqual([
      [1, [r1, r2]],
      [7, [r3]],
    ]);
    expect([...index.bySha.entries()]).toEqual([
      [X, [r1, r3]],
      [Y, [r2]],
    ]);
    expect(index.shown(B1)).toBe('TPS 001 Limbur');
  });
});

describe('crossViolations', () => {
  const gubDiffers = withCounts({ 'pemilih.dpt.l': 201, 'pemilih.jumlah.l': 206 });
  const r14 = (pemilihan: string, own: number, other: string, theirs: number) =>
    `Jumlah pemilih DPT laki-laki pemilihan ${pemilihan} (${own}) berbeda dengan pemilihan ${other} (${theirs}) di TPS yang sama`;

  it('finds nothing without a counted version, whatever the siblings and photos say', () => {
    const index = ix(
      [[A1, [{ pemilihan: 'gubernur', counts: gubDiffers }]]],
      [photo(1, A1, 'bupati', 1), photo(2, B1, 'bupati', 1)],
    );
    expect(crossViolations(tps('bupati', null), index)).toEqual([]);
    expect(crossViolations(tps('bupati', null, null), index)).toEqual([]);
  });

  it('R14 on the record that differs and on the gubernur reference, with exactly the rule fields (no lembar)', () => {
    const bupati = crossViolations(tps('bupati'), ix([[A1, [{ pemilihan: 'gubernur', counts: gubDiffers }]]]));
    const one = { code: 'R14', severity: 'warning', fields: ['pemilih.dpt.l'] };
    expect(bupati).toStrictEqual([{ ...one, message: r14('bupati', 200, 'gubernur', 201) }]);
    // The gubernur record is the reference: the bupati's difference is shown on it too.
    const gubernur = crossViolations(
      tps('gubernur', gubDiffers),
      ix([[A1, [{ pemilihan: 'bupati', counts: cleanCounts() }]]]),
    );
    expect(gubernur).toStrictEqual([{ ...one, message: r14('bupati', 200, 'gubernur', 201) }]);
  });

  it('keeps to the pemilihan at hand when a third record differs too', () => {
    const wali = withCounts({ 'suratSuara.diterima': 420, 'suratSuara.tidakDigunakan': 89 });
    const siblings = [
      { pemilihan: 'gubernur' as const, counts: gubDiffers },
      { pemilihan: 'walikota' as const, counts: wali },
    ];
    const mine = crossViolations(tps('bupati'), ix([[A1, siblings]]));
    expect(mine.map((v) => v.message)).toEqual([r14('bupati', 200, 'gubernur', 201)]);
    // On the reference both others' differences show.
    const onRef = crossViolations(
      tps('gubernur', gubDiffers),
      ix([[A1, [{ pemilihan: 'bupati', counts: cleanCounts() }, siblings[1]!]]]),
    );
    expect(onRef.map((v) => [v.message.split(' (')[0], v.fields])).toEqual([
      ['Jumlah pemilih DPT laki-laki pemilihan bupati', ['pemilih.dpt.l']],
      ['Jumlah pemilih DPT laki-laki pemilihan wali kota', ['pemilih.dpt.l']],
      ['Jumlah surat suara diterima pemilihan wali kota', ['suratSuara.diterima']],
    ]);
  });

  it('without a gubernur record the TPS at hand is the reference and shows the other record’s difference', () => {
    const bupati = withCounts({ 'pemilih.dpt.l': 201, 'pemilih.jumlah.l': 206 });
    const got = crossViolations(tps('walikota'), ix([[A1, [{ pemilihan: 'bupati', counts: bupati }]]]));
    expect(got.map((v) => v.message)).toEqual([r14('bupati', 201, 'wali kota', 200)]);
  });

  it('ignores siblings of another TPS and of its own pemilihan', () => {
    const index = ix([
      [A2, [{ pemilihan: 'gubernur', counts: gubDiffers }]],
      [A1, [{ pemilihan: 'bupati', counts: gubDiffers }]],
    ]);
    expect(crossViolations(tps('bupati'), index)).toEqual([]);
  });

  it('R15 after R14, each side with both fields', () => {
    const off = withCounts({ 'pemilih.dptb.p': 3, 'pemilih.jumlah.p': 214 });
    const got = crossViolations(
      tps('bupati', off),
      ix([[A1, [{ pemilihan: 'gubernur', counts: withCounts({ 'pemilih.dptb.p': 3, 'pemilih.jumlah.p': 214 }) }]]]),
    );
    expect(got).toStrictEqual([
      {
        code: 'R15',
        severity: 'warning',
        fields: ['pemilih.dptb.p', 'pengguna.dptb.p'],
        message:
          'Pemilih DPTb perempuan (3) tidak sama dengan pengguna hak pilih DPTb perempuan (2): pemilih DPTb dicatat saat memilih',
      },
    ]);
    const both = crossViolations(tps('bupati', off), ix([[A1, [{ pemilihan: 'gubernur', counts: cleanCounts() }]]]));
    expect(both.map((v) => [v.code, v.fields])).toEqual([
      ['R14', ['pemilih.dptb.p']],
      ['R15', ['pemilih.dptb.p', 'pengguna.dptb.p']],
    ]);
  });

  it('R16 for each sheet of the counted record that another TPS holds, naming that TPS, with only its lembar added', () => {
    // The other TPS's rows come first and last, so a hash's list must keep all of them.
    const shared = [
      photo(9, B1, 'gubernur', 4, X),
      photo(1, A1, 'bupati', 2, X),
      photo(1, A1, 'bupati', 5, Y),
      photo(3, A2, 'bupati', 5, Y),
      photo(8, B1, 'bupati', 1, Y),
    ];
    const got = crossViolations(tps('bupati'), ix([], shared));
    const r16 = (lembar: number, other: string) => ({
      code: 'R16',
      severity: 'warning',
      fields: [],
      lembar,
      message: `Foto lembar ${lembar} sama persis dengan foto ${other}: satu foto dipakai untuk dua TPS`,
    });
    expect(got).toStrictEqual([r16(2, 'TPS 001 Limbur'), r16(5, 'TPS 002 Hampang'), r16(5, 'TPS 001 Limbur')]);
    // The other TPS's own rows are not this TPS's business.
    expect(crossViolations({ ...tps('bupati'), tps: B1, countedSubmissionId: 8 }, ix([], shared))).toStrictEqual([
      r16(1, 'TPS 001 Hampang'),
      r16(1, 'TPS 002 Hampang'),
    ]);
  });

  it('no R16 when the photo is shared only within the TPS, or the counted record is another one', () => {
    const withinTps = [photo(1, A1, 'bupati', 2), photo(4, A1, 'gubernur', 2)];
    expect(crossViolations(tps('bupati'), ix([], withinTps))).toEqual([]);
    const elsewhere = [photo(5, A1, 'bupati', 2), photo(6, B1, 'bupati', 2)];
    expect(crossViolations(tps('bupati'), ix([], elsewhere))).toEqual([]);
    expect(crossViolations(tps('bupati', cleanCounts(), null), ix([], elsewhere))).toEqual([]);
  });
});
