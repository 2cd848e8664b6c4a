// Keberatan (objections) raised in the plenary by a saksi, Panwascam, PPK or someone else, about a TPS, a desa or a
// procedure: types, labels and the pure transitions raised → diterima (with its follow-up) | ditolak (with reasons).
//
// Exports:
//   ObjectionBy, ObjectionScope, ObjectionState, ObjectionFollowUp
//   raiseObjection(input, ctx): Result<ObjectionDraft>                     row for storage's `objection`
//   acceptObjection(o, ctx) / rejectObjection(o, ctx): Result<ObjectionResolutionDraft>
//   objectionState(resolution | null | undefined), isObjectionOpen(...)
//   objectionByLabel(by, pilihan?), objectionScopeLabel(scope, names?), OBJECTION_STATE_LABELS
//   raisedByToRow(by) / raisedByFromRow(row): storage keeps `raised_by_json` as { peran, paslon?, nama? }
//
// Rules chosen:
// - Recording a keberatan is never refused for a locked desa: it is a record of what was said in the session. While
//   open it flags the TPS (sengketa) and blocks locking; acting on it (a correction) needs the desa unlocked.
// - A saksi names the paslon (nomor urut) they represent; 'lainnya' needs a name; the text is required.
// - Resolution (diterima / ditolak) by the ketua PPK or a delegate of the session, always with a reason
//   (for D.Kejadian Khusus). Diterima carries its follow-up: a correction (its id) or a recount / ballot-box opening
//   (with the correction id once there is one). A resolved keberatan cannot be resolved again.
import { type PemilihanId, type Pilihan, formatKode } from './model';
import { type DecisionRole, FORBIDDEN_DECIDER, type SessionAuthority, decisionRole, nonEmpty } from './authority';
import { type Result, fail, ok } from './result';

export type ObjectionBy =
  | { kind: 'saksi'; paslon: number; nama?: string }
  | { kind: 'panwascam'; nama?: string }
  | { kind: 'ppk'; nama?: string }
  | { kind: 'lainnya'; nama: string };

export type ObjectionScope =
  { kind: 'tps'; tps: string } | { kind: 'desa'; desa: string } | { kind: 'prosedur'; desa?: string | null };

export type ObjectionState = 'raised' | 'diterima' | 'ditolak';

export const OBJECTION_STATE_LABELS: Record<ObjectionState, string> = {
  raised: 'Belum diselesaikan',
  diterima: 'Diterima',
  ditolak: 'Ditolak',
};

/** What follows an accepted keberatan. */
export type ObjectionFollowUp =
  { kind: 'correction'; correctionId: number } | { kind: 'hitung-ulang' | 'buka-kotak'; correctionId: number | null };

export const FOLLOW_UP_LABELS: Record<ObjectionFollowUp['kind'], string> = {
  correction: 'Koreksi',
  'hitung-ulang': 'Penghitungan suara ulang',
  'buka-kotak': 'Pembukaan kotak suara',
};

/** Storage's raised_by_json shape. */
export interface RaisedByRow {
  peran: 'saksi' | 'panwascam' | 'ppk' | 'lainnya';
  paslon?: number;
  nama?: string;
}

export function raisedByToRow(by: ObjectionBy): RaisedByRow {
  const nama = nonEmpty(by.nama);
  const row: RaisedByRow = { peran: by.kind };
  if (by.kind === 'saksi') row.paslon = by.paslon;
  if (nama !== null) row.nama = nama;
  return row;
}

export function raisedByFromRow(row: RaisedByRow): ObjectionBy {
  const nama = row.nama;
  switch (row.peran) {
    case 'saksi':
      return nama === undefined
        ? { kind: 'saksi', paslon: row.paslon ?? 0 }
        : { kind: 'saksi', paslon: row.paslon ?? 0, nama };
    case 'lainnya':
      return { kind: 'lainnya', nama: nama ?? '' };
    default:
      return nama === undefined ? { kind: row.peran } : { kind: row.peran, nama };
  }
}

/** "Saksi Paslon Nomor Urut 2 (Citra – Dewi)", "Panwaslu Kecamatan", "PPK", or the name given. */
export function objectionByLabel(by: ObjectionBy, pilihan?: readonly Pilihan[]): string {
  const who = nonEmpty(by.nama);
  const suffix = who !== null ? ` – ${who}` : '';
  switch (by.kind) {
    case 'saksi': {
      const p = pilihan?.find((x) => x.nomor === by.paslon);
      const paslonName = p && p.kind !== 'kolom-kosong' ? ` (${p.nama})` : '';
      return `Saksi Paslon Nomor Urut ${by.paslon}${paslonName}${suffix}`;
    }
    case 'panwascam':
      return `Panwaslu Kecamatan${suffix}`;
    case 'ppk':
      return `PPK${suffix}`;
    case 'lainnya':
      return by.nama.trim();
  }
}

/** "TPS 003 Desa Hampang", "Desa Hampang", "Prosedur"; names by desa code when given. */
export function objectionScopeLabel(scope: ObjectionScope, desaNames?: Readonly<Record<string, string>>): string {
  const desaName = (kode: string) => `Desa ${desaNames?.[kode] ?? formatKode(kode)}`;
  switch (scope.kind) {
    case 'tps':
      return `TPS ${scope.tps.slice(10)} ${desaName(scope.tps.slice(0, 10))}`;
    case 'desa':
      return desaName(scope.desa);
    case 'prosedur':
      return scope.desa ? `Prosedur (${desaName(scope.desa)})` : 'Prosedur';
  }
}

export interface ObjectionInput {
  scope: ObjectionScope;
  /** null: concerns every pemilihan of the session. */
  pemilihan: PemilihanId | null;
  by: ObjectionBy;
  text: string;
  raisedAt: string;
  recordedBy: string;
}

