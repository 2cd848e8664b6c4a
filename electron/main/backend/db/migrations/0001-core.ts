// Migration 0001: the core schema — kecamatan data master, keys, submissions, photos, quarantine log, audit chain,
// and the plenary tables (acceptances, conflict choices, corrections + decisions, objections + resolutions,
// kejadian khusus, lock events, operator sessions, delegations).
//
// Principles (docs/design.md §1, docs/conventions.md habit 5):
// - STRICT tables, foreign keys, CHECK constraints on every closed set and code shape.
// - Append-only: every table below except `audit_table` is audited, and every table (audit included) carries
//   BEFORE UPDATE / BEFORE DELETE triggers that abort. The triggers guard against the app's own bugs; tampering
//   with the file from outside (sqlite3 CLI, dropping a trigger first) is detected by `verifyAudit`.
// - Audited rows must be JSON-canonicalisable as stored: no BLOB, no REAL columns (row hash = SHA-256(JCS(row))).
// - Each audited table has exactly one audit entry per row (the INSERT); `audit_table` lists them with their
//   primary-key column. Later migrations that add audited tables INSERT a row into `audit_table` and add the
//   same two triggers with `appendOnlyTriggers(name)` (sql-parts.ts).
// - "Current" state (status of a TPS, lock state of a desa, counted version) is always derived from these rows.
//
// SIMULASI: `meta.simulasi` is 1 when any pemilihan nama in the data master contains "SIMULASI" (case-insensitive).
// The demo generator puts "SIMULASI" in every pemilihan nama, so every demo database is marked; a real KPU master
// never contains the word. The UI and documents show the SIMULASI mark from this flag.
import type { Migration } from '../migrate';
import {
  appendOnlyTriggers,
  auditRegistration,
  decidedColumns,
  DIGITS,
  HEX64,
  ISO,
  NONEMPTY,
  type AuditedTables,
} from './sql-parts';

/** Audited core tables and their primary-key column (also inserted into `audit_table`). */
export const CORE_AUDITED_TABLES: AuditedTables = [
  ['master', 'id'],
  ['meta', 'id'],
  ['desa', 'kode'],
  ['tps', 'kode'],
  ['pemilihan', 'id'],
  ['pilihan', 'id'],
  ['ppk_member', 'id'],
  ['perangkat', 'id'],
  ['ppk_key', 'id'],
  ['photo', 'sha256'],
  ['submission', 'id'],
  ['submission_photo', 'id'],
  ['quarantine_log', 'id'],
  ['acceptance', 'id'],
  ['conflict_choice', 'id'],
  ['correction', 'id'],
  ['correction_decision', 'id'],
  ['objection', 'id'],
  ['objection_resolution', 'id'],
  ['kejadian_khusus', 'id'],
  ['lock_event', 'id'],
  ['operator_session', 'id'],
  ['delegation', 'id'],
];

// Shapes reused in CHECKs of this migration only (the shared ones are in sql-parts.ts).
const COUNT = (col: string) => `${col} INTEGER NOT NULL CHECK (${col} BETWEEN 0 AND 9999)`;
const PEMILIHAN_ID = (col: string) => `${col} IN ('gubernur', 'bupati', 'walikota')`;

