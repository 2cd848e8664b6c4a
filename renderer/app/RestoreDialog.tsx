// "Pulihkan dari cadangan" from the red banner of a damaged or read-only database: the backup chosen and checked,
// restored over the old file (moved aside, never deleted), and the backend reopened on it; the dialog stays to say
// where the old file is kept, while every screen reads again (backup.restore invalidates everything).
import { useEffect, useRef, useState } from 'react';
import type { BackupRestored } from '../../shared/contracts/backup.contract';
import { Button, Dialog } from '../ui';
import { RestoreBackupBody, RestoredNotice } from '../features/setup/RestoreBackupCard';

export function RestoreDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [done, setDone] = useState<BackupRestored | null>(null);
  const next = useRef<HTMLButtonElement>(null);
  // The restore button leaves with the chooser: focus goes to "Lanjutkan", not to <body>.
  useEffect(() => {
    if (done) next.current?.focus();
  }, [done]);
  const close = () => {
    setDone(null);
    onClose();
  };
  return (
    <Dialog
      open={open}
      title="Pulihkan dari cadangan"
      onClose={close}
      footer={
        <Button ref={next} variant={done ? 'primary' : 'default'} onClick={close}>
          {done ? 'Lanjutkan' : 'Batal'}
        </Button>
      }
    >
      {done ? <RestoredNotice r={done} /> : <RestoreBackupBody over onDone={setDone} />}
    </Dialog>
  );
}
