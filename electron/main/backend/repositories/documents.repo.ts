// SQL of issued documents (table `document`, migration 0003): audited insert and lists. Append-only.
import type { Db } from '../context';
import { insertFields, oneOf, rowsOf, whereOf } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';
import type { DocumentItem } from '../../../../shared/contracts/documents.contract';

/** A row of `document` is what the contract lists (DocumentItem); the insert has no id yet. */
export type DocumentRow = DocumentItem;
export type NewDocumentRow = Omit<DocumentItem, 'id'>;

type StoredDocument = Omit<DocumentRow, 'final' | 'simulasi'> & { final: number; simulasi: number };
const flags = (c: StoredDocument): DocumentRow => ({ ...c, final: c.final === 1, simulasi: c.simulasi === 1 });

/** Inserts the row and its audit entry; must run inside the service's transaction. */
export function insertDocument(db: WritableDb, d: NewDocumentRow): DocumentRow {
  const id = insertFields(
    db,
    'document',
    { ...d, final: d.final ? 1 : 0, simulasi: d.simulasi ? 1 : 0 },
    { actor: d.issuedBy, action: d.final ? 'document.issue-final' : 'document.issue-draft', at: d.issuedAt },
  );
  return { id, ...d };
}

export function listDocuments(db: Db, f: { pemilihan?: string; kind?: string } = {}): DocumentRow[] {
  const w = whereOf([
    ['pemilihan = ?', f.pemilihan],
    ['kind = ?', f.kind],
  ]);
  return rowsOf<StoredDocument>(stmt(db, `SELECT * FROM document ${w.sql} ORDER BY id`).all(...w.args)).map(flags);
}

export function getDocument(db: Db, id: number): DocumentRow | undefined {
  const r = oneOf<StoredDocument>(stmt(db, 'SELECT * FROM document WHERE id = ?').get(id));
  return r ? flags(r) : undefined;
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
