// Migration 0010: the plenary of a receiver (kab/kota) database over its kecamatan (docs/receiver-plenary.md). The
// KPU kab/kota members (ketua and anggota; their PINs live in decider_pin of 0007), the acceptance of a kecamatan's
// pushed D.Hasil (or its refusal as not acceptable), keberatan and their resolution, kejadian khusus, the lock per
// kecamatan, corrections of a kecamatan's TPS figure with their decision, and the D.Hasil Kabupaten/Kota-KWK and
// D.Kejadian Khusus issued here. Every decision names the manifest (the pushed document) it was taken on, so a newer
// push from the kecamatan is never silently covered by an older decision. Append-only and audited like the core.
import { auditedMigration, ISO, HEX64, NAMA, TEXT, PEMILIHAN, type AuditedTables } from './sql-parts';

const AUDITED: AuditedTables = [
  ['kab_anggota', 'id'],
  ['kab_penerimaan', 'id'],
  ['kab_keberatan', 'id'],
  ['kab_keberatan_selesai', 'id'],
  ['kab_kejadian', 'id'],
  ['kab_kunci', 'id'],
  ['kab_koreksi', 'id'],
  ['kab_koreksi_keputusan', 'id'],
  ['kab_dokumen', 'id'],
];

const SQL = `
-- KPU kab/kota members who sit in the plenary: one ketua, anggota. Named in the decisions they take.
CREATE TABLE kab_anggota (
  id         INTEGER PRIMARY KEY,
  nama       TEXT NOT NULL UNIQUE CHECK (${NAMA('nama')}),
  jabatan    TEXT NOT NULL CHECK (jabatan IN ('ketua', 'anggota')),
  actor      TEXT NOT NULL CHECK (${NAMA('actor')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;
CREATE UNIQUE INDEX kab_anggota_satu_ketua ON kab_anggota (jabatan) WHERE jabatan = 'ketua';

-- The plenary takes a kecamatan's pushed D.Hasil (diterima, only a final one) or records it as not acceptable.
CREATE TABLE kab_penerimaan (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  manifest   TEXT NOT NULL REFERENCES penerima_manifest (address),
  keputusan  TEXT NOT NULL CHECK (keputusan IN ('diterima', 'tidak-diterima')),
  alasan     TEXT CHECK (alasan IS NULL OR ${TEXT('alasan')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')}),
  CHECK (keputusan = 'diterima' OR alasan IS NOT NULL)
) STRICT;

-- Keberatan about a kecamatan (or the whole kab/kota when kecamatan is NULL) in one pemilihan.
CREATE TABLE kab_keberatan (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  pihak      TEXT NOT NULL CHECK (${NAMA('pihak')}),
  uraian     TEXT NOT NULL CHECK (${TEXT('uraian')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;
CREATE TABLE kab_keberatan_selesai (
  id         INTEGER PRIMARY KEY,
  keberatan  INTEGER NOT NULL UNIQUE REFERENCES kab_keberatan (id),
  hasil      TEXT NOT NULL CHECK (hasil IN ('diterima', 'ditolak')),
  alasan     TEXT NOT NULL CHECK (${TEXT('alasan')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Kejadian khusus of the kab/kota plenary: about a kecamatan, or the whole sidang (kecamatan NULL).
CREATE TABLE kab_kejadian (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT CHECK (pemilihan IS NULL OR ${PEMILIHAN('pemilihan')}),
  pihak      TEXT NOT NULL CHECK (${NAMA('pihak')}),
  uraian     TEXT NOT NULL CHECK (${TEXT('uraian')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Lock (kunci) and unlock (buka, with a reason) of a kecamatan, on the manifest whose figures were read out.
CREATE TABLE kab_kunci (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  manifest   TEXT NOT NULL REFERENCES penerima_manifest (address),
  aksi       TEXT NOT NULL CHECK (aksi IN ('kunci', 'buka')),
  alasan     TEXT CHECK (alasan IS NULL OR ${TEXT('alasan')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')}),
  CHECK (aksi = 'kunci' OR alasan IS NOT NULL)
) STRICT;

-- A correction of one figure of one TPS in a kecamatan's pushed D.Hasil (the kecamatan and desa figures follow as
-- sums, so every number still traces to a signed record): from dari to menjadi, with its basis and reason.
CREATE TABLE kab_koreksi (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  manifest   TEXT NOT NULL REFERENCES penerima_manifest (address),
  tps        TEXT NOT NULL CHECK (length(tps) = 13 AND tps NOT GLOB '*[^0-9]*' AND substr(tps, 1, 6) = kecamatan),
  bidang     TEXT NOT NULL CHECK (length(bidang) BETWEEN 3 AND 40),
  dari       INTEGER NOT NULL CHECK (dari BETWEEN 0 AND 9999),
  menjadi    INTEGER NOT NULL CHECK (menjadi BETWEEN 0 AND 9999 AND menjadi <> dari),
  dasar      TEXT NOT NULL CHECK (length(dasar) BETWEEN 3 AND 40),
  alasan     TEXT NOT NULL CHECK (${TEXT('alasan')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;
CREATE TABLE kab_koreksi_keputusan (
  id         INTEGER PRIMARY KEY,
  koreksi    INTEGER NOT NULL UNIQUE REFERENCES kab_koreksi (id),
  keputusan  TEXT NOT NULL CHECK (keputusan IN ('disetujui', 'ditolak')),
  alasan     TEXT CHECK (alasan IS NULL OR ${TEXT('alasan')}),
  oleh       TEXT NOT NULL CHECK (${NAMA('oleh')}),
  created_at TEXT NOT NULL CHECK (${ISO('created_at')}),
  CHECK (keputusan = 'disetujui' OR alasan IS NOT NULL)
) STRICT;

-- Documents issued at the kab/kota (D.Hasil Kabupaten/Kota-KWK, D.Kejadian Khusus): one row per version.
CREATE TABLE kab_dokumen (
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL CHECK (length(doc_id) BETWEEN 3 AND 80),
  kind        TEXT NOT NULL CHECK (kind IN ('d-hasil-kabko', 'kejadian-kabko')),
  pemilihan   TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  version     INTEGER NOT NULL CHECK (version >= 1),
  final       INTEGER NOT NULL CHECK (final IN (0, 1)),
  simulasi    INTEGER NOT NULL CHECK (simulasi IN (0, 1)),
  paper       TEXT NOT NULL CHECK (paper IN ('a4', 'f4')),
  pages       INTEGER NOT NULL CHECK (pages >= 1),
  data_sha256 TEXT NOT NULL CHECK ${HEX64('data_sha256')},
  file_sha256 TEXT NOT NULL CHECK ${HEX64('file_sha256')},
  file_name   TEXT NOT NULL CHECK (file_name NOT LIKE '%/%' AND file_name NOT LIKE '%\\%' AND length(file_name) > 4),
  signer      TEXT NOT NULL,
  reason      TEXT,
  issued_at   TEXT NOT NULL CHECK (${ISO('issued_at')}),
  issued_by   TEXT NOT NULL CHECK (${NAMA('issued_by')}),
  UNIQUE (kind, pemilihan, version)
) STRICT;
`;

export const migration = auditedMigration(10, 'kabkota-pleno', AUDITED, SQL);
