// The steps every issued document takes, kecamatan (documents.service.ts) and kab/kota
// (penerima/pleno/kab-documents.service.ts) alike: issues serialised per database, the meta fields both levels fill
// the same way, the refusals a reissue and a document whose own sums disagree get, and the kept file — written
// durably under <dataDir>/documents/ before its row and audit entry are recorded in one command, removed again if
// that command fails. A final's conditions are checked again inside that command: the drawing takes many turns of
// the event loop, and a desa unlocked (or a push, a keberatan) meanwhile must not leave a final recorded on a state
// that is no longer final.
import * as fs from 'node:fs';
import path from 'node:path';
import { isoAtOffset, provinsiOffsetMinutes } from '../../../../../shared/documents/format';
import type { DocMetaBase, PaperSize } from '../../../../../shared/documents/types';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import type { BackendContext } from '../../context';
import { runCommand, type CommandUnit } from '../../db/command';
import { currentAuditHead } from '../integrity/integrity.service';
import { buildSignedPdf, dataHash, signerFingerprint, type DocumentSigner, type SignedPdf } from './signed-pdf';

/** `detail` of the refusal of a reissue without a reason (the field to fill). */
export const REASON_FIELD = 'reason';

export function documentsDir(ctx: Pick<BackendContext, 'dataDir'>): string {
  return path.join(ctx.dataDir, 'documents');
}

// Issues are serialised per database: the version number is read before rendering (async) and written after, so two
// overlapping clicks must not both take version n.
const queues = new WeakMap<object, Promise<unknown>>();

export function serialised<T>(db: object, issue: () => Promise<T>): Promise<T> {
  const prev = queues.get(db) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(issue);
  queues.set(db, next);
  return next;
}

/** The reissue reason, required once a final of the same document was issued. */
export function reissueReason(reason: string | undefined, finalIssued: boolean): Result<string | null> {
  const r = reason?.trim() ? reason.trim() : null;
  if (finalIssued && r === null)
    return fail(
      'INVALID_INPUT',
      'Dokumen final sudah pernah diterbitkan: alasan penerbitan ulang wajib diisi.',
      REASON_FIELD,
    );
  return ok(r);
}

export interface MetaInput<K extends string> {
  id: string;
  kind: K;
  version: number;
  pemilihan: string;
  /** The provinsi whose time zone the issue time is written in. */
  provinsiKode: string;
  final: boolean;
  demo: boolean;
  paper?: PaperSize;
  reason: string | null;
  signer: Pick<DocumentSigner, 'publicKey'>;
}

/**
 * The meta fields both levels fill alike: the issue time at the provinsi's offset, the signer's fingerprint, the
 * audit head before this document's own entry (docs/spec-readings.md "The audit head in documents").
 */
export function commonMeta<K extends string>(
  ctx: BackendContext,
  m: MetaInput<K>,
): Omit<DocMetaBase<K>, 'layout' | 'keutuhan'> {
  return {
    id: m.id,
    kind: m.kind,
    version: m.version,
    pemilihan: m.pemilihan,
    issued: isoAtOffset(ctx.clock().getTime(), provinsiOffsetMinutes(m.provinsiKode)),
    final: m.final,
    demo: m.demo,
    paper: m.paper ?? 'a4',
    signer: signerFingerprint(m.signer),
    ...(m.reason !== null ? { reason: m.reason } : {}),
    audit: currentAuditHead(ctx.db),
  };
}

/** Refused before anything is signed: totals of the data that are not the sums of their parts (a bug). */
export function sumsRefusal(errors: string[]): Result<null> {
  if (errors.length === 0) return ok(null);
  return fail(
    'INVALID_INPUT',
    'Dokumen tidak diterbitkan: jumlah pada datanya sendiri tidak cocok. Laporkan kepada pengembang.',
    errors.join('\n'),
  );
}

function writeFileDurably(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

export interface Kept<T> {
  row: T;
  pdf: SignedPdf;
  fileName: string;
  /** Absolute path of the kept file. */
  path: string;
}

/**
 * A final's data as the state gives it now (null: the state no longer allows a final, with why), rebuilt with the
 * same meta inside the recording command: the final is recorded only when it is the same data.
 */
export type FinalAgain = () => Result<Parameters<typeof buildSignedPdf>[0]>;

/** The refusal of a final whose state changed while it was drawn. */
function changedWhileDrawn(why: string): Result<never> {
  return fail(
    'CONFLICT',
    `Dokumen final tidak diterbitkan: keadaan pleno berubah selama dokumen disiapkan (${why}). Periksa lalu terbitkan lagi.`,
  );
}

/**
 * Signs and renders the data, writes the file durably, then runs `record` (the row, its audit entry and whatever
 * goes with it) in one command; the file is removed if the command fails, so it never stands as if issued. A final
 * is recorded only when `again` still gives the same data inside that command.
 */
export async function signAndKeep<T>(
  ctx: BackendContext,
  data: Parameters<typeof buildSignedPdf>[0],
  signer: DocumentSigner,
  record: (unit: CommandUnit, pdf: SignedPdf, fileName: string) => T,
  again?: FinalAgain,
): Promise<Result<Kept<T>>> {
  const pdf = await buildSignedPdf(data, signer);
  const { id, version, final } = data.meta;
  const dir = documentsDir(ctx);
  fs.mkdirSync(dir, { recursive: true });
  const fileName = `${id}-v${version}${final ? '' : '-draf'}.pdf`;
  const file = path.join(dir, fileName);
  if (fs.existsSync(file)) throw new Error(`document file already exists: ${file}`);
  writeFileDurably(file, pdf.bytes);
  let done: Result<T>;
  try {
    done = runCommand(ctx, (unit) => {
      if (final && again) {
        const now = again();
        if (!now.ok) return changedWhileDrawn(now.error.message);
        if (dataHash(now.value) !== pdf.dataSha256) return changedWhileDrawn('angkanya tidak lagi sama');
      }
      const r = record(unit, pdf, fileName);
      unit.emit({ type: 'documents-changed' });
      return ok(r);
    });
  } catch (err) {
    fs.rmSync(file, { force: true });
    throw err;
  }
  if (!done.ok) {
    fs.rmSync(file, { force: true });
    ctx.log.warn('final document not recorded: the state changed while it was drawn', { id, version });
    return done;
  }
  ctx.log.info('document issued', { id, version, final, pages: pdf.pages, dataSha256: pdf.dataSha256 });
  return ok({ row: done.value, pdf, fileName, path: file });
}

/** The columns an issued document's row has at both levels (documents.repo, kab-pleno.repo). */
export function issuedColumns(
  meta: Omit<DocMetaBase, 'layout'>,
  pdf: SignedPdf,
  fileName: string,
  reason: string | null,
  by: string,
) {
  return {
    docId: meta.id,
    pemilihan: meta.pemilihan,
    version: meta.version,
    paper: meta.paper,
    pages: pdf.pages,
    dataSha256: pdf.dataSha256,
    fileSha256: pdf.fileSha256,
    fileName,
    signer: meta.signer,
    reason,
    issuedAt: meta.issued,
    issuedBy: by,
  };
}

/** The kept file of an issued document (either level). */
export function keptFile(
  ctx: Pick<BackendContext, 'dataDir'>,
  fileName: string,
): Result<{ path: string; bytes: Uint8Array }> {
  const file = path.join(documentsDir(ctx), fileName);
  if (!fs.existsSync(file)) return fail('NOT_FOUND', `Berkas dokumen ${fileName} tidak ditemukan di folder data.`);
  return ok({ path: file, bytes: new Uint8Array(fs.readFileSync(file)) });
}
