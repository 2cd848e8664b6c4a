// Objections (keberatan, migration 0001) and their resolutions: insert (audited) and list only, like every plenary
// table (plenary.repo.ts, which re-exports these). An open keberatan blocks a final (shared/domain/read-model.ts).
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import { canonicalize } from '../../../../shared/formats/canonical';
import { insertFields, rowsOf, whereOf } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';
import type { DecidedAs } from './plenary.repo';

// ---------- objection (keberatan) ----------

export interface RaisedBy {
  peran: 'saksi' | 'panwascam' | 'ppk' | 'lainnya';
  /** For a saksi: the nomor urut of the paslon they represent. */
  paslon?: number;
  nama?: string;
}

export interface NewObjection {
  scope: 'tps' | 'desa' | 'prosedur';
  tps: string | null;
  /** For scope 'tps' it must be the TPS's desa; for 'prosedur' optional. */
  desa: string | null;
  pemilihan: PemilihanId | null;
  raisedBy: RaisedBy;
  text: string;
  raisedAt: string;
  recordedBy: string;
}
export interface Objection extends NewObjection {
  id: number;
}

export function insertObjection(db: WritableDb, o: NewObjection): Objection {
  const { raisedBy, ...fields } = o;
  const id = insertFields(
    db,
    'objection',
    { ...fields, raisedByJson: canonicalize(raisedBy) },
    { actor: o.recordedBy, action: 'objection.raise', at: o.raisedAt },
  );
  return { id, ...o };
}

/** Objections; with `desa` also those of the TPS in that desa; with `pemilihan` also those for all pemilihan. */
export function listObjections(db: Db, f: { pemilihan?: PemilihanId; tps?: string; desa?: string } = {}): Objection[] {
  const w = whereOf([
    ['(pemilihan = ? OR pemilihan IS NULL)', f.pemilihan],
    ['tps = ?', f.tps],
    ['desa = ?', f.desa],
  ]);
  return rowsOf<Objection>(stmt(db, `SELECT * FROM objection ${w.sql} ORDER BY id`).all(...w.args));
}

// ---------- objection_resolution ----------

export interface NewObjectionResolution {
  objectionId: number;
  outcome: 'diterima' | 'ditolak';
  reason: string;
  correctionId: number | null;
  decidedBy: string;
  decidedAs: DecidedAs;
  decidedAt: string;
}
export interface ObjectionResolution extends NewObjectionResolution {
  id: number;
}

/** At most one resolution per objection (UNIQUE). */
export function insertObjectionResolution(db: WritableDb, r: NewObjectionResolution): ObjectionResolution {
  const id = insertFields(db, 'objection_resolution', r, {
    actor: r.decidedBy,
    action: `objection.${r.outcome}`,
    at: r.decidedAt,
  });
  return { id, ...r };
}

export function listObjectionResolutions(db: Db): ObjectionResolution[] {
  return rowsOf<ObjectionResolution>(stmt(db, 'SELECT * FROM objection_resolution ORDER BY id').all());
}
