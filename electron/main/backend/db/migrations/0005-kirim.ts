// Migration 0005 (kirim): the kecamatan's outbox of the push to the KPU kab/kota receiver (docs/design.md §4,
// docs/kirim.md). Append-only and audited like the core tables: the installed receiver certificate, the frozen
// manifests (one per issued document, `urutan` per pemilihan), the objects and blobs they list (content-addressed,
// stored once), and every receipt received (online or carried back on a drive).
import { auditedMigration, ISO, HEX64, type AuditedTables } from './sql-parts';

export const KIRIM_AUDITED_TABLES: AuditedTables = [
  ['kirim_penerima', 'id'],
  ['kirim_objek', 'sha256'],
  ['kirim_berkas', 'sha256'],
  ['kirim_manifest', 'id'],
  ['kirim_tanda_terima', 'id'],
];

const SQL = `
-- Receiver certificates installed by the PPK (pleno.penerima/1 envelope as JSON text); the newest row is in use.
CREATE TABLE kirim_penerima (
  id               INTEGER PRIMARY KEY,
  sertifikat_json  TEXT NOT NULL,
  kabkota          TEXT NOT NULL CHECK (length(kabkota) = 4),
  url              TEXT NOT NULL CHECK (length(url) BETWEEN 8 AND 2000),
  public_key       TEXT NOT NULL CHECK (length(public_key) = 43),
  fingerprint      TEXT NOT NULL CHECK (length(fingerprint) = 16),
  installed_at     TEXT NOT NULL CHECK (${ISO('installed_at')}),
  installed_by     TEXT NOT NULL CHECK (length(trim(installed_by)) > 0)
) STRICT;

-- Objects (signed envelopes), addressed by sha256 of envelope_json, which is exactly JCS(envelope).
CREATE TABLE kirim_objek (
  sha256         TEXT PRIMARY KEY CHECK (${HEX64('sha256')}),
  jenis          TEXT NOT NULL CHECK (jenis IN ('d-hasil', 'kejadian-khusus', 'c-hasil')),
  ukuran         INTEGER NOT NULL CHECK (ukuran > 0),
  envelope_json  TEXT NOT NULL
) STRICT;

-- Blobs (PDFs, photos): the bytes stay where they are kept; lokasi is relative to the data folder.
CREATE TABLE kirim_berkas (
  sha256  TEXT PRIMARY KEY CHECK (${HEX64('sha256')}),
  jenis   TEXT NOT NULL CHECK (jenis IN ('pdf', 'foto')),
  ukuran  INTEGER NOT NULL CHECK (ukuran > 0),
  mime    TEXT NOT NULL,
  lokasi  TEXT NOT NULL CHECK (lokasi NOT LIKE '%..%' AND lokasi NOT LIKE '/%')
) STRICT;

-- Frozen manifests (pleno.kirim/1 envelope, JCS text; sha256 = its address), written with the document they carry.
CREATE TABLE kirim_manifest (
  id             INTEGER PRIMARY KEY,
  sha256         TEXT NOT NULL UNIQUE CHECK (${HEX64('sha256')}),
  pemilihan      TEXT NOT NULL REFERENCES pemilihan (id),
  urutan         INTEGER NOT NULL CHECK (urutan >= 1),
  sebelumnya     TEXT CHECK (sebelumnya IS NULL OR ${HEX64('sebelumnya')}),
  document_id    INTEGER NOT NULL REFERENCES document (id),
  envelope_json  TEXT NOT NULL,
  created_at     TEXT NOT NULL CHECK (${ISO('created_at')}),
  UNIQUE (pemilihan, urutan)
) STRICT;

-- Receipts (pleno.tanda-terima/1 envelope as received), verified before stored; a later row may upgrade
-- menunggu-berkas to lengkap. via: 'online' (answer of a commit) or 'berkas' (file carried back).
CREATE TABLE kirim_tanda_terima (
  id              INTEGER PRIMARY KEY,
  manifest_sha256 TEXT NOT NULL REFERENCES kirim_manifest (sha256),
  status          TEXT NOT NULL CHECK (status IN ('lengkap', 'menunggu-berkas')),
  berkas_kurang   INTEGER NOT NULL CHECK (berkas_kurang >= 0),
  audit_jumlah    INTEGER NOT NULL CHECK (audit_jumlah >= 0),
  audit_kepala    TEXT NOT NULL CHECK (${HEX64('audit_kepala')}),
  diterima        TEXT NOT NULL,
  envelope_json   TEXT NOT NULL,
  via             TEXT NOT NULL CHECK (via IN ('online', 'berkas')),
  stored_at       TEXT NOT NULL CHECK (${ISO('stored_at')})
) STRICT;
CREATE INDEX kirim_tanda_terima_manifest ON kirim_tanda_terima (manifest_sha256, id);
`;

export const migration = auditedMigration(5, 'kirim', KIRIM_AUDITED_TABLES, SQL);
