// Watches for removable drives (USB sticks, phones mounted as drives) by polling the mount folders every ~2 s, keeps
// the list of importable files on each, and emits `drives-changed` when a drive appears, goes away, or its files
// change. Polling, not fs.watch: mount points appear under /media by the desktop's automounter and fs.watch on
// removable media is unreliable; a readdir every 2 s costs nothing.
//
//   createDriveWatcher(ctx, { intervalMs?, parents?, limits? }) → { drives(), refresh(), findDrive(root), close() }
import type { BackendContext } from '../../context';
import type { DriveView } from '../../../../../shared/contracts/import.contract';
import { DEFAULT_SCAN_LIMITS, driveLabel, driveParents, listMounts, scanDrive, type ScanLimits } from './drive-scan';

export interface DriveWatcher {
  /** The drives found at the last poll (polls now if none happened yet). */
  drives(): DriveView[];
  /** Polls immediately; returns true when something changed. */
  refresh(): boolean;
  findDrive(root: string): DriveView | undefined;
  close(): void;
}

export interface DriveWatcherOptions {
  intervalMs?: number;
  /** Folders whose sub-folders are drives (default: driveParents() at each poll, so PLENO_DRIVE_ROOTS is read live). */
  parents?: () => string[];
  limits?: ScanLimits;
}

function signature(drives: DriveView[]): string {
  return JSON.stringify(drives.map((d) => [d.root, d.truncated, d.files.map((f) => [f.path, f.size])]));
}

export function createDriveWatcher(
  ctx: Pick<BackendContext, 'events' | 'log'>,
  options: DriveWatcherOptions = {},
): DriveWatcher {
  const parents = options.parents ?? (() => driveParents());
  const limits = options.limits ?? DEFAULT_SCAN_LIMITS;
  let current: DriveView[] = [];
  let sig = signature(current);
  let polled = false;

  const refresh = (): boolean => {
    polled = true;
    let next: DriveView[];
    try {
      next = listMounts(parents()).map((root) => ({ root, label: driveLabel(root), ...scanDrive(root, limits) }));
    } catch (err) {
      ctx.log.warn('drive scan failed', { error: String(err) });
      return false;
    }
    const nextSig = signature(next);
    current = next;
    if (nextSig === sig) return false;
    sig = nextSig;
    ctx.events.emit({ type: 'drives-changed' });
    return true;
  };

  const timer = setInterval(refresh, options.intervalMs ?? 2000);
  timer.unref();

  return {
    drives() {
      if (!polled) refresh();
      return current;
    },
    refresh,
    findDrive(root) {
      if (!polled) refresh();
      return current.find((d) => d.root === root);
    },
    close() {
      clearInterval(timer);
    },
  };
}
