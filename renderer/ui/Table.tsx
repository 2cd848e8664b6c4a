// Table: columns described once; numeric columns right-aligned with tabular digits; optional row click and selection.
import type { KeyboardEvent, ReactNode } from 'react';

export interface Column<R> {
  key: string;
  header: ReactNode;
  /** Numbers: right-aligned, tabular digits. */
  numeric?: boolean;
  render: (row: R, index: number) => ReactNode;
  width?: string;
}

export interface TableProps<R> {
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string;
  caption?: ReactNode;
  onRowClick?: (row: R) => void;
  selectedKey?: string | null;
  /** Footer cells by column key (totals). */
  footer?: Partial<Record<string, ReactNode>>;
  empty?: ReactNode;
  'aria-label'?: string;
}

/** A header row of plain column names (a small table written by hand, not a Table). */
export function HeadRow({ names }: { names: readonly ReactNode[] }) {
  return (
    <tr>
      {names.map((n, i) => (
        <th key={i}>{n}</th>
      ))}
    </tr>
  );
}

/** Enter or Space on a clickable row acts like a click. */
function activateOnKey(e: KeyboardEvent, activate: () => void): void {
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    activate();
  }
}

export function Table<R>({
  columns,
  rows,
  rowKey,
  caption,
  onRowClick,
  selectedKey,
  footer,
  empty,
  ...aria
}: TableProps<R>) {
  return (
    <div className="table-wrap">
      <table className="table" aria-label={aria['aria-label']}>
        {caption !== undefined && <caption className="sr-only">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((c) => (
              <th
                key={c.key}
                scope="col"
                className={c.numeric ? 'num' : undefined}
                style={c.width ? { width: c.width } : undefined}
              >
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="muted">
                {empty ?? 'Tidak ada data.'}
              </td>
            </tr>
          )}
          {rows.map((row, i) => {
            const key = rowKey(row, i);
            return (
              <tr
                key={key}
                className={onRowClick ? 'clickable' : undefined}
                aria-selected={selectedKey === undefined ? undefined : selectedKey === key}
                onClick={onRowClick ? () => onRowClick(row) : undefined}
                tabIndex={onRowClick ? 0 : undefined}
                onKeyDown={onRowClick ? (e) => activateOnKey(e, () => onRowClick(row)) : undefined}
              >
                {columns.map((c) => (
                  <td key={c.key} className={c.numeric ? 'num' : undefined}>
                    {c.render(row, i)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
        {footer && (
          <tfoot>
            <tr>
              {columns.map((c) => (
                <td key={c.key} className={c.numeric ? 'num' : undefined}>
                  {footer[c.key] ?? null}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
