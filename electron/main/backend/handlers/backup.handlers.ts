// Handlers of the backup feature (shared/contracts/backup.contract.ts): choosing the drive, writing a backup now,
// and finding, inspecting and restoring a backup (first run, or over a damaged or read-only database).
import { fail, ok } from '../../../../shared/contracts/result';
import type { backupMethods } from '../../../../shared/contracts/backup.contract';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import { BackupRefused, backupStatus, runBackup, setBackupTarget } from '../services/backup/backup.service';
import { findBackups, inspectBackup, restoreBackup } from '../services/backup/restore.service';
import { restoreOver } from '../services/backup/restore-over';

export function backupHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof backupMethods> {
  return {
    handlers: {
      'backup.status': () => ok(backupStatus(ctx)),
      'backup.setTarget': ({ root }) => {
        try {
          return ok(setBackupTarget(ctx, root));
        } catch (err) {
          if (err instanceof BackupRefused) return fail('NOT_FOUND', err.message);
          throw err;
        }
      },
      'backup.now': async () => {
        try {
          await runBackup(ctx, 'manual');
        } catch (err) {
          if (err instanceof BackupRefused) return fail('CONFLICT', err.message);
          throw err;
        }
        const s = backupStatus(ctx);
        return s.lastError ? fail('CONFLICT', s.lastError) : ok(s);
      },
      'backup.find': () => ok({ backups: findBackups() }),
      'backup.inspect': ({ path }) => inspectBackup(path),
      'backup.restore': ({ path }) => (ctx.readOnly ? restoreOver(ctx, path) : restoreBackup(ctx, path)),
    },
  };
}
