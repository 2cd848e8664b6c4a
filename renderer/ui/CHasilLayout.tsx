// The C.Hasil paper-form table (sections I–IV, L/P/Jumlah columns, in the domain's form order). Shared by the review
// screen (read-only cells) and manual entry (input cells): callers render the value cells, this renders the form.
import { Fragment, type CSSProperties, type ReactNode, type Ref } from 'react';
import type { Pilihan } from '../../shared/domain/model';
import { formRows, PART_TITLES, SECTION_TITLES, type FormRow } from '../../shared/domain/labels';
import type { Violation } from '../../shared/domain/rules/index';

/** Worst severity per field path, and the rule messages per field (for cell titles). */
export function indexViolations(violations: readonly Violation[]): {
  severity: Map<string, 'error' | 'warning'>;
  titles: Map<string, string>;
} {
  const severity = new Map<string, 'error' | 'warning'>();
  const lists = new Map<string, string[]>();
  for (const v of violations) {
    for (const f of v.fields) {
      if (severity.get(f) !== 'error') severity.set(f, v.severity);
      lists.set(f, [...(lists.get(f) ?? []), `${v.code}: ${v.message}`]);
    }
  }
  return { severity, titles: new Map([...lists].map(([f, l]) => [f, l.join('\n')])) };
}

/** CSS class of a value cell from its severity. */
export function severityClass(s: 'error' | 'warning' | undefined): string {
  return s === 'error' ? 'err' : s === 'warning' ? 'warn' : '';
}

function partTitle(row: FormRow): string | null {
  if (row.section === 'I' && row.row === 'A.1') return PART_TITLES['I.A'];
  if (row.section === 'I' && row.row === 'B.1') return PART_TITLES['I.B'];
  if (row.section === 'IV' && row.row === 'A.1') return PART_TITLES['IV.A'];
  return null;
}

export interface CHasilLayoutProps {
  pilihan: Pilihan[];
  ariaLabel: string;
  className?: string;
  style?: CSSProperties;
  tableRef?: Ref<HTMLTableElement>;
  /** The `<td>` of one count field. */
  cell(path: string): ReactNode;
  /** The Jumlah `<td>` of an L/P row. */
  sum(l: string, p: string, rowKey: string): ReactNode;
}

export function CHasilLayout({ pilihan, ariaLabel, className, style, tableRef, cell, sum }: CHasilLayoutProps) {
  const rows = formRows(pilihan);
  return (
    <table ref={tableRef} className={className} style={style} aria-label={ariaLabel}>
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
                    {sum(r.lp.l, r.lp.p, key)}
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
