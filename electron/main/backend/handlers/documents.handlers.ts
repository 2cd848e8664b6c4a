// Handlers of the documents feature (shared/contracts/documents.contract.ts): thin mapping from validated input to
// the documents service; expected refusals (not final, reason missing, unknown pemilihan) become failed Results.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { DocumentItem, documentsMethods } from '../../../../shared/contracts/documents.contract';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import type { PemilihanId } from '../../../../shared/domain/model';
import type { DocumentRow } from '../repositories/documents.repo';
import { getMeta, loadDataMaster } from '../repositories/master.repo';
import { sha256Hex } from '../crypto';
import { unexpected } from '../unexpected';
import {
  DocumentError,
  documentFile,
  finalBlockers,
  issueDocument,
  issuedDocument,
  issuedDocuments,
} from '../services/documents/documents.service';
import { ppkKeyOrNull } from '../services/keys/ppk-key';
import { currentOperator } from '../repositories/plenary.repo';
import { driveLabel, driveParents, listMounts } from '../services/drives/drive-scan';

const item = (r: DocumentRow): DocumentItem => ({ ...r });

async function guard<T>(ctx: BackendContext, what: string, body: () => Promise<T> | T): Promise<Result<T>> {
  try {
    return ok(await body());
  } catch (err) {
    if (err instanceof DocumentError) {
      const code =
        err.code === 'NO_MASTER'
          ? 'NO_KECAMATAN'
          : err.code === 'NOT_FOUND'
            ? 'NOT_FOUND'
            : err.code === 'NOT_FINAL'
              ? 'CONFLICT'
              : 'INVALID_INPUT';
      return fail(code, err.message, err.reasons.length > 0 ? err.reasons.join('\n') : undefined);
    }
    return unexpected(ctx.log, `documents: ${what} failed`, err);
  }
}

export function documentsHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof documentsMethods> {
  return {
    handlers: {
      'documents.list': (i) => guard(ctx, 'membaca daftar dokumen', () => issuedDocuments(ctx, i).map(item).reverse()),
      'documents.status': () =>
        guard(ctx, 'membaca status dokumen', () => {
          const master = loadDataMaster(ctx.db);
          if (!master) throw new DocumentError('NO_MASTER', 'Belum ada data master.');
          const docs = issuedDocuments(ctx);
          return {
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
          };
        }),
      'documents.issue': (i) =>
        guard(ctx, 'menerbitkan dokumen', async () => {
          const op = currentOperator(ctx.db);
          const doc = await issueDocument(ctx, {
            kind: i.kind,
            pemilihan: i.pemilihan,
            paper: i.paper,
            final: i.final,
            ...(i.reason !== undefined ? { reason: i.reason } : {}),
            actor: op?.nama ?? 'operator',
          });
          return item(doc.row);
        }),
      'documents.file': (i) =>
        guard(ctx, 'membaca berkas dokumen', () => {
          const row = issuedDocument(ctx, i.id);
          const f = documentFile(ctx, row);
          return {
            id: row.id,
            fileName: row.fileName,
            base64: Buffer.from(f.bytes).toString('base64'),
            sha256: sha256Hex(f.bytes),
          };
        }),
      'documents.verify': (i) =>
        guard(ctx, 'memeriksa dokumen', async () => {
          const row = issuedDocument(ctx, i.id);
          const f = documentFile(ctx, row);
          const key = ppkKeyOrNull(ctx);
          // Loaded at first use: pdf-lib is heavy and most sessions never verify a PDF.
          const { verifyPdf } = await import('../services/documents/verify-pdf');
          const v = await verifyPdf(f.bytes, key ? { expectedPublicKey: key.publicKey } : {});
          const problems = [...v.problems];
          const sha = sha256Hex(f.bytes);
          if (sha !== row.fileSha256)
            problems.unshift(`SHA-256 berkas ${sha} berbeda dengan yang tercatat saat terbit (${row.fileSha256})`);
          return { id: row.id, valid: problems.length === 0, problems };
        }),
      'documents.drives': () =>
        guard(ctx, 'mencari drive', () =>
          listMounts(driveParents()).map((root) => ({ root, label: driveLabel(root) })),
        ),
      'documents.saveToDrive': (i) =>
        guard(ctx, 'menyimpan ke drive', () => {
          const mounts = listMounts(driveParents());
          if (!mounts.includes(i.root))
            throw new DocumentError('NOT_FOUND', 'Drive tidak ditemukan; pasang ulang drive lalu coba lagi.');
          const row = issuedDocument(ctx, i.id);
          const f = documentFile(ctx, row);
          const dir = path.join(i.root, 'Pleno-Dokumen');
          mkdirSync(dir, { recursive: true });
          const target = path.join(dir, row.fileName);
          if (!existsSync(target) || sha256Hex(new Uint8Array(readFileSync(target))) !== row.fileSha256)
            copyFileSync(f.path, target);
          if (sha256Hex(new Uint8Array(readFileSync(target))) !== row.fileSha256) {
            throw new Error(`copy to ${target} does not match the recorded SHA-256`);
          }
          ctx.log.info('document saved to drive', { id: row.id, target });
          return { path: target };
        }),
    },
  };
}
