// Migration 0009: decisions the documents carry beyond the counts (docs/documents.md).
//  - tps_tunda: a TPS put on hold by a recorded plenary decision for pemungutan/penghitungan suara ulang or lanjutan
//    (PSU/PSS/PSL) with its basis (e.g. "rekomendasi Panwaslu Kecamatan"). While on hold the TPS is not counted in
//    the recap or the D.Hasil; it counts again once a result received after the hold is accepted or chosen by the
//    plenary. `sebelum_kiriman` is the last submission id of that TPS at the hold: only later ones are its new result.
//  - saksi_penolakan: a saksi's refusal to sign, with the paslon, the saksi's name and the reason, carried into the
//    D.Kejadian Khusus (PKPU 18/2024: the reason is noted in that form).
// Both append-only and audited.
import { auditedMigration, type AuditedTables } from './sql-parts';

const AUDITED: AuditedTables = [
  ['tps_tunda', 'id'],
  ['saksi_penolakan', 'id'],
];

const SQL = `
CREATE TABLE tps_tunda (
  id              INTEGER PRIMARY KEY,
  tps             TEXT NOT NULL CHECK (length(tps) = 13 AND tps NOT GLOB '*[^0-9]*'),
  pemilihan       TEXT NOT NULL CHECK (length(pemilihan) BETWEEN 1 AND 32),
  jenis           TEXT NOT NULL CHECK (jenis IN ('PSU', 'PSS', 'PSL')),
  dasar           TEXT NOT NULL CHECK (length(dasar) BETWEEN 3 AND 300),
  alasan          TEXT NOT NULL CHECK (length(alasan) BETWEEN 3 AND 2000),
  sebelum_kiriman INTEGER NOT NULL CHECK (sebelum_kiriman >= 0),
  decided_by      TEXT NOT NULL CHECK (length(decided_by) BETWEEN 1 AND 200),
  decided_as      TEXT NOT NULL CHECK (decided_as IN ('ketua', 'delegate')),
  decided_at      TEXT NOT NULL CHECK (length(decided_at) BETWEEN 10 AND 40)
) STRICT;
CREATE INDEX tps_tunda_tps ON tps_tunda (pemilihan, tps, id);
CREATE TABLE saksi_penolakan (
  id          INTEGER PRIMARY KEY,
  pemilihan   TEXT NOT NULL CHECK (length(pemilihan) BETWEEN 1 AND 32),
  paslon      INTEGER NOT NULL CHECK (paslon BETWEEN 1 AND 99),
  nama        TEXT NOT NULL CHECK (length(nama) BETWEEN 1 AND 200),
  alasan      TEXT NOT NULL CHECK (length(alasan) BETWEEN 3 AND 2000),
  recorded_by TEXT NOT NULL CHECK (length(recorded_by) BETWEEN 1 AND 200),
  recorded_at TEXT NOT NULL CHECK (length(recorded_at) BETWEEN 10 AND 40)
) STRICT;
CREATE INDEX saksi_penolakan_pemilihan ON saksi_penolakan (pemilihan, id);
`;

export const migration = auditedMigration(9, 'tunda', AUDITED, SQL);
