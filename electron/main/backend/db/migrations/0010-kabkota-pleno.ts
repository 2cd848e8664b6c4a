// Migration 0010: the plenary of a receiver (kab/kota) database over its kecamatan (docs/receiver-plenary.md). The
// KPU kab/kota members (ketua and anggota; their PINs live in decider_pin of 0007), the acceptance of a kecamatan's
// pushed D.Hasil (or its refusal as not acceptable), keberatan and their resolution, kejadian khusus, the lock per
// kecamatan, corrections of a kecamatan's TPS figure with their decision, and the D.Hasil Kabupaten/Kota-KWK and
// D.Kejadian Khusus issued here. Every decision names the manifest (the pushed document) it was taken on, so a newer
// push from the kecamatan is never silently covered by an older decision. Append-only and audited like the core.
import {
  auditedMigration,
  DOCUMENT_VERSION_COLUMNS,
  ISO,
  NAMA,
  OLEH_COLUMNS,
  PEMILIHAN,
  TEXT,
  type AuditedTables,
} from './sql-parts';

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

/** The pushed D.Hasil a kab/kota decision is taken on: its kecamatan, pemilihan and manifest (column width 11). */
const ON_MANIFEST = `  kecamatan  TEXT NOT NULL REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  manifest   TEXT NOT NULL REFERENCES penerima_manifest (address),`;

/** What kab_koreksi_keputusan decides on. */
const KOREKSI = '  koreksi    INTEGER NOT NULL UNIQUE REFERENCES kab_koreksi (id),';

/**
 * A kab/kota decision with two outcomes on `subject` (its column lines): the reason (alasan) may be left out only
 * for the first outcome (taking a D.Hasil, locking, approving a correction).
 */
function decisionTable(table: string, subject: string, column: string, [yes, no]: [string, string]): string {
  return `CREATE TABLE ${table} (
  id         INTEGER PRIMARY KEY,
${subject}
  ${column.padEnd(11)}TEXT NOT NULL CHECK (${column} IN ('${yes}', '${no}')),
  alasan     TEXT CHECK (alasan IS NULL OR ${TEXT('alasan')}),
${OLEH_COLUMNS},
  CHECK (${column} = '${yes}' OR alasan IS NOT NULL)
) STRICT;`;
}

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
${decisionTable('kab_penerimaan', ON_MANIFEST, 'keputusan', ['diterima', 'tidak-diterima'])}

-- Keberatan about a kecamatan (or the whole kab/kota when kecamatan is NULL) in one pemilihan.
CREATE TABLE kab_keberatan (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
  pihak      TEXT NOT NULL CHECK (${NAMA('pihak')}),
  uraian     TEXT NOT NULL CHECK (${TEXT('uraian')}),
${OLEH_COLUMNS}
) STRICT;
CREATE TABLE kab_keberatan_selesai (
  id         INTEGER PRIMARY KEY,
  keberatan  INTEGER NOT NULL UNIQUE REFERENCES kab_keberatan (id),
  hasil      TEXT NOT NULL CHECK (hasil IN ('diterima', 'ditolak')),
  alasan     TEXT NOT NULL CHECK (${TEXT('alasan')}),
${OLEH_COLUMNS}
) STRICT;

-- Kejadian khusus of the kab/kota plenary: about a kecamatan, or the whole sidang (kecamatan NULL).
CREATE TABLE kab_kejadian (
  id         INTEGER PRIMARY KEY,
  kecamatan  TEXT REFERENCES penerima_master (kecamatan),
  pemilihan  TEXT CHECK (pemilihan IS NULL OR ${PEMILIHAN('pemilihan')}),
  pihak      TEXT NOT NULL CHECK (${NAMA('pihak')}),
  uraian     TEXT NOT NULL CHECK (${TEXT('uraian')}),
${OLEH_COLUMNS}
) STRICT;

-- Lock (kunci) and unlock (buka, with a reason) of a kecamatan, on the manifest whose figures were read out.
${decisionTable('kab_kunci', ON_MANIFEST, 'aksi', ['kunci', 'buka'])}

-- A correction of one figure of one TPS in a kecamatan's pushed D.Hasil (the kecamatan and desa figures follow as
-- sums, so every number still traces to a signed record): from dari to menjadi, with its basis and reason.
CREATE TABLE kab_koreksi (
  id         INTEGER PRIMARY KEY,
${ON_MANIFEST}
  tps        TEXT NOT NULL CHECK (length(tps) = 13 AND tps NOT GLOB '*[^0-9]*' AND substr(tps, 1, 6) = kecamatan),
  bidang     TEXT NOT NULL CHECK (length(bidang) BETWEEN 3 AND 40),
  dari       INTEGER NOT NULL CHECK (dari BETWEEN 0 AND 9999),
  menjadi    INTEGER NOT NULL CHECK (menjadi BETWEEN 0 AND 9999 AND menjadi <> dari),
  dasar      TEXT NOT NULL CHECK (length(dasar) BETWEEN 3 AND 40),
  alasan     TEXT NOT NULL CHECK (${TEXT('alasan')}),
${OLEH_COLUMNS}
) STRICT;
${decisionTable('kab_koreksi_keputusan', KOREKSI, 'keputusan', ['disetujui', 'ditolak'])}

-- Documents issued at the kab/kota (D.Hasil Kabupaten/Kota-KWK, D.Kejadian Khusus): one row per version.
CREATE TABLE kab_dokumen (
  id          INTEGER PRIMARY KEY,
  doc_id      TEXT NOT NULL CHECK (length(doc_id) BETWEEN 3 AND 80),
  kind        TEXT NOT NULL CHECK (kind IN ('d-hasil-kabko', 'kejadian-kabko')),
  pemilihan   TEXT NOT NULL CHECK (${PEMILIHAN('pemilihan')}),
${DOCUMENT_VERSION_COLUMNS}
  issued_at   TEXT NOT NULL CHECK (${ISO('issued_at')}),
  issued_by   TEXT NOT NULL CHECK (${NAMA('issued_by')}),
  UNIQUE (kind, pemilihan, version)
) STRICT;
`;

export const migration = auditedMigration(10, 'kabkota-pleno', AUDITED, SQL);
