// R14–R16 in the one read model (read-model.ts + cross-checks.ts): each TPS's violations carry the cross warnings of
// its counted version beside R01–R13, with their fields (R14, R15) or photo sheet (R16), at the rules' boundaries;
// warnings never make a TPS bermasalah nor change its tile.
import { describe, expect, it } from 'vitest';
import type { CHasilCounts, DataMaster, PemilihanId } from './model';
import { derivePemilihan, derivePemilihanSet, type PemilihanRows, type RowTypes } from './read-model';
import type { SharedPhotoRowIn } from './cross-checks';
import { CLEAN_DPT, cleanCounts, withCounts } from '../../tests/support/counts';

const A = '6302142001';
const B = '6302142002';
const master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'> = {
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [
    { kode: A, nama: 'Hampang', tps: [1, 2].map((nomor) => ({ nomor, dpt: CLEAN_DPT })) },
    { kode: B, nama: 'Limbur', tps: [{ nomor: 1, dpt: CLEAN_DPT }] },
  ],
  pemilihan: [],
};
const pilihan = [1, 2, 3].map((n) => ({ nomor: n, nama: `P${n}` }));
const at = (m: number) => `2024-11-28T01:${String(m).padStart(2, '0')}:00.000Z`;
const sub = (id: number, tps: string, counts = cleanCounts()) => ({
  id,
  tps,
  sha256: String(id).repeat(64).slice(0, 64),
  receivedAt: at(id),
  counts,
});

function rows(id: PemilihanId, over: Partial<PemilihanRows<RowTypes>> = {}): PemilihanRows<RowTypes> {
  return {
    master,
    pemilihan: { id, nama: id, pilihan },
    submissions: [sub(1, `${A}001`), sub(2, `${A}002`), sub(3, `${B}001`)],
    acceptances: [],
    choices: [],
    corrections: [],
    decisions: [],
    objections: [],
    resolutions: [],
    lockEvents: [],
    ...over,
  };
}
// Every submission accepted by the plenary (the counted records).
const accepted = (id: PemilihanId, over: Partial<PemilihanRows<RowTypes>> = {}) => {
  const r = rows(id, over);
  return {
    ...r,
    acceptances: r.submissions.map((s, i) => ({ id: i + 1, tps: s.tps, submissionId: s.id, decidedAt: at(20 + i) })),
  };
};
const cross = (m: ReturnType<typeof derivePemilihan>, tps: string) =>
  m.byTps.get(tps)!.violations.filter((v) => ['R14', 'R15', 'R16'].includes(v.code));
const sibling = (pemilihan: PemilihanId, counts: CHasilCounts) => new Map([[`${A}001`, [{ pemilihan, counts }]]]);

