// A file chooser in Bahasa Indonesia: a real button that opens the browser's picker through a hidden <input
// type="file"> (never the native "Choose File / No file chosen" text), and the chosen name shown beside it.
import { useRef, useState, type Ref } from 'react';

export interface FilePickerProps {
  label: string;
  accept: string;
  /** Accessible name of the hidden input (tests set files on it). */
  inputLabel: string;
  testId?: string;
  busy?: boolean;
  onFile: (file: File) => void;
  /** The visible button (focus returns to it after a dialog). */
  ref?: Ref<HTMLButtonElement>;
}

export function FilePicker({ label, accept, inputLabel, testId, busy, onFile, ref }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState<string | null>(null);
  return (
    <div className="row" style={{ alignItems: 'center', gap: 12 }}>
      <button
        ref={ref}
        type="button"
        className="btn btn-primary btn-lg"
        disabled={busy}
        aria-busy={busy || undefined}
        onClick={() => input.current?.click()}
      >
        {label}
      </button>
      <span className="muted">{name ? `Dipilih: ${name}` : 'Belum ada berkas dipilih'}</span>
      <input
        ref={input}
        type="file"
        accept={accept}
        className="sr-only"
        tabIndex={-1}
        aria-label={inputLabel}
        data-testid={testId}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) {
            setName(f.name);
            onFile(f);
          }
          e.target.value = '';
        }}
      />
    </div>
  );
}
