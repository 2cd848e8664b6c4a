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
  /**
   * The file was a Pleno database (its data folder is beside it) that SQLite cannot read at all: the start-up screen
   * offers a restore from a backup over it (the file is moved aside, never deleted).
   */
  restorable?: boolean;
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
  /** Set when this is a receiver (kab/kota) database: the app shows the receiver screens instead. */
  penerima?: { kode: string; nama: string; provinsi: string; simulasi: boolean; fingerprint: string } | null;
  /** Set when the database could not be opened: every other call fails, the UI explains why. */
  startupError: StartupError | null;
}

/**
 * What every screen checks before showing numbers (a red banner while `ok` is false): the integrity of the stored data
 * (audit chain, row hashes, each record against its signed envelope), the state of the file, and the free disk space.
 */
export interface IntegrityView {
  ok: boolean;
  /** The banner sentence (Bahasa Indonesia); null when the data checks. */
  warning: string | null;
  /** The first problems found (Bahasa Indonesia), at most 5; `problemCount` says how many in all. */
  problems: string[];
  problemCount: number;
  /** When the full check last ran (ISO). */
  checkedAt: string;
  /** The audit head now: entries and the newest entry's hash (documents, receipts and backups witness it). */
  audit: { jumlah: number; kepala: string };
  /** Opened read-only (damaged or read-only file): nothing can be saved; `message` says why and what to do. */
  storage: { readOnly: boolean; message: string | null; canRestore: boolean };
  /** Free space where the data folder lives; `low` below the level where imports stop copying to quarantine. */
  disk: { freeBytes: number | null; low: boolean; message: string | null };
}

const noInput = z.object({}).strict();

export const systemMethods = {
  'system.info': method<typeof noInput, SystemInfo>(noInput),
  'system.integrity': method<typeof noInput, IntegrityView>(noInput),
};
