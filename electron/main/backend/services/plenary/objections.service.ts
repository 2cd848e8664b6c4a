// Keberatan (objections) by a saksi of a paslon, Panwascam or someone else, about a TPS, a desa or the procedure;
// resolved by the ketua (or a delegate): diterima (linked to a correction, or with a recount note) or ditolak with
// reasons. An open objection about a TPS marks it sengketa and, like one about the desa, blocks locking the desa.
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { ObjectionBy, ObjectionScope, ObjectionView } from '../../../../../shared/contracts/plenary.contract';
import {
  getCorrection,
  insertObjection,
  insertObjectionResolution,
  listObjectionResolutions,
  listObjections,
  type Objection,
  type RaisedBy,
} from '../../repositories/plenary.repo';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { runCommand } from '../../db/command';
import { findDesa, findTps, loadSnapshot, resolvePemilihan } from './plenary-snapshot';
import { decidedBy, operatorCommand, requireDecider } from './members.service';
import { verifyPin } from './pins.service';
import { desaUnlocked, emitChanged } from './decisions.service';
import { byLabel, objectionView, RECOUNT_MARK } from './views.service';

export interface RaiseInput {
  scope: ObjectionScope;
  pemilihan?: string;
  desa?: string;
  tps?: string;
  by: ObjectionBy;
  text: string;
}

function raisedBy(by: ObjectionBy): RaisedBy {
  if (by.kind === 'saksi') return { peran: 'saksi', paslon: by.paslon };
  if (by.kind === 'panwascam') return { peran: 'panwascam' };
  return { peran: 'lainnya', nama: by.nama };
}

/** The TPS and desa a keberatan is about, or the refusal for a missing one. */
function scopeOf(input: RaiseInput): Result<{ tps: string | null; desa: string | null }> {
  if (input.scope === 'tps') {
    if (!input.tps) return fail('INVALID_INPUT', 'Keberatan tentang TPS harus menyebut TPS-nya.', 'tps');
    return ok({ tps: input.tps, desa: input.tps.slice(0, 10) });
  }
  if (input.scope === 'desa') {
    if (!input.desa) return fail('INVALID_INPUT', 'Keberatan tentang desa harus menyebut desanya.', 'desa');
    return ok({ tps: null, desa: input.desa });
  }
  return ok({ tps: null, desa: input.desa ?? null });
}

/** The wilayah exists, and (unless about the procedure) its desa is not locked, for every pemilihan concerned. */
function checkWilayah(
  ctx: BackendContext,
  input: RaiseInput,
  pemilihan: PemilihanId | null,
  tps: string | null,
  desa: string,
): Result<void> {
  let ids: string[];
  if (pemilihan) ids = [pemilihan];
  else {
    const all = loadSnapshot(ctx);
    if (!all.ok) return all;
    ids = all.value.pemilihanList.map((p) => p.id);
  }
  for (const pid of ids) {
    const snap = loadSnapshot(ctx, pid, { desa });
    if (!snap.ok) return snap;
    if (tps) {
      const t = findTps(snap.value, tps);
      if (!t.ok) return t;
    }
    const d = findDesa(snap.value, desa);
    if (!d.ok) return d;
    if (input.scope !== 'prosedur') {
      const unlocked = desaUnlocked(snap.value, desa);
      if (!unlocked.ok) return unlocked;
    }
  }
  return ok(undefined);
}

export function raiseObjection(ctx: BackendContext, input: RaiseInput): Result<{ objectionId: number }> {
  return operatorCommand(ctx, (unit, actor) => {
    const scope = scopeOf(input);
    if (!scope.ok) return scope;
    const { tps, desa } = scope.value;
    let pemilihan: PemilihanId | null = null;
    if (input.pemilihan) {
      const p = resolvePemilihan(ctx, input.pemilihan);
      if (!p.ok) return p;
      pemilihan = p.value.id as PemilihanId;
    }
    if (desa) {
      const checked = checkWilayah(ctx, input, pemilihan, tps, desa);
      if (!checked.ok) return checked;
    }
    if (input.by.kind === 'saksi') {
      const snap = loadSnapshot(ctx, pemilihan ?? undefined);
      if (!snap.ok) return snap;
      const n = snap.value.pemilihan.pilihan.length;
      if (input.by.paslon < 1 || input.by.paslon > n)
        return fail('INVALID_INPUT', `Paslon nomor urut ${input.by.paslon} tidak ada (1–${n}).`, 'by.paslon');
    }
    const row = insertObjection(unit.db, {
      scope: input.scope,
      tps,
      desa,
      pemilihan,
      raisedBy: raisedBy(input.by),
      text: input.text.trim(),
      raisedAt: ctx.clock().toISOString(),
      recordedBy: actor.nama,
    });
    emitChanged(unit, pemilihan, desa, tps);
    return ok({ objectionId: row.id });
  });
}

