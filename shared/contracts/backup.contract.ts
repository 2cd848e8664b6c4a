// Contract methods of the backup feature: the database copied with SQLite's online backup (plus the photo and
// document files beside it) to a folder on a chosen removable drive — after every desa lock, every issued document,
// every 10 minutes when something changed, and on demand — and restored on another laptop's first-run screen after
// its audit chain verifies — or on this laptop over a damaged or read-only database. Implemented by electron/main/backend/handlers/backup.handlers.ts.
import { z } from 'zod';
import { method, type MethodDef } from './method';

export type BackupReason = 'manual' | 'lock' | 'document' | 'interval';

export interface BackupDrive {
  root: string;
  label: string;
}

export interface BackupStatus {
  /** The chosen drive (null: none chosen yet); `mounted` false while it is unplugged. */
  target: (BackupDrive & { mounted: boolean }) | null;
  /** The last backup written in this run of the app. */
  last: { at: string; path: string; entries: number; bytes: number; reason: BackupReason } | null;
  /** Why the last attempt failed (a sentence in Bahasa Indonesia), null after a success. */
  lastError: string | null;
  running: boolean;
  /** Drives currently mounted, to choose from. */
  drives: BackupDrive[];
  intervalMinutes: number;
}

export interface BackupFound {
  /** The backup's database file on the drive. */
  path: string;
  drive: string;
  kecamatan: { kode: string; nama: string };
  dibuat: string;
  entries: number;
}

export interface BackupCheck {
  path: string;
  kecamatan: { kode: string; nama: string; kabkota: string; provinsi: string } | null;
  dibuat: string | null;
  /** Audit entries verified. */
  entries: number;
  /** The audit chain and every audited row verify; the file is a Pleno database this version can open. */
  valid: boolean;
  /** One sentence per problem (Bahasa Indonesia). */
  problems: string[];
}

export interface BackupRestored {
  kecamatan: { kode: string; nama: string };
  /** Audit entries of the restored database (its restore entry included). */
  entries: number;
  /** Where the damaged or read-only database file was moved (kept, never deleted); null for a first-run restore. */
  movedAside: string | null;
}

const noInput = z.object({}).strict();
const targetInput = z.object({ root: z.string().min(1).max(4096).nullable() }).strict();
const pathInput = z.object({ path: z.string().min(1).max(4096) }).strict();

export const backupMethods = {
  'backup.status': method<typeof noInput, BackupStatus>(noInput),
  /** Chooses the drive backups go to (a mounted drive only); null stops automatic backups. */
  'backup.setTarget': method<typeof targetInput, BackupStatus>(targetInput),
  /** Writes a backup now and answers when it is on the drive. */
  'backup.now': method<typeof noInput, BackupStatus>(noInput),
  /** Backups found on the mounted drives (for the first-run screen). */
  'backup.find': method<typeof noInput, { backups: BackupFound[] }>(noInput),
  /** Opens a backup read-only and verifies its audit chain; nothing is changed. */
  'backup.inspect': method<typeof pathInput, BackupCheck>(pathInput),
  /**
   * Replaces an empty database (first run), or a damaged or read-only one (moved aside, the backend reopened on the
   * restored file), with a verified backup, and copies its photos and documents.
   */
  'backup.restore': method<typeof pathInput, BackupRestored>(pathInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
