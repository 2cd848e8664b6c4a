// Issuing documents from the database: builds the document data (document-data.ts), signs and renders it, writes
// the file under <dataDir>/documents/ and records the issue (row + audit entry + the kirim outbox, one command:
// db/command.ts). A final document only when the pemilihan is final, before that drafts (DRAF). A reissue gets the
// next version; after a final, a reason is required. Expected refusals are Result values (shared/domain/result.ts).
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../../context';
import type { DataMaster, Pemilihan } from '../../../../../shared/domain/model';
import { isoAtOffset, provinsiOffsetMinutes } from '../../../../../shared/documents/format';
import type { DHasilData, DocKind, DocMeta, PaperSize } from '../../../../../shared/documents/types';
import { documentSumErrors } from '../../../../../shared/documents/sums';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { loadDataMaster, isSimulasiMaster } from '../../repositories/master.repo';
import { insertDocument, latestVersion, listDocuments, type DocumentRow } from '../../repositories/documents.repo';
import { ppkKeyOrNull, type PpkKey } from '../keys/ppk-key';
import { writeKirimOutbox } from '../kirim/outbox';
import { buildSignedPdf, signerFingerprint, type SignedPdf } from './signed-pdf';
import { runWrite } from '../../db/command';
import { buildDocumentData, finalBlockers, pemilihanOf } from './document-data';
import { currentAuditHead, integrityCheck } from '../integrity/integrity.service';
import { quickCheck } from '../../repositories/integrity.repo';

export { buildDocumentData, finalBlockers } from './document-data';
export { kejadianEntries, placeOf } from './kejadian-entries';

export interface IssueInput {
  kind: DocKind;
  pemilihan: string;
  paper?: PaperSize;
  final?: boolean;
  reason?: string;
  /** Who issues (operator name; 'cli' from the command line). */
  actor: string;
}

export interface IssuedDocument {
  row: DocumentRow;
  bytes: Uint8Array;
  /** Absolute path of the kept file. */
  path: string;
}

export const KIND_CODE: Record<DocKind, string> = { 'd-hasil': 'DHASIL', 'kejadian-khusus': 'DKEJADIAN' };

/** `detail` of the refusal of a reissue without a reason (the field to fill). A refused final lists its blockers. */
export const REASON_FIELD = 'reason';

export function documentsDir(ctx: Pick<BackendContext, 'dataDir'>): string {
  return path.join(ctx.dataDir, 'documents');
}

function writeFileDurably(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

// Issues are serialised per database: the version number is read before rendering (async) and written after, so two
// overlapping clicks must not both take version n.
const queues = new WeakMap<object, Promise<unknown>>();

/** Issues a draft or final document: sign, render, keep the file, record it (row + audit) in one command. */
export function issueDocument(ctx: BackendContext, input: IssueInput): Promise<Result<IssuedDocument>> {
  const prev = queues.get(ctx.db) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => issueNow(ctx, input));
  queues.set(ctx.db, next);
  return next;
}

interface Issuable {
  master: DataMaster;
  key: PpkKey;
  p: Pemilihan;
  final: boolean;
  reason: string | null;
}

/** What may be issued now: a master and key, a known pemilihan, a final only when final, a reason after a final. */
function checkIssuable(ctx: BackendContext, input: IssueInput): Result<Issuable> {
  const master = loadDataMaster(ctx.db);
  const key = ppkKeyOrNull(ctx);
  if (!master || !key) return fail('NO_KECAMATAN', 'Belum ada data master: buat basis data dengan pleno init.');
  const p = pemilihanOf(master, input.pemilihan);
  if (!p.ok) return p;
  const final = input.final === true;
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (final) {
    const blockers = finalBlockers(ctx, p.value.id);
    if (blockers.length > 0)
      return fail(
        'CONFLICT',
        `Dokumen final belum dapat diterbitkan: pemilihan ${p.value.id} belum final (${blockers.length} hal). Terbitkan sebagai draf.`,
        blockers.join('\n'),
      );
  }
  const previous = listDocuments(ctx.db, { pemilihan: p.value.id, kind: input.kind });
  if (previous.some((d) => d.final) && reason === null)
    return fail(
      'INVALID_INPUT',
      'Dokumen final sudah pernah diterbitkan: alasan penerbitan ulang wajib diisi.',
      REASON_FIELD,
    );
  return ok({ master, key, p: p.value, final, reason });
}

function metaOf(ctx: BackendContext, input: IssueInput, is: Issuable): Omit<DocMeta, 'layout'> {
  const { master, p, final, reason } = is;
  // What the paper witnesses (docs/spec-readings.md "Hardening"): the audit head before this document's own entry,
  // and, on a draft issued while the integrity check fails, the warning printed on every page.
  const integrity = integrityCheck(ctx);
  return {
    id: `${KIND_CODE[input.kind]}-${master.kecamatan.kode}-${p.id}`,
    kind: input.kind,
    version: latestVersion(ctx.db, input.kind, p.id) + 1,
    pemilihan: p.id,
    kecamatan: master.kecamatan.kode,
    issued: isoAtOffset(ctx.clock().getTime(), provinsiOffsetMinutes(master.provinsi.kode)),
    final,
    demo: isSimulasiMaster(master),
    paper: input.paper ?? 'a4',
    signer: signerFingerprint(is.key),
    ...(reason !== null ? { reason } : {}),
    audit: currentAuditHead(ctx.db),
    ...(integrity.ok ? {} : { keutuhan: { temuan: integrity.problems.length } }),
  };
}

