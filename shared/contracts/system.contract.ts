// System calls: what the shell needs before any feature (mode, database, kecamatan loaded or not, startup failure).
import { z } from 'zod';
import { method } from './method';

/** Why the backend could not open its database (the renderer shows a dedicated screen). */
export interface StartupError {
  kind: 'not-sqlite' | 'not-pleno' | 'newer-version' | 'locked' | 'migration' | 'io';
  /** For the user, Bahasa Indonesia. */
  message: string;
  /** English, for support. */
  detail: string;
}

export interface SystemInfo {
  version: string;
  /** How the renderer reaches the backend. */
  mode: 'electron' | 'web';
  dbPath: string;
  /** Folder beside the database (photos, quarantine, backups, logs); null if the database could not be opened. */
  dataDir: string | null;
  /** Null until a data master is imported (the first-run screen shows). */
  kecamatan: { kode: string; nama: string; kabkota: string; provinsi: string; simulasi: boolean } | null;
  /** Set when the database could not be opened: every other call fails, the UI explains why. */
  startupError: StartupError | null;
}

const noInput = z.object({}).strict();

export const systemMethods = {
  'system.info': method<typeof noInput, SystemInfo>(noInput),
};
