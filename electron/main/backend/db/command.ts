// The command unit: the one way to run a state change (docs/storage.md, "Command unit").
//
//   runCommand(host, (unit) => Result<T>) → Result<T>
//   runWrite(host, (unit) => T) → T                     the same, for a write that cannot be refused (a log row)
//
// - The body runs in an IMMEDIATE transaction (one writer; it re-reads the state it checks), or in a savepoint when a
//   command is already running on the same database (a batch of imports, a manual entry that imports its record).
// - `unit.db` is the only WritableDb there is: every repository write function requires one, and writes its row and
//   the row's audit entry through insertAudited (repositories/audit.repo.ts). A ReadableDb (what the context holds)
//   can read but does not type-check as a WritableDb, so a write outside a command fails to compile.
// - Expected failures are returned (`fail(...)`, shared/domain/result.ts), never thrown: a failed Result rolls the
//   unit back and is returned as is. Anything thrown is a bug: the unit rolls back and the error propagates (the
//   dispatcher logs it and answers INTERNAL with a reference id). A failure of the storage itself (read-only, damaged,
//   full, I/O) leaves the unit as a StorageFailure (storage-failure.ts), answered DB_ERROR in words.
// - `unit.emit` queues events; they are sent after the outermost commit, and dropped with a rollback.
//
// Modelled on Signal Desktop's ReadableDB/WritableDB split (ts/sql/Interface.ts) and vxsuite's withTransaction with
// known failures as values (libs/grout).
import type Database from 'better-sqlite3';
import { dropRowCaches } from './row-cache';
import type { PlenoEvent } from '../../../../shared/contracts/events';
import type { Result } from '../../../../shared/domain/result';
import type { EventBus, Logger } from '../context';
import { asStorageFailure } from './storage-failure';

/** Any open handle: reads only (repository read functions take it). */
export type ReadableDb = Database.Database;

declare const writableBrand: unique symbol;
/** The handle of a running command: the only thing repository write functions accept. */
export type WritableDb = ReadableDb & { readonly [writableBrand]: true };

export interface CommandUnit {
  /** Valid only while the body runs. */
  readonly db: WritableDb;
  /** Queues an event, sent after the commit (never on rollback). */
  emit(event: PlenoEvent): void;
}

/** What a command needs from the backend context (tests may pass only `db`). */
export interface CommandHost {
  db: ReadableDb;
  events?: EventBus;
  log?: Pick<Logger, 'error'>;
}

interface Running {
  queue: PlenoEvent[];
}

/** The command running on each database, so that a nested command becomes a savepoint of it. */
const running = new WeakMap<ReadableDb, Running>();

class Rollback {
  constructor(readonly failure: Result<never>) {}
}

export function runCommand<T>(host: CommandHost, body: (unit: CommandUnit) => Result<T>): Result<T> {
  const db = host.db;
  const outer = running.get(db);
  if (outer) return runIn(db, outer, body, (fn) => db.transaction(fn)());
  if (db.inTransaction) throw new Error('runCommand: a transaction not opened by a command is already open');
  const unit: Running = { queue: [] };
  running.set(db, unit);
  let result: Result<T>;
  try {
    result = runIn(db, unit, body, (fn) => db.transaction(fn).immediate());
  } catch (err) {
    // A read-only, damaged, full or failing database is a known failure, not SQLite's raw error (storage-failure.ts).
    throw asStorageFailure(err);
  } finally {
    running.delete(db);
  }
  if (result.ok) emitAll(host, unit.queue);
  return result;
}

function runIn<T>(
  db: ReadableDb,
  unit: Running,
  body: (unit: CommandUnit) => Result<T>,
  exec: (fn: () => Result<T>) => Result<T>,
): Result<T> {
  const mark = unit.queue.length;
  let live = true;
  const handle: CommandUnit = {
    get db() {
      if (!live) throw new Error('runCommand: the WritableDb was used after its command ended');
      return db as WritableDb;
    },
    emit: (event) => {
      unit.queue.push(event);
    },
  };
  try {
    return exec(() => {
      const r = body(handle);
      // Throwing inside better-sqlite3's transaction function is what rolls it (or the savepoint) back.
      if (!r.ok) throw new Rollback(r);
      return r;
    });
  } catch (err) {
    unit.queue.length = mark;
    // The rollback may have freed ids that cached rows were read under (row-cache.ts).
    dropRowCaches(db);
    if (err instanceof Rollback) return err.failure;
    throw err;
  } finally {
    live = false;
  }
}

function emitAll(host: CommandHost, queue: readonly PlenoEvent[]): void {
  if (!host.events) return;
  for (const event of queue) {
    try {
      host.events.emit(event);
    } catch (err) {
      // The change is committed; a failing listener (a closed window) must not turn it into an error.
      host.log?.error(`event listener failed for ${event.type}`, err);
    }
  }
}

/** runCommand for a write with no expected failure (a log row): returns its value; a bug still throws. */
export function runWrite<T>(host: CommandHost, body: (unit: CommandUnit) => T): T {
  const r = runCommand(host, (unit) => ({ ok: true, value: body(unit) }));
  if (!r.ok) throw new Error(`runWrite: unexpected failure ${r.error.code}`);
  return r.value;
}

/** True while a command runs on `db` (a repository helper may assert it). */
export function inCommand(db: ReadableDb): boolean {
  return running.has(db);
}
