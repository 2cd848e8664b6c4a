// The backup state in the header ("Cadangan 17.02", "Cadangan belum diatur", "Cadangan gagal") and its dialog:
// the drive backups go to, "Cadangkan sekarang", and when backups run by themselves (backup.* contract).
import { useRef, useState } from 'react';
import { useApiEvent, useApiQuery } from '../api/hooks';
import { runCommand } from '../api/query-client';
import type { BackupStatus } from '../../shared/contracts/backup.contract';
import type { ApiError } from '../../shared/contracts/result';
import { Button, Dialog } from '../ui';
import { jam } from './local-time';

const time = (iso: string) => jam(iso);
const REASON = {
  manual: 'diminta',
  lock: 'setelah penguncian desa',
  document: 'setelah dokumen terbit',
  interval: 'berkala',
};

function label(s: BackupStatus | undefined): { text: string; tone: string } {
  if (!s) return { text: 'Cadangan…', tone: 'neutral' };
  if (!s.target) return { text: 'Cadangan belum diatur', tone: 'warn' };
  if (s.lastError) return { text: 'Cadangan gagal', tone: 'danger' };
  if (s.running) return { text: 'Mencadangkan…', tone: 'info' };
  return s.last ? { text: `Cadangan ${time(s.last.at)}`, tone: 'ok' } : { text: 'Cadangan siap', tone: 'ok' };
}

function BackupBody({ s, busy, choose }: { s: BackupStatus; busy: boolean; choose: (root: string) => void }) {
  return (
    <div className="stack">
      <p>
        Salinan basis data, foto dan dokumen ditulis ke folder <code>Pleno-Cadangan</code> di drive pilihan: setelah
        setiap penguncian desa, setiap dokumen terbit, dan setiap {s.intervalMinutes} menit bila ada perubahan.
      </p>
      <fieldset className="stack" style={{ gap: 6 }}>
        <legend>Drive tujuan</legend>
        {s.drives.length === 0 && <span className="muted">Belum ada drive terpasang. Pasang flash disk.</span>}
        {s.drives.map((d) => (
          <label key={d.root} className="row">
            <input
              type="radio"
              name="backup-drive"
              checked={s.target?.root === d.root}
              disabled={busy}
              onChange={() => choose(d.root)}
            />
            {d.label}
          </label>
        ))}
        {s.target && !s.target.mounted && (
          <span className="notice notice-warn">Drive {s.target.label} tidak terpasang.</span>
        )}
      </fieldset>
      {s.last && (
        <p data-testid="backup-last">
          Cadangan terakhir {time(s.last.at)} ({REASON[s.last.reason]}), {s.last.entries} entri audit.
        </p>
      )}
      {s.lastError && (
        <p className="notice notice-danger" role="alert">
          {s.lastError}
        </p>
      )}
    </div>
  );
}

export function BackupControl() {
  const q = useApiQuery('backup.status', {});
  useApiEvent('pleno-changed', () => setTimeout(q.reload, 3_000));
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const l = label(q.data);
  const act = async (fn: () => Promise<{ ok: boolean; error?: ApiError }>) => {
    setBusy(true);
    setError(null);
    const r = await fn();
    setBusy(false);
    if (!r.ok && r.error) setError(r.error);
    q.reload();
  };
  const close = () => {
    setOpen(false);
    opener.current?.focus();
  };
  return (
    <>
      <button
        ref={opener}
        type="button"
        className={`backup-pill tone-${l.tone}`}
        onClick={() => setOpen(true)}
        data-testid="backup-pill"
      >
        {l.text}
      </button>
      <Dialog
        open={open}
        title="Cadangan ke drive"
        onClose={close}
        footer={
          <>
            <Button onClick={close}>Tutup</Button>
            <Button
              variant="primary"
              busy={busy}
              disabled={!q.data?.target}
              onClick={() => void act(() => runCommand('backup.now', {}))}
            >
              Cadangkan sekarang
            </Button>
          </>
        }
      >
        {q.data && (
          <BackupBody
            s={q.data}
            busy={busy}
            choose={(root) => void act(() => runCommand('backup.setTarget', { root }))}
          />
        )}
        {error && !q.data?.lastError && (
          <p className="notice notice-danger" role="alert">
            {error.message}
          </p>
        )}
      </Dialog>
    </>
  );
}