/** Row for storage's `objection` table (plenary.repo NewObjection). */
export interface ObjectionDraft {
  scope: 'tps' | 'desa' | 'prosedur';
  tps: string | null;
  desa: string | null;
  pemilihan: PemilihanId | null;
  raisedBy: RaisedByRow;
  text: string;
  raisedAt: string;
  recordedBy: string;
}

export interface RaiseContext {
  /** Number of choices of the pemilihan (the largest over all when pemilihan is null), to check a saksi's paslon. */
  pilihanCount: number;
  /** Whether the TPS / desa exists in the data master. */
  knownTps?: (kode: string) => boolean;
  knownDesa?: (kode: string) => boolean;
}

const isDigits = (s: string, n: number) => s.length === n && /^\d+$/.test(s);

export function raiseObjection(input: ObjectionInput, ctx: RaiseContext): Result<ObjectionDraft> {
  const text = nonEmpty(input.text);
  if (text === null) return fail('INVALID_INPUT', 'Isi keberatan wajib diisi.', 'text');
  const recordedBy = nonEmpty(input.recordedBy);
  if (recordedBy === null) return fail('INVALID_INPUT', 'Nama pencatat keberatan wajib diisi.', 'recordedBy');
  const by = input.by;
  if (by.kind === 'saksi' && !(Number.isInteger(by.paslon) && by.paslon >= 1 && by.paslon <= ctx.pilihanCount)) {
    return fail('INVALID_INPUT', `Nomor urut paslon saksi harus antara 1 dan ${ctx.pilihanCount}.`, 'by.paslon');
  }
  if (by.kind === 'lainnya' && nonEmpty(by.nama) === null) {
    return fail('INVALID_INPUT', 'Nama pengaju keberatan wajib diisi.', 'by.nama');
  }
  let tps: string | null = null;
  let desa: string | null = null;
  const scope = input.scope;
  if (scope.kind === 'tps') {
    if (!isDigits(scope.tps, 13) || (ctx.knownTps && !ctx.knownTps(scope.tps))) {
      return fail('INVALID_INPUT', `TPS ${scope.tps} tidak ada dalam data master.`, 'scope.tps');
    }
    tps = scope.tps;
    desa = scope.tps.slice(0, 10);
  } else if (scope.kind === 'desa' || (scope.kind === 'prosedur' && scope.desa)) {
    const kode = scope.desa ?? '';
    if (!isDigits(kode, 10) || (ctx.knownDesa && !ctx.knownDesa(kode))) {
      return fail('INVALID_INPUT', `Desa ${kode} tidak ada dalam data master.`, 'scope.desa');
    }
    desa = kode;
  }
  return ok({
    scope: scope.kind,
    tps,
    desa,
    pemilihan: input.pemilihan,
    raisedBy: raisedByToRow(by),
    text,
    raisedAt: input.raisedAt,
    recordedBy,
  });
}

export function objectionState(resolution: { outcome: 'diterima' | 'ditolak' } | null | undefined): ObjectionState {
  return resolution ? resolution.outcome : 'raised';
}

export function isObjectionOpen(resolution: { outcome: 'diterima' | 'ditolak' } | null | undefined): boolean {
  return objectionState(resolution) === 'raised';
}

/** Row for storage's `objection_resolution` table (plenary.repo NewObjectionResolution), plus the follow-up. */
export interface ObjectionResolutionDraft {
  objectionId: number;
  outcome: 'diterima' | 'ditolak';
  reason: string;
  correctionId: number | null;
  followUp: ObjectionFollowUp | null;
  decidedBy: string;
  decidedAs: DecisionRole;
  decidedAt: string;
}

export interface ResolveContext {
  by: string;
  at: string;
  session: SessionAuthority;
  reason: string;
}

function checkResolvable(o: { id: number; state: ObjectionState }, ctx: ResolveContext) {
  if (o.state !== 'raised') {
    return fail('CONFLICT', `Keberatan ini sudah ${o.state}; keputusan tidak dapat diubah.`);
  }
  const role = decisionRole(ctx.by, ctx.session);
  if (role === null) return fail('FORBIDDEN', FORBIDDEN_DECIDER);
  const reason = nonEmpty(ctx.reason);
  if (reason === null) return fail('INVALID_INPUT', 'Alasan keputusan atas keberatan wajib diisi.', 'reason');
  return ok({ role, reason });
}

export function acceptObjection(
  o: { id: number; state: ObjectionState },
  ctx: ResolveContext & { followUp: ObjectionFollowUp },
): Result<ObjectionResolutionDraft> {
  const c = checkResolvable(o, ctx);
  if (!c.ok) return c;
  const f = ctx.followUp;
  if (f.kind === 'correction' && !(Number.isInteger(f.correctionId) && f.correctionId > 0)) {
    return fail('INVALID_INPUT', 'Keberatan yang diterima dengan koreksi harus menunjuk koreksinya.', 'followUp');
  }
  return ok({
    objectionId: o.id,
    outcome: 'diterima',
    reason: c.value.reason,
    correctionId: f.correctionId,
    followUp: f,
    decidedBy: ctx.by.trim(),
    decidedAs: c.value.role,
    decidedAt: ctx.at,
  });
}

export function rejectObjection(
  o: { id: number; state: ObjectionState },
  ctx: ResolveContext,
): Result<ObjectionResolutionDraft> {
  const c = checkResolvable(o, ctx);
  if (!c.ok) return c;
  return ok({
    objectionId: o.id,
    outcome: 'ditolak',
    reason: c.value.reason,
    correctionId: null,
    followUp: null,
    decidedBy: ctx.by.trim(),
    decidedAs: c.value.role,
    decidedAt: ctx.at,
  });
}
