// One import run's state inside a command (db/command.ts): the master and devices it verifies against, the photo
// files to fsync before the commit, the TPS whose results changed; and how a rejection becomes an outcome (the
// input quarantined with its reason).
import type { DataMaster, Perangkat, PemilihanId } from '../../../../../shared/domain/model';
import type { ParseError } from '../../../../../shared/formats/parse-result';
import { jsonProblem } from '../../../../../shared/formats/json';
import type { BackendContext } from '../../context';
import { runWrite } from '../../db/command';
import { decisionDevices, loadDataMaster, r17From } from '../../repositories/master.repo';
import { unexpected } from '../../unexpected';
import { PhotoWriteBatch } from '../photos/photo-store';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { quarantine } from '../quarantine/quarantine';
import type { ImportOutcome, ImportSource } from './import-types';
import { englishReason } from './reasons';

export interface Session {
  ctx: BackendContext;
  master: DataMaster | null;
  extra: Perangkat[];
  photos: PhotoWriteBatch;
  at: string;
  actor: string;
  /** When the data master was imported here (R17's window opens before it); null for SIMULASI or no master. */
  masterImportedAt: string | null;
  /** The PPK key's id (its records come only through the manual form), read once per batch; null before init. */
  ppkKeyId: string | null;
  /** TPS+pemilihan whose results changed (events after commit). */
  touched: Map<string, { tps: string; pemilihan: PemilihanId | null }>;
}

export function newSession(ctx: BackendContext, actor = 'sistem'): Session {
  return {
    ctx,
    master: loadDataMaster(ctx.db),
    extra: decisionDevices(ctx.db),
    photos: new PhotoWriteBatch(),
    at: ctx.clock().toISOString(),
    actor,
    masterImportedAt: r17From(ctx.db),
    ppkKeyId: ppkKeyOrNull(ctx)?.keyId ?? null,
    touched: new Map(),
  };
}

/**
 * Runs body as one command (db/command.ts: IMMEDIATE, or a savepoint of a running command), photo files made durable
 * before the commit, `results-changed` for every TPS touched sent after it.
 */
export function inCommand<T>(s: Session, body: () => T): T {
  return runWrite(s.ctx, (unit) => {
    const r = body();
    s.photos.flush();
    for (const t of s.touched.values()) unit.emit({ type: 'results-changed', tps: t.tps, pemilihan: t.pemilihan });
    s.touched.clear();
    return r;
  });
}

/** An expected refusal: a sentence for the user, one for the log, and the parse error code when there is one. */
export class Rejection extends Error {
  constructor(
    readonly reason: string,
    readonly english: string,
    readonly code?: string,
  ) {
    super(english);
  }
}

export const reject = (reason: string, english: string): never => {
  throw new Rejection(reason, english);
};

export function fromParseError(e: ParseError, prefix = ''): Rejection {
  // A JSON error says where in words, once ("berkas bukan JSON yang sah: … di awal berkas").
  const message = e.code === 'INVALID_JSON' ? `berkas bukan JSON yang sah: ${jsonProblem(e.message)}` : e.message;
  return new Rejection(
    `${prefix}${message}`,
    `${prefix}${englishReason(e.code)}${e.path ? ` (${e.path})` : ''}`,
    e.code,
  );
}

export function noMaster(): Rejection {
  return new Rejection(
    'basis data belum berisi data master kecamatan; impor data master lebih dulu (pleno init)',
    'the database has no data master yet',
  );
}

/** The input quarantined with its reason; the outcome carries the reason (and the parse error code, if any). */
export function rejectedOutcome(s: Session, bytes: Uint8Array, source: ImportSource, rej: Rejection): ImportOutcome {
  quarantine(s.ctx, bytes, source.name, rej.reason, {
    channel: source.channel,
    english: rej.english,
    actor: source.actor ?? s.actor,
  });
  return rej.code === undefined
    ? { status: 'ditolak', reason: rej.reason }
    : { status: 'ditolak', reason: rej.reason, code: rej.code };
}

/** Unexpected errors (bugs, disk) become a rejection with a reference the user can quote. */
export function asRejection(s: Session, err: unknown): Rejection {
  if (err instanceof Rejection) return err;
  const failure = unexpected(s.ctx.log, 'import failed unexpectedly', err);
  return new Rejection(
    `tidak ada yang disimpan dari berkas ini. ${failure.error.message}`,
    failure.error.ref ? `unexpected error while storing (ref ${failure.error.ref})` : 'storage failure while storing',
  );
}
