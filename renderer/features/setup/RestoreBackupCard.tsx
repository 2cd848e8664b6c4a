// Restoring a backup: the backups on the mounted drives, one chosen and checked read-only with the audit chain and
// the signed records (backup.inspect) before "Pulihkan" is offered, then restored (backup.restore). Shown on the
// first-run screen (a laptop that died mid-plenary) and, as `over`, in the dialog the red banner opens when this
// laptop's database is damaged or read-only: there the old file is moved aside (kept) and its place said.
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import type { BackupCheck, BackupFound, BackupRestored } from '../../../shared/contracts/backup.contract';
import type { ApiError } from '../../../shared/contracts/result';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { StepStatus } from '../../ui/ProgressBar';
import { waktu } from '../../app/local-time';

const when = (iso: string) => waktu(iso);

function CheckResult({ check }: { check: BackupCheck }) {
  if (!check.valid)
    return (
      <div className="notice notice-danger" role="alert" data-testid="restore-check">
        <strong>Cadangan ini tidak dapat dipakai.</strong>
        {check.problems.map((p, i) => (
          <div key={i}>{p}</div>
        ))}
      </div>
    );
  return (
    <p className="notice notice-ok" data-testid="restore-check">
      Rantai audit utuh dan rekaman bertanda tangan cocok: {check.entries} entri diperiksa. Kecamatan{' '}
      {check.kecamatan?.nama}, {check.kecamatan?.kabkota}
      {check.dibuat ? `, dicadangkan ${when(check.dibuat)}` : ''}.
    </p>
  );
}

/** What a restore over the old database did, in words (where the old file is kept). */
export function RestoredNotice({ r }: { r: BackupRestored }) {
  return (
    <div className="notice notice-ok" role="status" data-testid="restore-done">
      <strong>
        Cadangan Kecamatan {r.kecamatan.nama} dipulihkan; rantai audit utuh ({r.entries} entri).
      </strong>
      {r.movedAside && (
        <div>
          Berkas basis data lama tidak dihapus: disimpan sebagai <code>{r.movedAside}</code>.
        </div>
      )}
    </div>
  );
}

export function RestoreBackupBody({ onDone, over = false }: { onDone: (r: BackupRestored) => void; over?: boolean }) {
  const found = useApiQuery('backup.find', {});
  const [check, setCheck] = useState<BackupCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const backups: BackupFound[] = found.data?.backups ?? [];

  async function choose(b: BackupFound) {
    setError(null);
    setCheck(null);
    const r = await runCommand('backup.inspect', { path: b.path });
    if (r.ok) setCheck(r.value);
    else setError(r.error);
  }
  async function restore() {
    if (!check?.valid) return;
    setBusy(true);
    const r = await runCommand('backup.restore', { path: check.path });
    setBusy(false);
    if (r.ok) onDone(r.value);
    else setError(r.error);
  }

  return (
    <>
      {over ? (
        <p>
          Pasang flash disk berisi cadangan Pleno (folder <code>Pleno-Cadangan</code>). Cadangan diperiksa dengan rantai
          audit dan tanda tangan sebelum dipakai. Berkas basis data yang sekarang dipindahkan ke sampingnya (tidak
          dihapus). Hasil yang masuk sesudah cadangan dibuat perlu diimpor ulang.
        </p>
      ) : (
        <p>
          Laptop sebelumnya rusak? Pasang flash disk berisi cadangan Pleno (folder <code>Pleno-Cadangan</code>).
          Cadangan diperiksa dengan rantai audit sebelum dipakai.
        </p>
      )}
      <div className="stack" style={{ gap: 8 }} role="group" aria-label="Cadangan yang ditemukan">
        {backups.length === 0 && (
          <span className="muted">{found.loading ? 'Mencari…' : 'Belum ada cadangan di drive yang terpasang.'}</span>
        )}
        {backups.map((b) => (
          <Button key={b.path} aria-pressed={check?.path === b.path} onClick={() => void choose(b)}>
            Kecamatan {b.kecamatan.nama} · {when(b.dibuat)} · {b.drive}
          </Button>
        ))}
        <Button size="sm" onClick={found.reload}>
          Cari lagi
        </Button>
      </div>
      {check && <CheckResult check={check} />}
      {check?.valid && (
        <Button variant="primary" size="lg" busy={busy} onClick={() => void restore()}>
          Pulihkan cadangan ini
        </Button>
      )}
      <StepStatus working={false} error={error} />
    </>
  );
}

export function RestoreBackupCard({ onDone }: { onDone: () => void }) {
  return (
    <Card title="Pulihkan dari cadangan" aria-label="Pulihkan dari cadangan">
      <RestoreBackupBody onDone={onDone} />
    </Card>
  );
}
