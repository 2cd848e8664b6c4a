// Migration 0002: issued documents (D.Hasil Kecamatan, D.Kejadian Khusus). One row per issued version; a reissue is a
// new row with the next version and its reason; nothing is updated or deleted (earlier versions and their files stay
// under <dataDir>/documents/). Audited and append-only like the core tables.
import type { Migration } from '../migrate';
import { appendOnlyTriggers, auditRegistration, DOCUMENT_VERSION_COLUMNS } from './sql-parts';

const SQL = `
CREATE TABLE document (
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL CHECK (length(doc_id) BETWEEN 3 AND 80),
  kind        TEXT NOT NULL CHECK (kind IN ('d-hasil', 'kejadian-khusus')),
  pemilihan   TEXT NOT NULL REFERENCES pemilihan (id),
${DOCUMENT_VERSION_COLUMNS}
  issued_at   TEXT NOT NULL CHECK (length(issued_at) BETWEEN 10 AND 40),
  issued_by   TEXT NOT NULL CHECK (length(trim(issued_by)) > 0),
  UNIQUE (kind, pemilihan, version)
) STRICT;
CREATE INDEX document_by_pemilihan ON document (pemilihan, kind, version);
${appendOnlyTriggers('document')}
`;

export const migration: Migration = {
  version: 2,
  name: 'documents',
  audited: [['document', 'id']],
  up(db) {
    db.exec(SQL);
    auditRegistration(db).run('document', 'id');
  },
};
