// The keyboard-first C.Hasil entry form, laid out like the paper form (sections I–IV, L/P columns, Jumlah shown as
// L + P): digits only, Enter moves to the next box in form order (Tab too), the last Enter goes to the save button.
// Rule violations (R01–R13) are computed live as the operator types and marked on their exact boxes; boxes where
// the two entries differ are marked after the second entry.
import { useRef, type KeyboardEvent } from 'react';
import type { Pilihan } from '../../../shared/domain/model';
import { fieldLabel, formRows } from '../../../shared/domain/labels';
import type { Violation } from '../../../shared/domain/rules/index';
import { NumberInput } from '../../ui';
import { CHasilLayout, indexViolations, severityClass } from '../../ui/CHasilLayout';

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

export function ManualEntryForm({
  pilihan,
  values,
  onChange,
  violations,
  mismatches,
  onLastEnter,
  disabled,
}: ManualEntryFormProps) {
  const order = formRows(pilihan).flatMap((r) => (r.lp ? [r.lp.l, r.lp.p] : [r.path!]));
  const table = useRef<HTMLTableElement>(null);
  const { severity, titles } = indexViolations(violations);

  const onKey = (path: string) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const next = order[order.indexOf(path) + 1];
    if (next) {
      const el = table.current?.querySelector<HTMLInputElement>(`input[data-path="${next}"]`);
      el?.focus();
      el?.select();
    } else onLastEnter();
  };

  const sum = (a: string, b: string) => {
    const x = values[a];
    const y = values[b];
    return x === null || x === undefined || y === null || y === undefined ? '' : x + y;
  };

  return (
    <CHasilLayout
      pilihan={pilihan}
      ariaLabel="Formulir entri C.Hasil"
      className="cform mform"
      tableRef={table}
      cell={(path) => {
        const s = severity.get(path);
        const differs = mismatches.has(path);
        const cls = ['v', severityClass(s), differs ? 'mismatch' : ''].filter(Boolean).join(' ');
        return (
          <td
            className={cls}
            data-field={path}
            data-severity={s}
            data-mismatch={differs || undefined}
            title={titles.get(path)}
          >
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
      }}
      sum={(l, p) => <td className="v sum">{sum(l, p)}</td>}
    />
  );
}
