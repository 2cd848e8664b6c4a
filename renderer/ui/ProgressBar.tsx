// ProgressBar: determinate (value/max) or indeterminate (value undefined), with an accessible label.
import type { ReactNode } from 'react';
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

/**
 * A card's long step below its buttons: while `working`, what is happening (`children`, announced politely) over an
 * indeterminate bar named `label`; after a refusal, its sentence.
 */
export function StepStatus(props: {
  working: boolean;
  label?: string;
  error?: { message: string } | null;
  children?: ReactNode;
}) {
  return (
    <>
      {props.working && (
        <div className="stack" style={{ marginTop: 12 }} aria-live="polite">
          <span>{props.children}</span>
          <ProgressBar label={props.label ?? ''} />
        </div>
      )}
      {props.error && (
        <p className="notice notice-danger" role="alert" style={{ marginTop: 12 }}>
          {props.error.message}
        </p>
      )}
    </>
  );
}
