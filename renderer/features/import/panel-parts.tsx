// The pieces every import panel is made of: the file picker (renderer/ui/FilePicker.tsx: the browser's own "Choose
// File" control never shows), the red refusal line, and the card that lists what an import produced.
import type { ReactNode } from 'react';
import type { ImportResultView } from '../../../shared/contracts/import.contract';
import { Card } from '../../ui';
import { ResultsTable } from './ImportSummaryView';

export { FilePicker } from '../../ui';

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
