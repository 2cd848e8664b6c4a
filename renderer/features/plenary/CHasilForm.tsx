// The C.Hasil numbers laid out like the paper form, read-only, with each rule violation marked on its exact cells and,
// optionally, the previous value of corrected cells.
import type { CHasilCounts, Pilihan } from '../../../shared/domain/model';
import { getCount } from '../../../shared/domain/labels';
import type { Violation } from '../../../shared/domain/rules/index';
import { CHasilLayout, indexViolations, severityClass } from '../../ui/CHasilLayout';

export interface CHasilFormProps {
  counts: CHasilCounts;
  pilihan: Pilihan[];
  violations: Violation[];
  /** Previous values of changed cells (e.g. the version a correction replaced). */
  previous?: Map<string, number>;
  /** Proposed values awaiting a decision, by field: shown as "905 → 105 (menunggu persetujuan)". */
  pending?: Map<string, number>;
  /** Larger type for reading aloud. */
  large?: boolean;
}

/** Worst severity per field path. */
export function severityByField(violations: readonly Violation[]): Map<string, 'error' | 'warning'> {
  return indexViolations(violations).severity;
}

export function CHasilForm({ counts, pilihan, violations, previous, pending, large }: CHasilFormProps) {
  const { severity, titles } = indexViolations(violations);
  return (
    <CHasilLayout
      pilihan={pilihan}
      ariaLabel="Angka C.Hasil"
      className="cform"
      {...(large ? { style: { fontSize: '1.05rem' } } : {})}
      cell={(path) => {
        const s = severity.get(path);
        const prev = previous?.get(path);
        const next = pending?.get(path);
        const cls = ['v', severityClass(s), prev !== undefined ? 'changed' : '', next !== undefined ? 'pending' : '']
          .filter(Boolean)
          .join(' ');
        return (
          <td className={cls} data-field={path} data-severity={s} title={titles.get(path)}>
            {prev !== undefined && <span className="was">{prev}</span>}
            {getCount(counts, path)}
            {next !== undefined && (
              <span className="proposed" data-testid={`pending-${path}`}>
                {' '}
                → {next} <small>(menunggu persetujuan)</small>
              </span>
            )}
          </td>
        );
      }}
      sum={(l, p, key) => (
        <td className="v sum" data-sum={key}>
          {getCount(counts, l) + getCount(counts, p)}
        </td>
      )}
    />
  );
}
