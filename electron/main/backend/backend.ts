// Opens the backend on one database file: data folder, log, migrations, handlers and the dispatcher.
// Data folder convention: `/x/hampang.db` → `/x/hampang.pleno-data/` (photos/, quarantine/, documents/, backups/, logs/).
import { mkdirSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { createEventBus, type BackendContext, type EventBus, type Logger } from './context';
import { createDispatcher, type Dispatch, type DispatchHandler } from './dispatch';
import { createHandlers } from './handlers/index';
import { createLogger } from './log';
import { DbOpenError, type OpenedDatabase } from './db/open';
import { cleanTmpLeftovers, isDamageCode, markDamaged, openStorage } from './storage-state';
import { migrations } from './db/migrations/index';
import { fail, ok } from '../../../shared/contracts/result';
import type { StartupError, SystemInfo } from '../../../shared/contracts/system.contract';
import { APP_VERSION } from './version';
import { startBackupSchedule } from './services/backup/backup-schedule';

export type BackendMode = 'electron' | 'web';

export interface OpenBackendOptions {
  dbPath: string;
  mode: BackendMode;
  clock?: () => Date;
  /** Echo info/warn log lines to stderr too. */
  verbose?: boolean;
  /** Open for reading only, without the single-instance lock (read-only CLI commands beside a running app). */
  readOnly?: boolean;
  /** Given by a host that can swap the database file under the transports (hosted.ts); becomes ctx.reopen. */
  reopen?: BackendContext['reopen'];
}

/** What a transport (HTTP, IPC) needs: a dispatcher and the events to push. */
export interface ServedBackend {
  dispatch: Dispatch;
  events: EventBus;
  close(): Promise<void>;
}

export interface Backend extends ServedBackend {
  ctx: BackendContext;
}

export function dataDirFor(dbPath: string): string {
  const abs = resolve(dbPath);
  return join(dirname(abs), `${basename(abs).replace(/\.(db|sqlite3?)$/i, '')}.pleno-data`);
}

export const DATA_SUBDIRS = ['photos', 'quarantine', 'documents', 'backups', 'logs'] as const;

/** Throws DbOpenError when the file is not a Pleno database, is from a newer version, or is open in another Pleno. */
export async function openBackend(options: OpenBackendOptions): Promise<Backend> {
  const dbPath = resolve(options.dbPath);
  const dataDir = dataDirFor(dbPath);
  const clock = options.clock ?? (() => new Date());
  const { opened, readOnly } = openStorage(dbPath, {
    migrations,
    backupDir: join(dataDir, 'backups'),
    clock,
    readOnly: options.readOnly === true,
  });
  const log = prepareDataDir(opened, dataDir, clock, options);
  log.info('database opened', { dbPath, from: opened.fromVersion, to: opened.toVersion, backup: opened.backupPath });
  if (readOnly) log.warn('database opened read-only', { dbPath, reason: readOnly.english });
  if (!opened.readOnly) cleanTmpLeftovers(dataDir, log);
  const events = createEventBus();
  const ctx: BackendContext = { db: opened.db, dbPath, dataDir, clock, events, log, mode: options.mode, readOnly };
  if (options.reopen) ctx.reopen = options.reopen;
  let handlerSet: ReturnType<typeof createHandlers>;
  try {
    handlerSet = createHandlers(ctx);
  } catch (err) {
    opened.close();
    throw err;
  }
  const dispatch = createDispatcher(
    (method) => handlerSet.handler(method),
    log,
    (failure) => {
      if (isDamageCode(failure.code)) markDamaged(ctx, `${failure.code}: ${failure.message}`);
    },
  );
  const stopBackups = startBackupSchedule(ctx);
  let closing: Promise<void> | null = null;
  return {
    ctx,
    dispatch,
    events,
    close() {
      closing ??= (async () => {
        try {
          stopBackups();
          await handlerSet.close();
        } catch (err) {
          log.error('closing handlers failed', err);
        } finally {
          opened.close();
          log.info('database closed', { dbPath });
        }
      })();
      return closing;
    },
  };
}

/** The data folder and the log; a read-only open tolerates a folder it cannot create (logs then go nowhere). */
function prepareDataDir(
  opened: OpenedDatabase,
  dataDir: string,
  clock: () => Date,
  options: OpenBackendOptions,
): Logger {
  try {
    for (const d of DATA_SUBDIRS) mkdirSync(join(dataDir, d), { recursive: true });
    return createLogger({ logDir: join(dataDir, 'logs'), clock, echo: options.verbose === true });
  } catch (err) {
    if (opened.readOnly) return createLogger({ logDir: null, clock, echo: options.verbose === true });
    opened.close();
    throw new DbOpenError(
      'io',
      opened.dbPath,
      `Folder data ${dataDir} tidak dapat dibuat: ${(err as Error).message}`,
      `Cannot create ${dataDir}: ${(err as Error).message}`,
    );
  }
}

export function toStartupError(err: unknown): StartupError {
  if (err instanceof DbOpenError) return { kind: err.kind, message: err.message, detail: err.english };
  const detail = err instanceof Error ? err.message : String(err);
  return { kind: 'io', message: `Basis data tidak dapat dibuka: ${detail}`, detail };
}

/**
 * The backend when the database could not be opened: `system.info` reports the reason (the UI shows a dedicated
 * screen), every other call fails with DB_ERROR but those of `rescue` (a restore over an unreadable file, hosted.ts).
 * Nothing touches the file.
 */
export function failedBackend(
  dbPath: string,
  mode: BackendMode,
  error: StartupError,
  rescue: Partial<Record<string, DispatchHandler>> = {},
): ServedBackend {
  const info: SystemInfo = {
    version: APP_VERSION,
    mode,
    dbPath: resolve(dbPath),
    dataDir: null,
    kecamatan: null,
    startupError: error,
  };
  const base = createDispatcher(
    async (method) =>
      method === 'system.info' ? () => ok(info) : (rescue[method] ?? (() => fail('DB_ERROR', error.message))),
    createLogger({ logDir: null }),
  );
  return { dispatch: base, events: createEventBus(), close: async () => {} };
}
