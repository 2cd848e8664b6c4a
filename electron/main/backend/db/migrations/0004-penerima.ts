// Migration 0004: the receiver (kab/kota) side of the push protocol (docs/design.md §4). A receiver database holds
// the data masters of every kecamatan of its kab/kota, its own key pair and certificate, the PPK keys registered by
// decision, and what the kecamatan pushed: manifests, objects, blobs (bytes on disk, named by hash) and the receipts
// it signed. A kecamatan database leaves these tables empty. Append-only and audited like the core tables.
import { auditedMigration, ISO, HEX64, DIGITS, NONEMPTY, type AuditedTables } from './sql-parts';

export const PENERIMA_AUDITED_TABLES: AuditedTables = [
  ['penerima', 'id'],
  ['penerima_master', 'kecamatan'],
  ['penerima_sertifikat', 'id'],
  ['penerima_ppk', 'key_id'],
  ['penerima_kunci_asing', 'id'],
  ['penerima_manifest', 'address'],
  ['penerima_objek', 'address'],
  ['penerima_berkas', 'sha256'],
  ['penerima_tanda_terima', 'id'],
];

const SQL = `
-- This database is a receiver: its kab/kota, the KPU key that signs the masters, and the receiver's own key.
CREATE TABLE penerima (
  id                INTEGER PRIMARY KEY CHECK (id = 1),
  provinsi_kode     TEXT NOT NULL CHECK (${DIGITS('provinsi_kode', 2)}),
  provinsi_nama     TEXT NOT NULL,
  kabkota_kode      TEXT NOT NULL CHECK (${DIGITS('kabkota_kode', 4)}),
  kabkota_nama      TEXT NOT NULL,
  kpu_public_key    TEXT NOT NULL,
  kpu_key_id        TEXT NOT NULL,
  key_id            TEXT NOT NULL,
  public_key        TEXT NOT NULL,
  private_key_pkcs8 TEXT NOT NULL,
  simulasi          INTEGER NOT NULL CHECK (simulasi IN (0, 1)),
  created_at        TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- One signed data master per kecamatan (envelope kept as read, sha256 = of its JCS payload).
CREATE TABLE penerima_master (
  kecamatan     TEXT PRIMARY KEY CHECK (${DIGITS('kecamatan', 6)}),
  nama          TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  sha256        TEXT NOT NULL CHECK (${HEX64('sha256')}),
  envelope_json TEXT NOT NULL,
  created_at    TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Installed certificates (pleno.penerima/1); the newest is served by GET /v1/hello.
CREATE TABLE penerima_sertifikat (
  id            INTEGER PRIMARY KEY,
  url           TEXT NOT NULL CHECK (${NONEMPTY('url')}),
  envelope_json TEXT NOT NULL,
  created_at    TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- PPK keys registered by a recorded decision: one kecamatan per key, never re-bound (the key is the primary key).
CREATE TABLE penerima_ppk (
  key_id     TEXT PRIMARY KEY CHECK (length(key_id) = 16),
  public_key TEXT NOT NULL UNIQUE,
  kecamatan  TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  alasan     TEXT NOT NULL CHECK (${NONEMPTY('alasan')}),
  actor      TEXT NOT NULL CHECK (${NONEMPTY('actor')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Unknown PPK keys that tried, once per (key, claimed kecamatan), for the operator to compare and register.
CREATE TABLE penerima_kunci_asing (
  id         INTEGER PRIMARY KEY,
  key_id     TEXT NOT NULL CHECK (length(key_id) = 16),
  public_key TEXT NOT NULL,
  kecamatan  TEXT NOT NULL CHECK (${DIGITS('kecamatan', 6)}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')}),
  UNIQUE (key_id, kecamatan)
) STRICT;

-- Manifests taken (pleno.kirim/1), addressed by sha256(JCS(envelope)).
CREATE TABLE penerima_manifest (
  address       TEXT PRIMARY KEY CHECK (${HEX64('address')}),
  kecamatan     TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  pemilihan     TEXT NOT NULL,
  urutan        INTEGER NOT NULL CHECK (urutan >= 1),
  sebelumnya    TEXT CHECK (sebelumnya IS NULL OR ${HEX64('sebelumnya')}),
  key_id        TEXT NOT NULL REFERENCES penerima_ppk (key_id),
  audit_jumlah  INTEGER NOT NULL CHECK (audit_jumlah >= 0),
  envelope_json TEXT NOT NULL,
  created_at    TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;
CREATE INDEX penerima_manifest_chain ON penerima_manifest (kecamatan, pemilihan, urutan);

-- Objects (signed envelopes), addressed by sha256(JCS(envelope)); stored as JCS text.
CREATE TABLE penerima_objek (
  address    TEXT PRIMARY KEY CHECK (${HEX64('address')}),
  jenis      TEXT NOT NULL CHECK (jenis IN ('d-hasil', 'kejadian-khusus', 'c-hasil')),
  jcs        TEXT NOT NULL,
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Blobs held whole and checked (bytes in <data>/berkas/<sha256>).
CREATE TABLE penerima_berkas (
  sha256     TEXT PRIMARY KEY CHECK (${HEX64('sha256')}),
  ukuran     INTEGER NOT NULL CHECK (ukuran >= 0),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Receipts signed (pleno.tanda-terima/1), exact bytes kept: a repeated commit answers the same bytes.
CREATE TABLE penerima_tanda_terima (
  id            INTEGER PRIMARY KEY,
  manifest      TEXT NOT NULL REFERENCES penerima_manifest (address),
  status        TEXT NOT NULL CHECK (status IN ('lengkap', 'menunggu-berkas')),
  berkas_kurang INTEGER NOT NULL CHECK (berkas_kurang >= 0),
  receipt_json  TEXT NOT NULL,
  created_at    TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;
CREATE INDEX penerima_tanda_terima_manifest ON penerima_tanda_terima (manifest, id);
`;

export const migration = auditedMigration(4, 'penerima', PENERIMA_AUDITED_TABLES, SQL);
