// Formula checks of a printed column (R01/R02/R05/R06-type sums), the document's own sums, and how a failing cell is
// marked and listed on the D.Hasil pages.
import { describe, expect, it } from 'vitest';
import { setCount } from '../domain/labels';
import { formulaFailures } from './formula';
import { parafHolders } from './level';
import { approximateMeasure as m, layoutDocument } from './layout';
import { sampleCounts, sampleDHasil } from './sample-data';
import { documentSumErrors } from './sums';
import { MARK } from './table-spec';
import type { LayoutItem, LayoutPage } from './types';
import { mulberry32 } from '../util/mulberry32';

const HASH = 'ab'.repeat(32);
const texts = (p: LayoutPage) =>
  p.items.filter((i): i is Extract<LayoutItem, { t: 'text' }> => i.t === 'text').map((i) => i.text);

describe('formulaFailures', () => {
  const ok = sampleCounts(mulberry32(7), 3);

  it('finds nothing in a consistent column', () => {
    expect(formulaFailures(ok)).toEqual([]);
  });

  it('names the total cell, the written number, the sum of its parts and the formula', () => {
    const c = setCount(setCount(ok, 'pemilih.jumlah.p', ok.pemilih.jumlah.p - 1), 'suara.sah', ok.suara.sah + 10);
    expect(formulaFailures(c)).toEqual([
      {
        path: 'pemilih.jumlah.p',
        code: 'R01',
        written: ok.pemilih.jumlah.p - 1,
        expected: ok.pemilih.jumlah.p,
        formula: 'A.1+A.2+A.3',
      },
      { path: 'suara.sah', code: 'R05', written: ok.suara.sah + 10, expected: ok.suara.sah, formula: 'A.1+A.2+A.3' },
      { path: 'suara.total', code: 'R06', written: ok.suara.total, expected: ok.suara.total + 10, formula: 'B+C' },
    ]);
  });

  it('checks pengguna (R02) for L and P, and only the sums (a boundary: off by one is a failure)', () => {
    const c = setCount(ok, 'pengguna.jumlah.l', ok.pengguna.jumlah.l + 1);
    expect(formulaFailures(c).map((f) => [f.path, f.code])).toEqual([['pengguna.jumlah.l', 'R02']]);
    // A wrong single count that is not a total breaks its total's formula, not itself.
    const d = setCount(ok, 'suara.paslon.0', ok.suara.paslon[0]! + 800);
    expect(formulaFailures(d).map((f) => f.path)).toEqual(['suara.sah']);
  });
});

describe('documentSumErrors', () => {
  it('accepts a document whose totals are the sums of their parts', () => {
    expect(documentSumErrors(sampleDHasil({ desa: 3, tpsPerDesa: 2, missingEvery: 4 }))).toEqual([]);
  });

  it('refuses a desa total that is not the sum of its TPS, and a kecamatan total that is not the sum of desa', () => {
    const data = sampleDHasil({ desa: 3, tpsPerDesa: 2 });
    const desa = data.recap.desa[1]!;
    desa.total = setCount(desa.total, 'suara.paslon.1', desa.total.suara.paslon[1]! + 1);
    const errors = documentSumErrors(data);
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain(`Jumlah desa ${desa.nama} bukan jumlah TPS-nya`);
    expect(errors[0]).toContain('suara.paslon.1');
    expect(errors[1]).toContain('Jumlah kecamatan bukan jumlah desa-desanya');
  });
});

describe('marked cells on the D.Hasil pages', () => {
  it('marks the failing cells of a TPS, its desa and the kecamatan, and lists them under the table', () => {
    // TPS 2 (Desa Hampang, TPS 002) writes jumlah suara sah 10 too high.
    const data = sampleDHasil({ desa: 3, tpsPerDesa: 3, sahTooHigh: [2] });
    const l = layoutDocument(data, HASH, m);
    const marked = (p: LayoutPage) => texts(p).filter((t) => t.startsWith(`${MARK} `) && /^\S+ [\d.]+$/.test(t));
    const kec = l.pages.filter((p) => p.role === 'kecamatan');
    const lamp = l.pages.filter((p) => p.role === `lampiran:${data.lampiran[0]!.kode}`);
    const sah = data.lampiran[0]!.tps[1]!.counts!.suara.sah;
    // On the attachment: B and D of TPS 002 and of the desa total.
    expect(lamp.flatMap(marked)).toHaveLength(4);
    const notes = lamp.flatMap(texts).join(' ');
    expect(notes).toContain('Tidak sesuai rumus');
    expect(notes).toContain(`TPS 002 · IV.B Jumlah suara sah: tertulis ${sah}, A.1+A.2+A.3 = ${sah - 10}`);
    expect(notes).toContain('JUMLAH DESA/KEL. · IV.D Jumlah seluruh suara');
    // On the kecamatan table: the desa Hampang column and the kecamatan total.
    expect(kec.flatMap(marked)).toHaveLength(4);
    expect(kec.flatMap(texts).join(' ')).toContain('Hampang · IV.B Jumlah suara sah');
    // Other attachments are clean.
    const other = l.pages.filter((p) => p.role === `lampiran:${data.lampiran[1]!.kode}`);
    expect(other.flatMap(marked)).toEqual([]);
    expect(other.flatMap(texts).join(' ')).not.toContain('Tidak sesuai rumus');
    // Each mark is framed: a stroked rectangle per marked cell.
    expect(lamp.flatMap((p) => p.items.filter((i) => i.t === 'rect' && i.stroke && !i.fill && i.h < 20)).length).toBe(
      4 + lamp.length * parafHolders(data.header).length, // marked cells + the paraf boxes of every page
    );
  });
});