const SQL = `
-- Registry of audited tables: verifyAudit checks every row of each has exactly one audit entry.
CREATE TABLE audit_table (
  name TEXT PRIMARY KEY,
  pk   TEXT NOT NULL
) STRICT;

-- The hash chain. entry = { seq, at, actor, action, entity, entityId, rowHash } (JCS, keys as named here);
-- hash = SHA-256( prev_hash (64 lowercase hex chars, ASCII) ‖ JCS(entry) ); the first prev_hash is 64 zeros.
-- row_hash = SHA-256(JCS(the audited row as SELECT * returns it)); entity/entity_id/row_hash are NULL for
-- entries that record an action without a row (e.g. an import run summary).
CREATE TABLE audit (
  seq       INTEGER PRIMARY KEY CHECK (seq >= 1),
  at        TEXT NOT NULL CHECK (${ISO('at')}),
  actor     TEXT NOT NULL CHECK (${NONEMPTY('actor')}),
  action    TEXT NOT NULL CHECK (${NONEMPTY('action')}),
  entity    TEXT,
  entity_id TEXT,
  row_hash  TEXT CHECK (row_hash IS NULL OR ${HEX64('row_hash')}),
  prev_hash TEXT NOT NULL CHECK (${HEX64('prev_hash')}),
  hash      TEXT NOT NULL UNIQUE CHECK (${HEX64('hash')}),
  CHECK ((entity IS NULL) = (entity_id IS NULL) AND (entity IS NULL) = (row_hash IS NULL))
) STRICT;
CREATE INDEX audit_entity ON audit (entity, entity_id);
CREATE INDEX audit_action ON audit (action, seq);

-- The signed data master exactly as received (file text), with the hash of JCS(payload) and the signer.
CREATE TABLE master (
  id                 INTEGER PRIMARY KEY,
  envelope_json      TEXT NOT NULL,
  payload_sha256     TEXT NOT NULL UNIQUE CHECK (${HEX64('payload_sha256')}),
  signer_public_key  TEXT NOT NULL CHECK (length(signer_public_key) = 43),
  signer_fingerprint TEXT NOT NULL CHECK (length(signer_fingerprint) = 16 AND signer_fingerprint NOT GLOB '*[^0-9a-f]*'),
  file_name          TEXT NOT NULL,
  imported_at        TEXT NOT NULL CHECK (${ISO('imported_at')})
) STRICT;

-- One row: the kecamatan this database is for. Its existence means "initialised"; a different master is refused.
CREATE TABLE meta (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  master_id      INTEGER NOT NULL UNIQUE REFERENCES master (id),
  provinsi_kode  TEXT NOT NULL CHECK (${DIGITS('provinsi_kode', 2)}),
  provinsi_nama  TEXT NOT NULL,
  kabkota_kode   TEXT NOT NULL CHECK (${DIGITS('kabkota_kode', 4)}),
  kabkota_nama   TEXT NOT NULL,
  kecamatan_kode TEXT NOT NULL CHECK (${DIGITS('kecamatan_kode', 6)}),
  kecamatan_nama TEXT NOT NULL,
  simulasi       INTEGER NOT NULL CHECK (simulasi IN (0, 1)),
  created_at     TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Wilayah and elections from the master; urutan = position in the master (documents and recap keep it).
CREATE TABLE desa (
  kode   TEXT PRIMARY KEY CHECK (${DIGITS('kode', 10)}),
  nama   TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  urutan INTEGER NOT NULL UNIQUE CHECK (urutan >= 0)
) STRICT;

CREATE TABLE tps (
  kode  TEXT PRIMARY KEY CHECK (${DIGITS('kode', 13)}),
  desa  TEXT NOT NULL REFERENCES desa (kode),
  nomor INTEGER NOT NULL CHECK (nomor BETWEEN 1 AND 999),
  ${COUNT('dpt_l')},
  ${COUNT('dpt_p')},
  UNIQUE (desa, nomor),
  CHECK (substr(kode, 1, 10) = desa)
) STRICT;

CREATE TABLE pemilihan (
  id      TEXT PRIMARY KEY CHECK (${PEMILIHAN_ID('id')}),
  nama    TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  wilayah TEXT NOT NULL CHECK (length(wilayah) IN (2, 4) AND wilayah NOT GLOB '*[^0-9]*'),
  urutan  INTEGER NOT NULL UNIQUE CHECK (urutan >= 0)
) STRICT;

-- Choices in nomor urut order; a kolom kosong is kind 'kolom-kosong' (always the last choice).
CREATE TABLE pilihan (
  id        INTEGER PRIMARY KEY,
  pemilihan TEXT NOT NULL REFERENCES pemilihan (id),
  nomor     INTEGER NOT NULL CHECK (nomor BETWEEN 1 AND 99),
  nama      TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  kind      TEXT NOT NULL CHECK (kind IN ('paslon', 'kolom-kosong')),
  UNIQUE (pemilihan, nomor)
) STRICT;

CREATE TABLE ppk_member (
  id      INTEGER PRIMARY KEY,
  nama    TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  jabatan TEXT NOT NULL,
  urutan  INTEGER NOT NULL UNIQUE CHECK (urutan >= 0)
) STRICT;

-- KPPS devices allowed to submit for a TPS: from the master, or added later by a recorded PPK decision
-- (then reason, decided_by are required). A device id may be registered again with a new key by decision.
CREATE TABLE perangkat (
  id         INTEGER PRIMARY KEY,
  device_id  TEXT NOT NULL CHECK (${NONEMPTY('device_id')}),
  tps        TEXT NOT NULL REFERENCES tps (kode),
  public_key TEXT NOT NULL CHECK (length(public_key) = 43),
  source     TEXT NOT NULL CHECK (source IN ('master', 'ppk-decision')),
  reason     TEXT,
  decided_by TEXT,
  added_at   TEXT NOT NULL CHECK (${ISO('added_at')}),
  UNIQUE (device_id, public_key),
  CHECK (source = 'master' OR (reason IS NOT NULL AND ${NONEMPTY('reason')} AND decided_by IS NOT NULL))
) STRICT;
CREATE INDEX perangkat_device ON perangkat (device_id);

-- The PPK laptop's Ed25519 key, generated at init (signs receipts, manual entries, documents).
-- key_id = fingerprint (first 16 hex of SHA-256 of the raw public key). The first row is the key in use.
CREATE TABLE ppk_key (
  id                  INTEGER PRIMARY KEY,
  key_id              TEXT NOT NULL UNIQUE CHECK (length(key_id) = 16 AND key_id NOT GLOB '*[^0-9a-f]*'),
  public_key          TEXT NOT NULL CHECK (length(public_key) = 43),
  private_key_pkcs8   TEXT NOT NULL,
  created_at          TEXT NOT NULL CHECK (${ISO('created_at')})
) STRICT;

-- Content-addressed photos: the file is <dataDir>/photos/<sha256>.<ext>; a row exists once the file is on disk.
CREATE TABLE photo (
  sha256        TEXT PRIMARY KEY CHECK (${HEX64('sha256')}),
  ext           TEXT NOT NULL CHECK (ext IN ('jpg', 'png')),
  size          INTEGER NOT NULL CHECK (size > 0),
  source        TEXT NOT NULL,
  first_seen_at TEXT NOT NULL CHECK (${ISO('first_seen_at')})
) STRICT;

-- Every received C.Hasil record, as received. sha256 = SHA-256(JCS(payload)) (the receipt hash of docs/design.md §3.5).
-- outcome: 'diterima' when it was the first for its TPS+pemilihan, 'konflik' when another with a different
-- hash was already held (kept, flagged, never replacing the first). Exact duplicates are not stored again.
-- counts_json = JCS of the CHasilCounts part (pemilih, pengguna, disabilitas, suratSuara, suara), for fast recap.
-- channel 'manual': entered at the PPK, signed by the PPK key (device_key_id = ppk_key.key_id).
CREATE TABLE submission (
  id             INTEGER PRIMARY KEY,
  tps            TEXT NOT NULL REFERENCES tps (kode),
  pemilihan      TEXT NOT NULL REFERENCES pemilihan (id),
  sha256         TEXT NOT NULL CHECK (${HEX64('sha256')}),
  envelope_json  TEXT NOT NULL,
  counts_json    TEXT NOT NULL,
  device_key_id  TEXT NOT NULL,
  dibuat         TEXT NOT NULL,
  channel        TEXT NOT NULL CHECK (channel IN ('file', 'qr', 'lan', 'manual')),
  source_name    TEXT NOT NULL,
  outcome        TEXT NOT NULL CHECK (outcome IN ('diterima', 'konflik')),
  received_at    TEXT NOT NULL CHECK (${ISO('received_at')}),
  UNIQUE (tps, pemilihan, sha256)
) STRICT;
CREATE INDEX submission_tps ON submission (pemilihan, tps, id);

-- The photos a submission references (payload.foto). No FK to photo: a photo may arrive later (QR first, file
-- after) and is matched by hash.
CREATE TABLE submission_photo (
  id            INTEGER PRIMARY KEY,
  submission_id INTEGER NOT NULL REFERENCES submission (id),
  lembar        INTEGER NOT NULL CHECK (lembar BETWEEN 1 AND 99),
  sha256        TEXT NOT NULL CHECK (${HEX64('sha256')}),
  UNIQUE (submission_id, lembar, sha256)
) STRICT;
CREATE INDEX submission_photo_sha ON submission_photo (sha256);

-- Rejected input: the bytes are copied to <dataDir>/quarantine/<stored_name> with <stored_name>.reason.txt beside.
CREATE TABLE quarantine_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL CHECK (${ISO('at')}),
  name        TEXT NOT NULL,
  stored_name TEXT NOT NULL UNIQUE,
  channel     TEXT NOT NULL,
  size        INTEGER NOT NULL CHECK (size >= 0),
  sha256      TEXT NOT NULL CHECK (${HEX64('sha256')}),
  reason      TEXT NOT NULL CHECK (${NONEMPTY('reason')})
) STRICT;

-- ===== Plenary tables (rapat pleno). All decisions are new rows; "current" is derived (latest row wins). =====
-- Common columns: decided_by/proposed_by/recorded_by = the operator's name at the time (operator_session),
-- decided_as = 'ketua' when the ketua PPK decided, 'delegate' when an anggota with a delegation did.

-- A TPS result accepted as read (status 'sesuai'): which submission. override_reason is required by the plenary
-- service when the accepted version had rule errors (accepted with a recorded reason, docs/domain.md §2).
-- A later acceptance for the same TPS+pemilihan supersedes an earlier one (e.g. after unlocking).
CREATE TABLE acceptance (
  id              INTEGER PRIMARY KEY,
  tps             TEXT NOT NULL REFERENCES tps (kode),
  pemilihan       TEXT NOT NULL REFERENCES pemilihan (id),
  submission_id   INTEGER NOT NULL REFERENCES submission (id),
  override_reason TEXT CHECK (override_reason IS NULL OR ${NONEMPTY('override_reason')}),
${decidedColumns(16, 'with-operator')}
) STRICT;
CREATE INDEX acceptance_tps ON acceptance (pemilihan, tps, id);

-- For a TPS with differing submissions (konflik): the submission the plenary chose as the one that counts.
-- Settles the konflik flag; acceptance (or a correction) then settles the status. Latest choice wins.
CREATE TABLE conflict_choice (
  id            INTEGER PRIMARY KEY,
  tps           TEXT NOT NULL REFERENCES tps (kode),
  pemilihan     TEXT NOT NULL REFERENCES pemilihan (id),
  submission_id INTEGER NOT NULL REFERENCES submission (id),
  reason        TEXT NOT NULL CHECK (${NONEMPTY('reason')}),
${decidedColumns(14, 'with-operator')}
) STRICT;
CREATE INDEX conflict_choice_tps ON conflict_choice (pemilihan, tps, id);

-- A proposed correction: the full new counts (JCS of CHasilCounts), based on exactly one version — a submission
-- (base_submission_id) or an earlier correction (base_correction_id). changed_fields_json = JSON array of field
-- paths ('suara.paslon.2', 'pemilih.jumlah.l'). basis = the document the figure comes from (e.g. 'salinan-saksi',
-- 'salinan-panwascam', 'buka-kotak', 'hitung-ulang', free text allowed). evidence_photo = photo of the corrected
-- sheet (stored in photo first). It counts only once approved (correction_decision).
CREATE TABLE correction (
  id                  INTEGER PRIMARY KEY,
  tps                 TEXT NOT NULL REFERENCES tps (kode),
  pemilihan           TEXT NOT NULL REFERENCES pemilihan (id),
  base_submission_id  INTEGER REFERENCES submission (id),
  base_correction_id  INTEGER REFERENCES correction (id),
  counts_json         TEXT NOT NULL,
  changed_fields_json TEXT NOT NULL,
  reason              TEXT NOT NULL CHECK (${NONEMPTY('reason')}),
  basis               TEXT NOT NULL CHECK (${NONEMPTY('basis')}),
  evidence_photo      TEXT REFERENCES photo (sha256),
  proposed_by         TEXT NOT NULL CHECK (${NONEMPTY('proposed_by')}),
  proposed_at         TEXT NOT NULL CHECK (${ISO('proposed_at')}),
  CHECK ((base_submission_id IS NULL) <> (base_correction_id IS NULL))
) STRICT;
CREATE INDEX correction_tps ON correction (pemilihan, tps, id);

-- The decision on a correction: at most one per correction (proposed → approved | rejected).
CREATE TABLE correction_decision (
  id            INTEGER PRIMARY KEY,
  correction_id INTEGER NOT NULL UNIQUE REFERENCES correction (id),
  decision      TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
  reason        TEXT,
${decidedColumns(14, 'ketua-delegate')},
  CHECK (decision = 'approved' OR (reason IS NOT NULL AND ${NONEMPTY('reason')}))
) STRICT;

-- Keberatan: by a saksi, Panwascam or PPK about a TPS, a desa or a procedure. raised_by_json, e.g.
-- {"peran":"saksi","paslon":2,"nama":"..."} | {"peran":"panwascam","nama":"..."} | {"peran":"ppk","nama":"..."}.
-- pemilihan NULL = concerns both/all. Open until it has a resolution.
CREATE TABLE objection (
  id             INTEGER PRIMARY KEY,
  scope          TEXT NOT NULL CHECK (scope IN ('tps', 'desa', 'prosedur')),
  tps            TEXT REFERENCES tps (kode),
  desa           TEXT REFERENCES desa (kode),
  pemilihan      TEXT REFERENCES pemilihan (id),
  raised_by_json TEXT NOT NULL,
  text           TEXT NOT NULL CHECK (${NONEMPTY('text')}),
  raised_at      TEXT NOT NULL CHECK (${ISO('raised_at')}),
  recorded_by    TEXT NOT NULL CHECK (${NONEMPTY('recorded_by')}),
  CHECK ((scope = 'tps' AND tps IS NOT NULL AND desa = substr(tps, 1, 10))
      OR (scope = 'desa' AND tps IS NULL AND desa IS NOT NULL)
      OR (scope = 'prosedur' AND tps IS NULL))
) STRICT;
CREATE INDEX objection_desa ON objection (desa, tps);

-- How a keberatan was settled: diterima (→ a correction or recount, optionally linked) or ditolak with reasons.
CREATE TABLE objection_resolution (
  id            INTEGER PRIMARY KEY,
  objection_id  INTEGER NOT NULL UNIQUE REFERENCES objection (id),
  outcome       TEXT NOT NULL CHECK (outcome IN ('diterima', 'ditolak')),
  reason        TEXT NOT NULL CHECK (${NONEMPTY('reason')}),
  correction_id INTEGER REFERENCES correction (id),
${decidedColumns(14, 'ketua-delegate')}
) STRICT;

-- Kejadian khusus (for Model D.Kejadian Khusus): what happened, when, where, who.
CREATE TABLE kejadian_khusus (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL CHECK (${ISO('at')}),
  tps         TEXT REFERENCES tps (kode),
  desa        TEXT REFERENCES desa (kode),
  pemilihan   TEXT REFERENCES pemilihan (id),
  who         TEXT NOT NULL CHECK (${NONEMPTY('who')}),
  text        TEXT NOT NULL CHECK (${NONEMPTY('text')}),
  recorded_by TEXT NOT NULL CHECK (${NONEMPTY('recorded_by')}),
  recorded_at TEXT NOT NULL CHECK (${ISO('recorded_at')}),
  CHECK (tps IS NULL OR desa = substr(tps, 1, 10))
) STRICT;

-- Locking a desa (desa NOT NULL) or finalising the pemilihan for the kecamatan (desa NULL); unlocking needs a
-- reason. Current state of a (pemilihan, desa) = its latest event.
CREATE TABLE lock_event (
  id         INTEGER PRIMARY KEY,
  pemilihan  TEXT NOT NULL REFERENCES pemilihan (id),
  desa       TEXT REFERENCES desa (kode),
  action     TEXT NOT NULL CHECK (action IN ('lock', 'unlock')),
  reason     TEXT,
${decidedColumns(11, 'ketua-delegate')},
  CHECK (action = 'lock' OR (reason IS NOT NULL AND ${NONEMPTY('reason')}))
) STRICT;
CREATE INDEX lock_event_key ON lock_event (pemilihan, desa, id);

-- Who is operating the app now: each row is a hand-over (the latest row is the current operator).
-- jabatan: 'ketua' | 'anggota' | 'operator' (secretariat).
CREATE TABLE operator_session (
  id         INTEGER PRIMARY KEY,
  nama       TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  jabatan    TEXT NOT NULL CHECK (jabatan IN ('ketua', 'anggota', 'operator')),
  started_at TEXT NOT NULL CHECK (${ISO('started_at')})
) STRICT;

-- The ketua delegating (grant) or withdrawing (revoke) the right to decide (approve corrections, accept with
-- override, lock/unlock) to a named member. The current delegation of a delegate = its latest row.
CREATE TABLE delegation (
  id        INTEGER PRIMARY KEY,
  ketua     TEXT NOT NULL CHECK (${NONEMPTY('ketua')}),
  delegate  TEXT NOT NULL CHECK (${NONEMPTY('delegate')}),
  action    TEXT NOT NULL CHECK (action IN ('grant', 'revoke')),
  reason    TEXT,
  at        TEXT NOT NULL CHECK (${ISO('at')})
) STRICT;
`;

export const migration: Migration = {
  version: 1,
  name: 'core',
  audited: CORE_AUDITED_TABLES,
  up(db) {
    db.exec(SQL);
    const register = auditRegistration(db);
    for (const [table, pk] of CORE_AUDITED_TABLES) register.run(table, pk);
    for (const [table] of CORE_AUDITED_TABLES) db.exec(appendOnlyTriggers(table));
    db.exec(appendOnlyTriggers('audit'));
    db.exec(appendOnlyTriggers('audit_table'));
  },
};
