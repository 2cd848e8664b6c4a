// Objections (keberatan, migration 0001) and their resolutions: insert (audited) and list only, like every plenary
// table (plenary.repo.ts, which re-exports these). An open keberatan blocks a final (shared/domain/read-model.ts).
import type { Db } from '../context';
import type { PemilihanId } from '../../../../shared/domain/model';
import { canonicalize } from '../../../../shared/formats/canonical';
import { camelRow, insertAudited } from './audit.repo';
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

interface ObjectionRow {
  id: number;
  scope: Objection['scope'];
  tps: string | null;
  desa: string | null;
  pemilihan: PemilihanId | null;
  raised_by_json: string;
  text: string;
  raised_at: string;
  recorded_by: string;
}

function toObjection(r: ObjectionRow): Objection {
  return {
    id: r.id,
    scope: r.scope,
    tps: r.tps,
    desa: r.desa,
    pemilihan: r.pemilihan,
    raisedBy: JSON.parse(r.raised_by_json) as RaisedBy,
    text: r.text,
    raisedAt: r.raised_at,
    recordedBy: r.recorded_by,
  };
}

export function insertObjection(db: WritableDb, o: NewObjection): Objection {
  const id = insertAudited(
    db,
    'objection',
    {
      scope: o.scope,
      tps: o.tps,
      desa: o.desa,
      pemilihan: o.pemilihan,
      raised_by_json: canonicalize(o.raisedBy),
      text: o.text,
      raised_at: o.raisedAt,
      recorded_by: o.recordedBy,
    },
    { actor: o.recordedBy, action: 'objection.raise', at: o.raisedAt },
  );
  return { id: Number(id), ...o };
}

/** Objections; with `desa` also those of the TPS in that desa; with `pemilihan` also those for all pemilihan. */
export function listObjections(db: Db, f: { pemilihan?: PemilihanId; tps?: string; desa?: string } = {}): Objection[] {
  const w: string[] = [];
  const args: string[] = [];
  if (f.pemilihan !== undefined) {
    w.push('(pemilihan = ? OR pemilihan IS NULL)');
    args.push(f.pemilihan);
  }
  if (f.tps !== undefined) {
    w.push('tps = ?');
    args.push(f.tps);
  }
  if (f.desa !== undefined) {
    w.push('desa = ?');
    args.push(f.desa);
  }
  const sql = `SELECT * FROM objection ${w.length ? 'WHERE ' + w.join(' AND ') : ''} ORDER BY id`;
  return (stmt(db, sql).all(...args) as ObjectionRow[]).map(toObjection);
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
  const id = insertAudited(
    db,
    'objection_resolution',
    {
      objection_id: r.objectionId,
      outcome: r.outcome,
      reason: r.reason,
      correction_id: r.correctionId,
      decided_by: r.decidedBy,
      decided_as: r.decidedAs,
      decided_at: r.decidedAt,
    },
    { actor: r.decidedBy, action: `objection.${r.outcome}`, at: r.decidedAt },
  );
  return { id: Number(id), ...r };
}

export function listObjectionResolutions(db: Db): ObjectionResolution[] {
  return (stmt(db, 'SELECT * FROM objection_resolution ORDER BY id').all() as Record<string, unknown>[]).map((r) =>
    camelRow<ObjectionResolution>(r),
  );
}
