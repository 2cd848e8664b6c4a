// Restoring a backup (a laptop that died mid-plenary): the backups on the mounted drives, one chosen and checked
// read-only with the audit chain (backup.inspect) before "Pulihkan" is offered, then restored (backup.restore).
// Exported for reuse wherever a restore is offered (e.g. a database that cannot be used).
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import type { BackupCheck, BackupFound } from '../../../shared/contracts/backup.contract';
import type { ApiError } from '../../../shared/contracts/result';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
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
      Rantai audit utuh: {check.entries} entri diperiksa. Kecamatan {check.kecamatan?.nama}, {check.kecamatan?.kabkota}
      {check.dibuat ? `, dicadangkan ${when(check.dibuat)}` : ''}.
    </p>
  );
}

export function RestoreBackupCard({ onDone }: { onDone: () => void }) {
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
    if (r.ok) onDone();
    else setError(r.error);
  }

  return (
    <Card title="Pulihkan dari cadangan" aria-label="Pulihkan dari cadangan">
      <p>
        Laptop sebelumnya rusak? Pasang flash disk berisi cadangan Pleno (folder <code>Pleno-Cadangan</code>). Cadangan
        diperiksa dengan rantai audit sebelum dipakai.
      </p>
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
      {error && (
        <p className="notice notice-danger" role="alert" style={{ marginTop: 12 }}>
          {error.message}
        </p>
      )}
    </Card>
  );
}
