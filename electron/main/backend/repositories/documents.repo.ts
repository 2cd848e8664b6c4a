// SQL of issued documents (table `document`, migration 0003): audited insert and lists. Append-only.
import type { Db } from '../context';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';
import type { DocumentItem } from '../../../../shared/contracts/documents.contract';

/** A row of `document` is what the contract lists (DocumentItem); the insert has no id yet. */
export type DocumentRow = DocumentItem;
export type NewDocumentRow = Omit<DocumentItem, 'id'>;

function toRow(r: Record<string, unknown>): DocumentRow {
  const c = camelRow<Omit<DocumentRow, 'final' | 'simulasi'> & { final: number; simulasi: number }>(r);
  return { ...c, final: c.final === 1, simulasi: c.simulasi === 1 };
}

/** Inserts the row and its audit entry; must run inside the service's transaction. */
export function insertDocument(db: WritableDb, d: NewDocumentRow): DocumentRow {
  const id = insertAudited(
    db,
    'document',
    {
      doc_id: d.docId,
      kind: d.kind,
      pemilihan: d.pemilihan,
      version: d.version,
      final: d.final ? 1 : 0,
      simulasi: d.simulasi ? 1 : 0,
      paper: d.paper,
      pages: d.pages,
      data_sha256: d.dataSha256,
      file_sha256: d.fileSha256,
      file_name: d.fileName,
      signer: d.signer,
      reason: d.reason,
      issued_at: d.issuedAt,
      issued_by: d.issuedBy,
    },
    { actor: d.issuedBy, action: d.final ? 'document.issue-final' : 'document.issue-draft', at: d.issuedAt },
  );
  return { id: Number(id), ...d };
}

export function listDocuments(db: Db, f: { pemilihan?: string; kind?: string } = {}): DocumentRow[] {
  const w: string[] = [];
  const args: string[] = [];
  if (f.pemilihan !== undefined) {
    w.push('pemilihan = ?');
    args.push(f.pemilihan);
  }
  if (f.kind !== undefined) {
    w.push('kind = ?');
    args.push(f.kind);
  }
  const sql = `SELECT * FROM document ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY id`;
  return (stmt(db, sql).all(...args) as Record<string, unknown>[]).map(toRow);
}

export function getDocument(db: Db, id: number): DocumentRow | undefined {
  const r = stmt(db, 'SELECT * FROM document WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  return r ? toRow(r) : undefined;
}

/** Highest version issued so far for (kind, pemilihan), 0 if none. */
export function latestVersion(db: Db, kind: string, pemilihan: string): number {
  const r = stmt(db, 'SELECT MAX(version) AS v FROM document WHERE kind = ? AND pemilihan = ?').get(
    kind,
    pemilihan,
  ) as {
    v: number | null;
  };
  return r.v ?? 0;
}