describe('read model: R15 (pemilih DPTb = pengguna DPTb) on every counted TPS', () => {
  it('passes equal lists and flags one more listed than voted, on both fields, as a warning only', () => {
    expect(cross(derivePemilihan(accepted('bupati')), `${A}001`)).toEqual([]);
    const off = withCounts({ 'pemilih.dptb.l': 4, 'pemilih.jumlah.l': 206 });
    const m = derivePemilihan(accepted('bupati', { submissions: [sub(1, `${A}001`, off)] }));
    const t = m.byTps.get(`${A}001`)!;
    expect(cross(m, `${A}001`)).toEqual([
      expect.objectContaining({ code: 'R15', severity: 'warning', fields: ['pemilih.dptb.l', 'pengguna.dptb.l'] }),
    ]);
    expect(t.derived.violations).toEqual(t.violations);
    expect(t.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect([t.tile, t.derived.bermasalah]).toEqual(['sesuai', false]);
  });

  it('finds nothing for a TPS without a counted version', () => {
    const m = derivePemilihan(accepted('bupati', { submissions: [sub(1, `${A}001`)] }));
    expect(m.byTps.get(`${A}002`)!.violations).toEqual([]);
  });
});

describe('read model: R14 against the same TPS in the other pemilihan', () => {
  it('flags a DPT differing by one on the bupati TPS only; equal numbers and other TPS pass', () => {
    const equal = derivePemilihan(accepted('bupati', { siblings: sibling('gubernur', cleanCounts()) }));
    expect(cross(equal, `${A}001`)).toEqual([]);
    const gub = withCounts({ 'pemilih.dpt.l': 201, 'pemilih.jumlah.l': 206 });
    const m = derivePemilihan(accepted('bupati', { siblings: sibling('gubernur', gub) }));
    expect(cross(m, `${A}001`)).toEqual([
      {
        code: 'R14',
        severity: 'warning',
        fields: ['pemilih.dpt.l'],
        message:
          'Jumlah pemilih DPT laki-laki pemilihan bupati (200) berbeda dengan pemilihan gubernur (201) di TPS yang sama',
      },
    ]);
    expect(cross(m, `${A}002`)).toEqual([]);
    expect(m.byTps.get(`${A}001`)!.tile).toBe('sesuai');
  });

  it('shows the difference on the gubernur TPS too (the reference), and ignores a sibling of its own pemilihan', () => {
    const bup = withCounts({ 'suratSuara.diterima': 420, 'suratSuara.tidakDigunakan': 89 });
    const m = derivePemilihan(accepted('gubernur', { siblings: sibling('bupati', bup) }));
    expect(cross(m, `${A}001`)).toEqual([expect.objectContaining({ code: 'R14', fields: ['suratSuara.diterima'] })]);
    const same = derivePemilihan(accepted('gubernur', { siblings: sibling('gubernur', bup) }));
    expect(cross(same, `${A}001`)).toEqual([]);
  });

  it('DPPh of bupati at the gubernur figure passes, one above is flagged', () => {
    const gub = withCounts({ 'pemilih.dpph.l': 3, 'pemilih.jumlah.l': 206 });
    expect(
      cross(derivePemilihan(accepted('bupati', { siblings: sibling('gubernur', cleanCounts()) })), `${A}001`),
    ).toEqual([]);
    const above = derivePemilihan(
      accepted('bupati', {
        submissions: [sub(1, `${A}001`, gub)],
        siblings: sibling('gubernur', cleanCounts()),
      }),
    );
    expect(cross(above, `${A}001`).map((v) => [v.code, v.fields])).toEqual([['R14', ['pemilih.dpph.l']]]);
  });
});

describe('read model: R16 photos of the counted record held by another TPS', () => {
  const X = 'ab'.repeat(32);
  const photo = (submissionId: number, tps: string, pemilihan: PemilihanId, lembar: number): SharedPhotoRowIn => ({
    submissionId,
    tps,
    pemilihan,
    lembar,
    sha256: X,
  });

  it('flags the counted record holding a sheet another TPS sent, naming that TPS and the sheet', () => {
    const m = derivePemilihan(
      accepted('bupati', { sharedPhotos: [photo(1, `${A}001`, 'bupati', 3), photo(99, `${B}001`, 'gubernur', 1)] }),
    );
    expect(cross(m, `${A}001`)).toEqual([
      {
        code: 'R16',
        severity: 'warning',
        fields: [],
        lembar: 3,
        message: 'Foto lembar 3 sama persis dengan foto TPS 001 Limbur: satu foto dipakai untuk dua TPS',
      },
    ]);
    // Limbur TPS 001's bupati record (submission 3) does not hold the photo; its gubernur record is another model.
    expect(cross(m, `${B}001`)).toEqual([]);
    expect(m.byTps.get(`${A}001`)!.tile).toBe('sesuai');
  });

  it('passes a photo shared only within one TPS, and one held by a record of this TPS that is not counted', () => {
    const sameTps = derivePemilihan(
      accepted('bupati', { sharedPhotos: [photo(1, `${A}001`, 'bupati', 3), photo(50, `${A}001`, 'gubernur', 3)] }),
    );
    expect(cross(sameTps, `${A}001`)).toEqual([]);
    // Submission 77 of Hampang TPS 002 is not its counted record (2 is): only TPS 001's counted record is flagged.
    const notCounted = derivePemilihan(
      accepted('bupati', { sharedPhotos: [photo(1, `${A}001`, 'bupati', 2), photo(77, `${A}002`, 'bupati', 2)] }),
    );
    expect(cross(notCounted, `${A}002`)).toEqual([]);
    expect(cross(notCounted, `${A}001`)).toEqual([
      expect.objectContaining({ code: 'R16', lembar: 2, message: expect.stringContaining('TPS 002 Hampang') }),
    ]);
  });

  it('lists R01–R13 first, then R14, R15, R16', () => {
    const off = withCounts({ 'pemilih.dptb.l': 4, 'pemilih.jumlah.l': 206, 'pemilih.dpt.l': 610 });
    const m = derivePemilihan(
      accepted('bupati', {
        submissions: [sub(1, `${A}001`, off)],
        siblings: sibling('gubernur', cleanCounts()),
        sharedPhotos: [photo(1, `${A}001`, 'bupati', 1), photo(9, `${B}001`, 'bupati', 1)],
      }),
    );
    const codes = m.byTps.get(`${A}001`)!.violations.map((v) => v.code);
    expect(codes.slice(-3)).toEqual(['R14', 'R15', 'R16']);
    expect([...codes].sort()).toEqual(codes);
  });
});

describe('read model: the pemilihan of a master derived together (derivePemilihanSet)', () => {
  it('equals derivePemilihan of each with its siblings derived apart, R14 on both sides', () => {
    const differs = withCounts({ 'pemilih.dpt.l': 201, 'pemilih.jumlah.l': 206 });
    const gub = accepted('gubernur', { submissions: [sub(1, `${A}001`, differs), sub(2, `${A}002`)] });
    const bup = rows('bupati');
    const photos: SharedPhotoRowIn[] = [];
    const currents = (r: PemilihanRows<RowTypes>) => {
      const out = new Map<string, { pemilihan: PemilihanId; counts: CHasilCounts }[]>();
      for (const [tps, t] of derivePemilihan(r).byTps)
        if (t.derived.current) out.set(tps, [{ pemilihan: r.pemilihan.id, counts: t.derived.current }]);
      return out;
    };
    const apart = (r: PemilihanRows<RowTypes>, other: PemilihanRows<RowTypes>) =>
      derivePemilihan({ ...r, siblings: currents(other), sharedPhotos: photos });
    const together = derivePemilihanSet([gub, bup], photos);
    expect(together).toEqual([apart(gub, bup), apart(bup, gub)]);
    expect(cross(together[0]!, `${A}001`).map((v) => v.code)).toEqual(['R14']);
    expect(cross(together[1]!, `${A}001`).map((v) => v.code)).toEqual(['R14']);
    expect(cross(together[1]!, `${A}002`)).toEqual([]);
    expect(derivePemilihanSet([gub, bup], photos, (id) => id === 'bupati')).toEqual([apart(bup, gub)]);
  });
});
