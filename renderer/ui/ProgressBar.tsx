// ProgressBar: determinate (value/max) or indeterminate (value undefined), with an accessible label.
export function ProgressBar({ value, max = 100, label }: { value?: number; max?: number; label: string }) {
  const pct = value === undefined || max <= 0 ? undefined : Math.max(0, Math.min(100, (value / max) * 100));
  return (
    <div
      className={`progress ${pct === undefined ? 'indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
    >
      <div style={pct === undefined ? undefined : { width: `${pct}%` }} />
    </div>
  );
}

export const Progress = ProgressBar;
