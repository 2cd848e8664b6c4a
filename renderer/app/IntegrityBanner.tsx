// A red band across the top of every screen, the projector included, while the stored data fails its integrity
// check (a row edited outside the app, the audit chain broken, a record not matching its signed envelope), while the
// database is open read-only (damaged or read-only file: nothing can be saved), or while the disk is nearly full.
// The backend re-checks when another program writes to the file; this band asks again every 20 s and after every change.
// A damaged or read-only database offers "Pulihkan dari cadangan" (RestoreDialog.tsx).
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { apiQuery } from '../api/query-client';
import { Button } from '../ui';
import { href } from './router';
import { RestoreDialog } from './RestoreDialog';

const RECHECK_MS = 20_000;

export function IntegrityBanner({ projector = false }: { projector?: boolean }) {
  const q = useQuery({ ...apiQuery('system.integrity', {}), refetchInterval: RECHECK_MS });
  const [restoring, setRestoring] = useState(false);
  const v = q.data;
  if (!v) return null;
  const bands = [];
  if (v.warning) {
    bands.push(
      <div key="integrity" className="conn-banner conn-lost" role="alert" data-testid="integrity-banner">
        <strong>{v.warning}</strong>
        {!projector && v.problems[0] && (
          <>
            {' '}
            {v.problems[0]}
            {v.problemCount > 1 ? ` (dan ${v.problemCount - 1} temuan lain)` : ''}{' '}
            <a href={href('/audit')}>Buka Audit</a>
          </>
        )}
      </div>,
    );
  }
  if (v.storage.readOnly && v.storage.message) {
    bands.push(
      <div key="storage" className="conn-banner conn-lost" role="alert" data-testid="readonly-banner">
        <strong>{v.storage.message}</strong>{' '}
        {!projector && v.storage.canRestore && (
          <Button size="sm" onClick={() => setRestoring(true)}>
            Pulihkan dari cadangan
          </Button>
        )}
      </div>,
    );
  }
  if (!projector && v.disk.low && v.disk.message) {
    bands.push(
      <div key="disk" className="conn-banner conn-lost" role="alert" data-testid="disk-banner">
        {v.disk.message}
      </div>,
    );
  }
  // The dialog outlives the band: after the restore the band goes, the dialog still says where the old file is.
  return (
    <>
      {bands}
      {!projector && <RestoreDialog open={restoring} onClose={() => setRestoring(false)} />}
    </>
  );
}
