// Migration 0007 (sidang): decisions with weight and the plenary as a multi-day session (docs/plenary-decisions.md).
// Append-only and audited like the core tables: the deciders' PINs (slow hashes), decisions withdrawn (batalkan),
// the sidang's opening / skors / resumption / closing, who attended, and kejadian khusus closed.
import { auditedMigration, decidedColumns, ISO, NONEMPTY, type AuditedTables } from './sql-parts';

export const SIDANG_AUDITED_TABLES: AuditedTables = [
  ['decider_pin', 'id'],
  ['decision_withdrawal', 'id'],
  ['sidang_event', 'id'],
  ['sidang_hadir', 'id'],
  ['kejadian_selesai', 'id'],
];

const SQL = `
-- The PIN of a decider (the ketua or a delegate), set at session start: scrypt(pin, salt) with the parameters in
-- params ('scrypt:N=32768,r=8,p=1'), salt and hash base64. action 'reset' (by the ketua, with a reason) clears it:
-- the person sets a new one. The current PIN of a person = their latest row.
CREATE TABLE decider_pin (
  id      INTEGER PRIMARY KEY,
  nama    TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  action  TEXT NOT NULL CHECK (action IN ('set', 'reset')),
  params  TEXT,
  salt    TEXT,
  hash    TEXT,
  reason  TEXT,
  set_by  TEXT NOT NULL CHECK (${NONEMPTY('set_by')}),
  set_at  TEXT NOT NULL CHECK (${ISO('set_at')}),
  CHECK ((action = 'set' AND params IS NOT NULL AND salt IS NOT NULL AND hash IS NOT NULL)
      OR (action = 'reset' AND hash IS NULL AND reason IS NOT NULL AND ${NONEMPTY('reason')}))
) STRICT;
CREATE INDEX decider_pin_nama ON decider_pin (nama, id);

-- A decision withdrawn (batalkan) with its reason: the decision's row stays; the read model no longer counts it.
-- kind 'acceptance' (Sesuai) or 'conflict_choice' (the submission chosen in a konflik); at most one per decision.
CREATE TABLE decision_withdrawal (
  id          INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('acceptance', 'conflict_choice')),
  target_id   INTEGER NOT NULL,
  tps         TEXT NOT NULL REFERENCES tps (kode),
  pemilihan   TEXT NOT NULL REFERENCES pemilihan (id),
  reason      TEXT NOT NULL CHECK (${NONEMPTY('reason')}),
${decidedColumns(12, 'ketua-delegate')},
  UNIQUE (kind, target_id)
) STRICT;
CREATE INDEX decision_withdrawal_tps ON decision_withdrawal (pemilihan, tps, id);

-- The sidang (one per day of the plenary, numbered from 1): opened (buka), suspended (skors), resumed (lanjut),
-- closed (tutup). The current state = the latest event.
CREATE TABLE sidang_event (
  id      INTEGER PRIMARY KEY,
  hari    INTEGER NOT NULL CHECK (hari >= 1),
  action  TEXT NOT NULL CHECK (action IN ('buka', 'skors', 'lanjut', 'tutup')),
  note    TEXT,
  by      TEXT NOT NULL CHECK (${NONEMPTY('by')}),
  at      TEXT NOT NULL CHECK (${ISO('at')})
) STRICT;

-- Attendance of a sidang: PPK members, the saksi of each paslon (per pemilihan) and Panwaslu Kecamatan.
CREATE TABLE sidang_hadir (
  id           INTEGER PRIMARY KEY,
  hari         INTEGER NOT NULL CHECK (hari >= 1),
  peran        TEXT NOT NULL CHECK (peran IN ('ppk', 'saksi', 'panwaslu')),
  pemilihan    TEXT REFERENCES pemilihan (id),
  paslon       INTEGER CHECK (paslon IS NULL OR paslon >= 1),
  nama         TEXT NOT NULL CHECK (${NONEMPTY('nama')}),
  jabatan      TEXT,
  recorded_by  TEXT NOT NULL CHECK (${NONEMPTY('recorded_by')}),
  recorded_at  TEXT NOT NULL CHECK (${ISO('recorded_at')}),
  CHECK ((peran = 'saksi') = (pemilihan IS NOT NULL AND paslon IS NOT NULL))
) STRICT;
CREATE INDEX sidang_hadir_hari ON sidang_hadir (hari, id);

-- A kejadian khusus closed, with how it was settled (printed as its penyelesaian); at most one per kejadian.
CREATE TABLE kejadian_selesai (
  id           INTEGER PRIMARY KEY,
  kejadian_id  INTEGER NOT NULL UNIQUE REFERENCES kejadian_khusus (id),
  note         TEXT NOT NULL CHECK (${NONEMPTY('note')}),
  by           TEXT NOT NULL CHECK (${NONEMPTY('by')}),
  at           TEXT NOT NULL CHECK (${ISO('at')})
) STRICT;
`;

export const migration = auditedMigration(7, 'sidang', SIDANG_AUDITED_TABLES, SQL);
