// A file chooser in Bahasa Indonesia, the one every file input of the app goes through: a real button (keyboard
// reachable, the app's button style) opens the browser's picker through a hidden <input type="file"> — the
// browser's own "Choose File / No file chosen" never shows — and beside it what is chosen: "Belum ada berkas
// dipilih", the file's name, or how many files. The input is labelled for assistive technology and tests, and
// emptied after each pick so the same file can be picked again.
import { useId, useRef, useState, type ReactNode, type Ref } from 'react';
import { Button, type ButtonProps } from './Button';

export interface FilePickerProps {
  /** The button's text ("Pilih berkas…"). */
  children: ReactNode;
  /** The hidden input's accessible name ("Berkas hasil TPS"). */
  inputLabel: string;
  accept?: string;
  multiple?: boolean;
  /** Pick a whole folder (webkitdirectory). */
  folder?: boolean;
  disabled?: boolean;
  busy?: boolean;
  size?: ButtonProps['size'];
  variant?: ButtonProps['variant'];
  /** data-testid of the hidden input. */
  testId?: string;
  /** Given by a Field: the input's id (its <label> names it) and the hint's id (described on the button). */
  id?: string;
  'aria-describedby'?: string;
  /** The visible button (focus returns to it after a dialog). */
  ref?: Ref<HTMLButtonElement>;
  onFiles(files: FileList | null): void;
}

/** "Belum ada berkas dipilih", "Dipilih: c-hasil.json", "3 berkas dipilih: a.json, b.json, …". */
export function chosenText(names: string[] | null): string {
  if (!names || names.length === 0) return 'Belum ada berkas dipilih';
  if (names.length === 1) return `Dipilih: ${names[0]}`;
  const shown = names.slice(0, 2).join(', ');
  return `${names.length} berkas dipilih: ${shown}${names.length > 2 ? ', …' : ''}`;
}

export function FilePicker(props: FilePickerProps) {
  const { children, inputLabel, accept, multiple, folder, disabled, busy, size, variant, testId, ref, onFiles } = props;
  const input = useRef<HTMLInputElement>(null);
  const stateId = useId();
  const [names, setNames] = useState<string[] | null>(null);
  const describedBy = [stateId, props['aria-describedby']].filter(Boolean).join(' ');
  return (
    <span className="file-picker" style={{ display: 'inline-flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
      <Button
        ref={ref}
        size={size}
        variant={variant}
        disabled={disabled}
        busy={busy}
        aria-describedby={describedBy}
        onClick={() => input.current?.click()}
      >
        {children}
      </Button>
      <span
        id={stateId}
        className="muted"
        style={{ overflowWrap: 'anywhere' }}
        aria-live="polite"
        data-testid="file-picker-state"
      >
        {chosenText(names)}
      </span>
      <input
        ref={input}
        id={props.id}
        type="file"
        multiple={multiple}
        accept={accept}
        hidden
        aria-label={inputLabel}
        data-testid={testId}
        {...(folder ? ({ webkitdirectory: '' } as Record<string, string>) : {})}
        onChange={(e) => {
          const files = e.target.files;
          setNames(files && files.length > 0 ? Array.from(files, (f) => f.name) : null);
          onFiles(files);
          e.target.value = '';
        }}
      />
    </span>
  );
}
