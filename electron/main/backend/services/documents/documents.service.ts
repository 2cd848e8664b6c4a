// Issuing documents from the database: builds the document data (document-data.ts), signs and renders it, writes
// the file under <dataDir>/documents/ and records the issue (row + audit entry + the kirim outbox, one command:
// db/command.ts). A final document only when the pemilihan is final, before that drafts (DRAF). A reissue gets the
// next version; after a final, a reason is required. Expected refusals are Result values (shared/domain/result.ts).
import type { BackendContext } from '../../context';
import type { DataMaster, Pemilihan } from '../../../../../shared/domain/model';
import type { DHasilData, DocKind, DocMeta, PaperSize } from '../../../../../shared/documents/types';
import { documentSumErrors } from '../../../../../shared/documents/sums';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { loadDataMaster, isSimulasiMaster } from '../../repositories/master.repo';
import { insertDocument, latestVersion, listDocuments, type DocumentRow } from '../../repositories/documents.repo';
import { ppkKeyOrNull, type PpkKey } from '../keys/ppk-key';
import { writeKirimOutbox } from '../kirim/outbox';
import { buildDocumentData, finalBlockers, pemilihanOf } from './document-data';
import { integrityCheck } from '../integrity/integrity.service';
import { quickCheck } from '../../repositories/integrity.repo';
import { commonMeta, issuedColumns, keptFile, reissueReason, serialised, signAndKeep, sumsRefusal } from './issue';

export { documentsDir, REASON_FIELD } from './issue';
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

/** Issues a draft or final document: sign, render, keep the file, record it (row + audit) in one command. */
export function issueDocument(ctx: BackendContext, input: IssueInput): Promise<Result<IssuedDocument>> {
  return serialised(ctx.db, () => issueNow(ctx, input));
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
  const reason = reissueReason(
    input.reason,
    previous.some((d) => d.final),
  );
  if (!reason.ok) return reason;
  return ok({ master, key, p: p.value, final, reason: reason.value });
}

function metaOf(ctx: BackendContext, input: IssueInput, is: Issuable): Omit<DocMeta, 'layout'> {
  const { master, p } = is;
  // A draft issued while the integrity check fails prints the warning on every page (docs/spec-readings.md).
  const integrity = integrityCheck(ctx);
  return {
    ...commonMeta(ctx, {
      id: `${KIND_CODE[input.kind]}-${master.kecamatan.kode}-${p.id}`,
      kind: input.kind,
      version: latestVersion(ctx.db, input.kind, p.id) + 1,
      pemilihan: p.id,
      provinsiKode: master.provinsi.kode,
      final: is.final,
      demo: isSimulasiMaster(master),
      paper: input.paper,
      reason: is.reason,
      signer: is.key,
    }),
    pemilihan: p.id,
    kecamatan: master.kecamatan.kode,
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
  const sums = sumsRefusal(data.value.meta.kind === 'd-hasil' ? documentSumErrors(data.value as DHasilData) : []);
  if (!sums.ok) return sums;
  // A final is recorded only on the state it was drawn from (issue.ts signAndKeep).
  const again = () => {
    const blockers = finalBlockers(ctx, is.value.p.id);
    return blockers.length > 0 ? fail('CONFLICT', blockers.join('; ')) : buildDocumentData(ctx, is.value.master, meta);
  };
  const kept = await signAndKeep(
    ctx,
    data.value,
    is.value.key,
    (unit, pdf, fileName) => {
      const recorded = insertDocument(unit.db, {
        ...issuedColumns(meta, pdf, fileName, is.value.reason, input.actor),
        kind: input.kind,
        final: meta.final,
        simulasi: meta.demo,
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
      return recorded;
    },
    again,
  );
  if (!kept.ok) return kept;
  return ok({ row: kept.value.row, bytes: kept.value.pdf.bytes, path: kept.value.path });
}

/** The kept file of an issued document; its SHA-256 is checked against the recorded one by the caller if needed. */
export function documentFile(ctx: BackendContext, row: DocumentRow): Result<{ path: string; bytes: Uint8Array }> {
  return keptFile(ctx, row.fileName);
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
