// The pieces every import panel is made of: a button that opens the file picker (the browser's own "Choose File"
// control never shows: it is hidden and labelled for assistive technology and tests), the red refusal line, and the
// card that lists what an import produced.
import { useRef, type ReactNode } from 'react';
import type { ImportResultView } from '../../../shared/contracts/import.contract';
import { Button, Card } from '../../ui';
import { ResultsTable } from './ImportSummaryView';

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
  size?: 'sm' | 'md';
  onFiles(files: FileList | null): void;
}

/** A button opening the file picker; the input is emptied after each pick so the same file can be picked again. */
export function FilePicker({
  children,
  inputLabel,
  accept,
  multiple,
  folder,
  disabled,
  busy,
  size,
  onFiles,
}: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button size={size} onClick={() => input.current?.click()} disabled={disabled} busy={busy}>
        {children}
      </Button>
      <input
        ref={input}
        type="file"
        multiple={multiple}
        accept={accept}
        hidden
        aria-label={inputLabel}
        {...(folder ? ({ webkitdirectory: '' } as Record<string, string>) : {})}
        onChange={(e) => {
          onFiles(e.target.files);
          e.target.value = '';
        }}
      />
    </>
  );
}

/** A refusal in words, announced to screen readers; nothing when there is none. */
export function ErrorAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p className="alert alert-danger" role="alert">
      {message}
    </p>
  );
}

/** The records an import produced, with a note under the table. */
export function ResultsCard({
  title,
  results,
  note,
}: {
  title: string;
  results: ImportResultView[];
  note?: ReactNode;
}) {
  if (results.length === 0) return null;
  return (
    <Card title={title}>
      <ResultsTable results={results} label={title} />
      {note && <p className="muted">{note}</p>}
    </Card>
  );
}
