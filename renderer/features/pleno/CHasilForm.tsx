// The C.Hasil numbers laid out like the paper form (sections I–IV, L/P/Jumlah columns, from the domain's formRows),
// with each rule violation marked on its exact cells and, optionally, the previous value of corrected cells.
import { Fragment } from 'react';
import type { CHasilCounts, Pilihan } from '../../../shared/domain/model';
import { formRows, getCount, PART_TITLES, SECTION_TITLES, type FormRow } from '../../../shared/domain/labels';
import type { Violation } from '../../../shared/domain/rules/index';

export interface CHasilFormProps {
  counts: CHasilCounts;
  pilihan: Pilihan[];
  violations: Violation[];
  /** Previous values of changed cells (e.g. the version a correction replaced). */
  previous?: Map<string, number>;
  /** Larger type for reading aloud. */
  large?: boolean;
}

/** Worst severity per field path. */
export function severityByField(violations: readonly Violation[]): Map<string, 'error' | 'warning'> {
  const m = new Map<string, 'error' | 'warning'>();
  for (const v of violations) {
    for (const f of v.fields) if (m.get(f) !== 'error') m.set(f, v.severity);
  }
  return m;
}

function partTitle(row: FormRow): string | null {
  if (row.section === 'I' && row.row === 'A.1') return PART_TITLES['I.A'];
  if (row.section === 'I' && row.row === 'B.1') return PART_TITLES['I.B'];
  if (row.section === 'IV' && row.row === 'A.1') return PART_TITLES['IV.A'];
  return null;
}

export function CHasilForm({ counts, pilihan, violations, previous, large }: CHasilFormProps) {
  const sev = severityByField(violations);
  const rows = formRows(pilihan);
  const titles = new Map<string, string[]>();
  for (const v of violations) for (const f of v.fields) titles.set(f, [...(titles.get(f) ?? []), `${v.code}: ${v.message}`]);
  const cell = (path: string, extra = '') => {
    const s = sev.get(path);
    const prev = previous?.get(path);
    const cls = ['v', extra, s === 'error' ? 'err' : s === 'warning' ? 'warn' : '', prev !== undefined ? 'changed' : ''].filter(Boolean).join(' ');
    return (
      <td className={cls} data-field={path} data-severity={s} title={titles.get(path)?.join('\n')}>
        {prev !== undefined && <span className="was">{prev}</span>}
        {getCount(counts, path)}
      </td>
    );
  };
  return (
    <table className="cform" style={large ? { fontSize: '1.05rem' } : undefined} aria-label="Angka C.Hasil">
      <thead>
        <tr>
          <th className="rn">No</th>
          <th style={{ textAlign: 'left' }}>Uraian</th>
          <th>L</th>
          <th>P</th>
          <th>Jumlah</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => {
          const head = i === 0 || rows[i - 1]!.section !== r.section;
          const part = partTitle(r);
          const key = `${r.section}.${r.row}`;
          return (
            <Fragment key={key}>
              {head && (
                <tr className="sec">
                  <th colSpan={5}>
                    {r.section}. {SECTION_TITLES[r.section]}
                  </th>
                </tr>
              )}
              {part && (
                <tr>
                  <td className="rn">{r.row.slice(0, 1)}</td>
                  <td colSpan={4} style={{ fontWeight: 600 }}>
                    {part}
                  </td>
                </tr>
              )}
              <tr>
                <td className="rn">{r.row}</td>
                <td>{r.label}</td>
                {r.lp ? (
                  <>
                    {cell(r.lp.l)}
                    {cell(r.lp.p)}
                    <td className="v sum" data-sum={key}>
                      {getCount(counts, r.lp.l) + getCount(counts, r.lp.p)}
                    </td>
                  </>
                ) : (
                  <>
                    <td className="v sum" />
                    <td className="v sum" />
                    {cell(r.path!)}
                  </>
                )}
              </tr>
            </Fragment>
          );
        })}
      </tbody>
    </table>
  );
}
