// When backups run by themselves: after a desa lock or unlock (`pleno-changed` for a desa), after a document is
// issued (`documents-changed`), and every INTERVAL_MINUTES when the audit head moved. Events are gathered for 1.5 s
// so a burst (a lock and its document) makes one copy. Started by openBackend; a no-op until a drive is chosen.
import type { BackendContext } from '../../context';
import type { BackupReason } from '../../../../../shared/contracts/backup.contract';
import { INTERVAL_MINUTES, runBackup } from './backup.service';

export function startBackupSchedule(ctx: BackendContext, intervalMs = INTERVAL_MINUTES * 60_000): () => void {
  let pending: NodeJS.Timeout | null = null;
  const soon = (reason: BackupReason) => {
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      void runBackup(ctx, reason);
    }, 1_500);
    pending.unref();
  };
  const off = ctx.events.subscribe((e) => {
    if (e.type === 'pleno-changed' && e.desa !== null && e.tps === null) soon('lock');
    else if (e.type === 'documents-changed') soon('document');
  });
  const timer = setInterval(() => void runBackup(ctx, 'interval', { onlyIfChanged: true }), intervalMs);
  timer.unref();
  return () => {
    off();
    clearInterval(timer);
    if (pending) clearTimeout(pending);
  };
}
