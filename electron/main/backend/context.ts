// What every backend service and handler receives: the open database, paths, an injected clock, the event bus, the log.
// Runs in plain Node; never imports 'electron'.
import type { PlenoEvent } from '../../../shared/contracts/events';

import type { ReadableDb } from './db/command';

/** A read handle; writes need the WritableDb of a command (db/command.ts). */
export type Db = ReadableDb;

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  /** Logs an unexpected error and returns a short reference id to show the user. */
  error(message: string, err?: unknown): string;
}

export interface EventBus {
  emit(event: PlenoEvent): void;
  subscribe(listener: (event: PlenoEvent) => void): () => void;
}

export interface BackendContext {
  db: Db;
  /** Absolute path of the SQLite file. */
  dbPath: string;
  /** Folder beside the database: photos/ (content-addressed), quarantine/, documents/, backups/. */
  dataDir: string;
  /** Injected so that documents and tests are deterministic. */
  clock: () => Date;
  events: EventBus;
  log: Logger;
  mode: 'electron' | 'web';
  /** Set when the file was opened read-only (damaged, or a read-only file): why, for the user and for logs. */
  readOnly?: { message: string; english: string; kind?: 'damaged' | 'read-only-file' } | null;
  /**
   * Set by the transport's host (hosted.ts): closes this backend, runs `swap` on the closed file, and opens a new
   * backend on the same path; resolves to its context. Absent for CLI commands and tests that open a backend alone.
   */
  reopen?: (swap: () => void) => Promise<BackendContext>;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(event: PlenoEvent) => void>();
  return {
    emit(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