export interface ResolveInput {
  objectionId: number;
  outcome: 'diterima' | 'ditolak';
  reason: string;
  correctionId?: number;
  recountNote?: string;
  pin?: string;
}

/** The correction a keberatan diterima is linked to (null with a recount note), or the refusal. */
function followUp(ctx: BackendContext, o: Objection, input: ResolveInput, recount: string): Result<number | null> {
  if (input.outcome === 'ditolak') {
    if (input.correctionId !== undefined)
      return fail('INVALID_INPUT', 'Keberatan yang ditolak tidak dikaitkan dengan koreksi.', 'correctionId');
    return ok(null);
  }
  if (input.correctionId === undefined) {
    if (recount) return ok(null);
    return fail(
      'INVALID_INPUT',
      'Keberatan yang diterima harus ditindaklanjuti: pilih koreksinya atau tulis catatan hitung ulang.',
      'correctionId',
    );
  }
  const c = getCorrection(ctx.db, input.correctionId);
  if (!c) return fail('NOT_FOUND', 'Koreksi itu tidak ditemukan; muat ulang layar.');
  if (o.tps && c.tps !== o.tps)
    return fail('INVALID_INPUT', 'Koreksi yang dipilih bukan untuk TPS keberatan ini.', 'correctionId');
  if (o.desa && c.tps.slice(0, 10) !== o.desa)
    return fail('INVALID_INPUT', 'Koreksi yang dipilih bukan untuk desa keberatan ini.', 'correctionId');
  return ok(c.id);
}

export function resolveObjection(ctx: BackendContext, input: ResolveInput): Result<{ resolutionId: number }> {
  return runCommand(ctx, (unit) => {
    const actor = requireDecider(ctx, 'Menyelesaikan keberatan');
    if (!actor.ok) return actor;
    const o = listObjections(unit.db).find((x) => x.id === input.objectionId);
    if (!o) return fail('NOT_FOUND', 'Keberatan itu tidak ditemukan; muat ulang layar.');
    if (listObjectionResolutions(unit.db).some((r) => r.objectionId === o.id))
      return fail('CONFLICT', 'Keberatan ini sudah diselesaikan.');
    const reason = input.reason.trim();
    if (!reason) return fail('INVALID_INPUT', 'Alasan penyelesaian keberatan wajib diisi.', 'reason');
    const recount = input.recountNote?.trim() ?? '';
    const correctionId = followUp(ctx, o, input, recount);
    if (!correctionId.ok) return correctionId;
    const pin = verifyPin(ctx, actor.value.nama, input.pin);
    if (!pin.ok) return pin;
    const row = insertObjectionResolution(unit.db, {
      objectionId: o.id,
      outcome: input.outcome,
      reason: recount ? `${reason}${RECOUNT_MARK}${recount}` : reason,
      correctionId: correctionId.value,
      ...decidedBy(ctx, actor.value),
    });
    emitChanged(unit, o.pemilihan, o.desa, o.tps);
    return ok({ resolutionId: row.id });
  });
}

export function listObjectionViews(ctx: BackendContext, pemilihan?: string): ObjectionView[] {
  const res = new Map(listObjectionResolutions(ctx.db).map((r) => [r.objectionId, r]));
  const list = listObjections(ctx.db, pemilihan ? { pemilihan: pemilihan as PemilihanId } : {});
  return list.map((o) => objectionView(o, res.get(o.id)));
}

export { byLabel };
