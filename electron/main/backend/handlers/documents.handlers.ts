// Handlers of the documents feature (shared/contracts/documents.contract.ts): thin mapping from validated input to
// the documents service, whose expected refusals (not final, reason missing, unknown pemilihan) are Result values;
// anything thrown is a bug, logged and answered INTERNAL.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type {
  DocumentFile,
  DocumentItem,
  DocumentsStatus,
  DocumentVerification,
  documentsMethods,
} from '../../../../shared/contracts/documents.contract';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import type { PemilihanId } from '../../../../shared/domain/model';
import type { DocumentRow } from '../repositories/documents.repo';
import { getMeta, loadDataMaster } from '../repositories/master.repo';
import { sha256Hex } from '../crypto';
import { unexpected } from '../unexpected';
import {
  documentFile,
  finalBlockers,
  issueDocument,
  issuedDocument,
  issuedDocuments,
} from '../services/documents/documents.service';
import { ppkKeyOrNull } from '../services/keys/ppk-key';
import { recordRefusal, refusals } from '../services/documents/refusals.service';
import { currentOperator } from '../repositories/plenary.repo';
import { driveLabel, driveParents, listMounts } from '../services/drives/drive-scan';

const item = (r: DocumentRow): DocumentItem => ({ ...r });

/** Runs a body that answers a Result; a throw is a bug (logged, INTERNAL with a reference). */
async function guard<T>(
  ctx: BackendContext,
  what: string,
  body: () => Promise<Result<T>> | Result<T>,
): Promise<Result<T>> {
  try {
    return await body();
  } catch (err) {
    return unexpected(ctx.log, `documents: ${what} failed`, err);
  }
}

function status(ctx: BackendContext): Result<DocumentsStatus> {
  const master = loadDataMaster(ctx.db);
  if (!master) return fail('NO_KECAMATAN', 'Belum ada data master.');
  const docs = issuedDocuments(ctx);
  return ok({
    simulasi: getMeta(ctx.db)?.simulasi === 1,
    pemilihan: master.pemilihan.map((p) => {
      const blockers = finalBlockers(ctx, p.id as PemilihanId);
      const finalIssued = (kind: DocumentRow['kind']) =>
        docs.some((d) => d.pemilihan === p.id && d.kind === kind && d.final);
      return {
        id: p.id,
        nama: p.nama,
        final: blockers.length === 0,
        blockers,
        finalIssued: { 'd-hasil': finalIssued('d-hasil'), 'kejadian-khusus': finalIssued('kejadian-khusus') },
      };
    }),
  });
}

/** The row and the kept file of an issued document. */
function rowAndFile(ctx: BackendContext, id: number): Result<{ row: DocumentRow; path: string; bytes: Uint8Array }> {
  const row = issuedDocument(ctx, id);
  if (!row.ok) return row;
  const f = documentFile(ctx, row.value);
  return f.ok ? ok({ row: row.value, ...f.value }) : f;
}

function file(ctx: BackendContext, id: number): Result<DocumentFile> {
  const f = rowAndFile(ctx, id);
  if (!f.ok) return f;
  const { row, bytes } = f.value;
  return ok({
    id: row.id,
    fileName: row.fileName,
    base64: Buffer.from(bytes).toString('base64'),
    sha256: sha256Hex(bytes),
  });
}

async function verify(ctx: BackendContext, id: number): Promise<Result<DocumentVerification>> {
  const f = rowAndFile(ctx, id);
  if (!f.ok) return f;
  const { row, bytes } = f.value;
  const key = ppkKeyOrNull(ctx);
  // Loaded at first use: pdf-lib is heavy and most sessions never verify a PDF.
  const { verifyPdf } = await import('../services/documents/verify-pdf');
  const v = await verifyPdf(bytes, key ? { expectedPublicKey: key.publicKey } : {});
  const problems = [...v.problems];
  const sha = sha256Hex(bytes);
  if (sha !== row.fileSha256)
    problems.unshift(`SHA-256 berkas ${sha} berbeda dengan yang tercatat saat terbit (${row.fileSha256})`);
  return ok({ id: row.id, valid: problems.length === 0, problems });
}

function saveToDrive(ctx: BackendContext, id: number, root: string): Result<{ path: string }> {
  if (!listMounts(driveParents()).includes(root))
    return fail('NOT_FOUND', 'Drive tidak ditemukan; pasang ulang drive lalu coba lagi.');
  const f = rowAndFile(ctx, id);
  if (!f.ok) return f;
  const { row } = f.value;
  const dir = path.join(root, 'Pleno-Dokumen');
  mkdirSync(dir, { recursive: true });
  const target = path.join(dir, row.fileName);
  if (!existsSync(target) || sha256Hex(new Uint8Array(readFileSync(target))) !== row.fileSha256)
    copyFileSync(f.value.path, target);
  if (sha256Hex(new Uint8Array(readFileSync(target))) !== row.fileSha256) {
    throw new Error(`copy to ${target} does not match the recorded SHA-256`);
  }
  ctx.log.info('document saved to drive', { id: row.id, target });
  return ok({ path: target });
}

export function documentsHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof documentsMethods> {
  return {
    handlers: {
      'documents.list': (i) =>
        guard(ctx, 'membaca daftar dokumen', () => ok(issuedDocuments(ctx, i).map(item).reverse())),
      'documents.status': () => guard(ctx, 'membaca status dokumen', () => status(ctx)),
      'documents.issue': (i) =>
        guard(ctx, 'menerbitkan dokumen', async () => {
          const doc = await issueDocument(ctx, {
            kind: i.kind,
            pemilihan: i.pemilihan,
            paper: i.paper,
            final: i.final,
            ...(i.reason !== undefined ? { reason: i.reason } : {}),
            actor: currentOperator(ctx.db)?.nama ?? 'operator',
          });
          return doc.ok ? ok(item(doc.value.row)) : doc;
        }),
      'documents.file': (i) => guard(ctx, 'membaca berkas dokumen', () => file(ctx, i.id)),
      'documents.verify': (i) => guard(ctx, 'memeriksa dokumen', () => verify(ctx, i.id)),
      'documents.drives': () =>
        guard(ctx, 'mencari drive', () =>
          ok(listMounts(driveParents()).map((root) => ({ root, label: driveLabel(root) }))),
        ),
      'documents.saveToDrive': (i) => guard(ctx, 'menyimpan ke drive', () => saveToDrive(ctx, i.id, i.root)),
      'documents.recordRefusal': (i) => recordRefusal(ctx, i),
      'documents.refusals': (i) => ok(refusals(ctx, i.pemilihan)),
    },
  };
}