/** `PRAGMA quick_check` before anything is signed: a damaged file issues nothing (docs/storage.md, "Integrity"). */
function damagedFile(ctx: BackendContext): Result<null> {
  const problems = quickCheck(ctx.db);
  if (problems.length === 0) return ok(null);
  ctx.log.warn('document refused: quick_check failed', { problems: problems.slice(0, 3) });
  return fail(
    'DB_ERROR',
    'Dokumen tidak diterbitkan: pemeriksaan berkas basis data menemukan kerusakan. Tutup Pleno, pulihkan dari salinan cadangan terakhir, lalu terbitkan ulang.',
  );
}

async function issueNow(ctx: BackendContext, input: IssueInput): Promise<Result<IssuedDocument>> {
  const intact = damagedFile(ctx);
  if (!intact.ok) return intact;
  const is = checkIssuable(ctx, input);
  if (!is.ok) return is;
  const meta = metaOf(ctx, input, is.value);
  const data = buildDocumentData(ctx, is.value.master, meta);
  if (!data.ok) return data;
  const sumErrors = data.value.meta.kind === 'd-hasil' ? documentSumErrors(data.value as DHasilData) : [];
  if (sumErrors.length > 0)
    return fail(
      'INVALID_INPUT',
      'Dokumen tidak diterbitkan: jumlah pada datanya sendiri tidak cocok. Laporkan kepada pengembang.',
      sumErrors.join('\n'),
    );
  const pdf = await buildSignedPdf(data.value, { publicKey: is.value.key.publicKey, sign: is.value.key.sign });
  return ok(keepAndRecord(ctx, input, meta, pdf, is.value.reason));
}

/** Writes the file durably, then the row, its audit entry and the kirim outbox in one command (file removed if not). */
function keepAndRecord(
  ctx: BackendContext,
  input: IssueInput,
  meta: Omit<DocMeta, 'layout'>,
  pdf: SignedPdf,
  reason: string | null,
): IssuedDocument {
  const dir = documentsDir(ctx);
  mkdirSync(dir, { recursive: true });
  const fileName = `${meta.id}-v${meta.version}${meta.final ? '' : '-draf'}.pdf`;
  const file = path.join(dir, fileName);
  if (existsSync(file)) throw new Error(`document file already exists: ${file}`);
  writeFileDurably(file, pdf.bytes);
  let row: DocumentRow;
  try {
    row = runWrite(ctx, (unit) => {
      const recorded = insertDocument(unit.db, {
        docId: meta.id,
        kind: input.kind,
        pemilihan: meta.pemilihan,
        version: meta.version,
        final: meta.final,
        simulasi: meta.demo,
        paper: meta.paper,
        pages: pdf.pages,
        dataSha256: pdf.dataSha256,
        fileSha256: pdf.fileSha256,
        fileName,
        signer: meta.signer,
        reason,
        issuedAt: meta.issued,
        issuedBy: input.actor,
      });
      // The push for this pemilihan (docs/design.md §4.5): written in the same command as the document.
      writeKirimOutbox(unit.db, ctx, {
        documentId: recorded.id,
        kind: input.kind,
        pemilihan: meta.pemilihan,
        envelope: pdf.envelope,
        pdf: { sha256: pdf.fileSha256, size: pdf.bytes.length, fileName },
        at: ctx.clock().toISOString(),
        actor: input.actor,
      });
      unit.emit({ type: 'documents-changed' });
      return recorded;
    });
  } catch (err) {
    // Not recorded: the file must not stay as if it were issued.
    rmSync(file, { force: true });
    throw err;
  }
  const { id, version, final } = meta;
  ctx.log.info('document issued', { id, version, final, pages: pdf.pages, dataSha256: pdf.dataSha256 });
  return { row, bytes: pdf.bytes, path: file };
}

/** The kept file of an issued document; its SHA-256 is checked against the recorded one by the caller if needed. */
export function documentFile(ctx: BackendContext, row: DocumentRow): Result<{ path: string; bytes: Uint8Array }> {
  const file = path.join(documentsDir(ctx), row.fileName);
  if (!existsSync(file)) return fail('NOT_FOUND', `Berkas dokumen ${row.fileName} tidak ditemukan di folder data.`);
  return ok({ path: file, bytes: new Uint8Array(readFileSync(file)) });
}

/** Issued documents, oldest first. */
export function issuedDocuments(
  ctx: Pick<BackendContext, 'db'>,
  f: { pemilihan?: string; kind?: DocKind } = {},
): DocumentRow[] {
  return listDocuments(ctx.db, f);
}

export function issuedDocument(ctx: Pick<BackendContext, 'db'>, id: number): Result<DocumentRow> {
  const row = issuedDocuments(ctx).find((d) => d.id === id);
  return row ? ok(row) : fail('NOT_FOUND', `Dokumen #${id} tidak ada.`);
}
