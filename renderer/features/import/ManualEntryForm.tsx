// The keyboard-first C.Hasil entry form, laid out like the paper form (sections I–IV, L/P columns, Jumlah shown as
// L + P): digits only, Enter moves to the next box in form order (Tab too), the last Enter goes to the save button.
// Rule violations (R01–R13) are computed live as the operator types and marked on their exact boxes; boxes where
// the two entries differ are marked after the second entry.
import { Fragment, useRef, type KeyboardEvent } from 'react';
import type { Pilihan } from '../../../shared/domain/model';
import { fieldLabel, formRows, PART_TITLES, SECTION_TITLES, type FormRow } from '../../../shared/domain/labels';
import type { Violation } from '../../../shared/domain/rules/index';
import { NumberInput } from '../../ui';

export type EntryValues = Record<string, number | null>;

export interface ManualEntryFormProps {
  pilihan: Pilihan[];
  values: EntryValues;
  onChange(path: string, value: number | null): void;
  violations: Violation[];
  /** Paths where entry 1 and entry 2 differ. */
  mismatches: ReadonlySet<string>;
  /** Called when Enter is pressed in the last box. */
  onLastEnter(): void;
  disabled?: boolean;
}

function partTitle(row: FormRow): string | null {
  if (row.section === 'I' && row.row === 'A.1') return PART_TITLES['I.A'];
  if (row.section === 'I' && row.row === 'B.1') return PART_TITLES['I.B'];
  if (row.section === 'IV' && row.row === 'A.1') return PART_TITLES['IV.A'];
  return null;
}

export function ManualEntryForm({ pilihan, values, onChange, violations, mismatches, onLastEnter, disabled }: ManualEntryFormProps) {
  const rows = formRows(pilihan);
  const order = rows.flatMap((r) => (r.lp ? [r.lp.l, r.lp.p] : [r.path!]));
  const table = useRef<HTMLTableElement>(null);
  const severity = new Map<string, 'error' | 'warning'>();
  const titles = new Map<string, string[]>();
  for (const v of violations) {
    for (const f of v.fields) {
      if (severity.get(f) !== 'error') severity.set(f, v.severity);
      titles.set(f, [...(titles.get(f) ?? []), `${v.code}: ${v.message}`]);
    }
  }

  const onKey = (path: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const i = order.indexOf(path);
    const next = order[i + 1];
    if (next) {
      const el = table.current?.querySelector<HTMLInputElement>(`input[data-path="${next}"]`);
      el?.focus();
      el?.select();
    } else onLastEnter();
  };

  const box = (path: string) => {
    const s = severity.get(path);
    const differs = mismatches.has(path);
    const cls = ['v', s === 'error' ? 'err' : s === 'warning' ? 'warn' : '', differs ? 'mismatch' : ''].filter(Boolean).join(' ');
    return (
      <td className={cls} data-field={path} data-severity={s} data-mismatch={differs || undefined} title={titles.get(path)?.join('\n')}>
        <NumberInput
          aria-label={fieldLabel(path, pilihan)}
          value={values[path] ?? null}
          onChange={(v) => onChange(path, v)}
          onKeyDown={onKey(path)}
          onFocus={(e) => e.currentTarget.select()}
          disabled={disabled}
          data-path={path}
        />
      </td>
    );
  };

  const sum = (a: string, b: string) => {
    const x = values[a];
    const y = values[b];
    return x === null || x === undefined || y === null || y === undefined ? '' : x + y;
  };

  return (
    <table ref={table} className="cform mform" aria-label="Formulir entri C.Hasil">
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
                    {box(r.lp.l)}
                    {box(r.lp.p)}
                    <td className="v sum">{sum(r.lp.l, r.lp.p)}</td>
                  </>
                ) : (
                  <>
                    <td className="v sum" />
                    <td className="v sum" />
                    {box(r.path!)}
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
