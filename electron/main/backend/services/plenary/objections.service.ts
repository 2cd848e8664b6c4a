// Keberatan (objections) by a saksi of a paslon, Panwascam or someone else, about a TPS, a desa or the procedure;
// resolved by the ketua (or a delegate): diterima (linked to a correction, or with a recount note) or ditolak with
// reasons. An open objection about a TPS marks it sengketa and, like one about the desa, blocks locking the desa.
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { ObjectionBy, ObjectionScope, ObjectionView } from '../../../../../shared/contracts/pleno.contract';
import {
  getCorrection,
  insertObjection,
  insertObjectionResolution,
  listObjectionResolutions,
  listObjections,
  type RaisedBy,
} from '../../repositories/pleno.repo';
import { refuse } from './plenary-errors';
import { loadSnapshot, desaOrThrow, resolvePemilihan, tpsOrThrow } from './plenary-snapshot';
import { requireDecider, requireOperator } from './members.service';
import { assertDesaUnlocked, emitChanged, tx } from './decisions.service';
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

export function raiseObjection(ctx: BackendContext, input: RaiseInput): { objectionId: number } {
  const actor = requireOperator(ctx);
  let tps: string | null = null;
  let desa: string | null = null;
  if (input.scope === 'tps') {
    if (!input.tps) refuse('INVALID_INPUT', 'Keberatan tentang TPS harus menyebut TPS-nya.', 'tps');
    tps = input.tps!;
    desa = tps.slice(0, 10);
  } else if (input.scope === 'desa') {
    if (!input.desa) refuse('INVALID_INPUT', 'Keberatan tentang desa harus menyebut desanya.', 'desa');
    desa = input.desa!;
  } else {
    desa = input.desa ?? null;
  }
  const pemilihan = input.pemilihan ? (resolvePemilihan(ctx, input.pemilihan).id as PemilihanId) : null;
  const id = tx(ctx, () => {
    if (desa) {
      // Check the wilayah exists and that the desa is not locked (for every pemilihan concerned).
      const ids = pemilihan ? [pemilihan] : loadSnapshot(ctx).pemilihanList.map((p) => p.id);
      for (const pid of ids) {
        const snap = loadSnapshot(ctx, pid, { desa });
        if (tps) tpsOrThrow(snap, tps);
        desaOrThrow(snap, desa);
        if (input.scope !== 'prosedur') assertDesaUnlocked(snap, desa);
      }
    }
    if (input.by.kind === 'saksi') {
      const snap = loadSnapshot(ctx, pemilihan ?? undefined);
      const n = snap.pemilihan.pilihan.length;
      if (input.by.paslon < 1 || input.by.paslon > n)
        refuse('INVALID_INPUT', `Paslon nomor urut ${input.by.paslon} tidak ada (1–${n}).`, 'by.paslon');
    }
    const at = ctx.clock().toISOString();
    return insertObjection(ctx.db, {
      scope: input.scope,
      tps,
      desa,
      pemilihan,
      raisedBy: raisedBy(input.by),
      text: input.text.trim(),
      raisedAt: at,
      recordedBy: actor.nama,
    }).id;
  });
  emitChanged(ctx, pemilihan, desa, tps);
  return { objectionId: id };
}

export function resolveObjection(
  ctx: BackendContext,
  input: {
    objectionId: number;
    outcome: 'diterima' | 'ditolak';
    reason: string;
    correctionId?: number;
    recountNote?: string;
  },
): { resolutionId: number } {
  const actor = requireDecider(ctx, 'Menyelesaikan keberatan');
  const o =
    listObjections(ctx.db).find((x) => x.id === input.objectionId) ??
    refuse('NOT_FOUND', `Keberatan #${input.objectionId} tidak ditemukan.`);
  const id = tx(ctx, () => {
    if (listObjectionResolutions(ctx.db).some((r) => r.objectionId === o.id))
      refuse('CONFLICT', `Keberatan #${o.id} sudah diselesaikan.`);
    const reason = input.reason.trim();
    if (!reason) refuse('INVALID_INPUT', 'Alasan penyelesaian keberatan wajib diisi.', 'reason');
    let correctionId: number | null = null;
    const recount = input.recountNote?.trim() ?? '';
    if (input.outcome === 'diterima') {
      if (input.correctionId !== undefined) {
        const c =
          getCorrection(ctx.db, input.correctionId) ??
          refuse('NOT_FOUND', `Koreksi #${input.correctionId} tidak ditemukan.`);
        if (o.tps && c.tps !== o.tps)
          refuse('INVALID_INPUT', `Koreksi #${c.id} bukan untuk TPS keberatan ini.`, 'correctionId');
        if (o.desa && c.tps.slice(0, 10) !== o.desa)
          refuse('INVALID_INPUT', `Koreksi #${c.id} bukan untuk desa keberatan ini.`, 'correctionId');
        correctionId = c.id;
      } else if (!recount) {
        refuse(
          'INVALID_INPUT',
          'Keberatan yang diterima harus ditindaklanjuti: pilih koreksinya atau tulis catatan hitung ulang.',
          'correctionId',
        );
      }
    } else if (input.correctionId !== undefined) {
      refuse('INVALID_INPUT', 'Keberatan yang ditolak tidak dikaitkan dengan koreksi.', 'correctionId');
    }
    return insertObjectionResolution(ctx.db, {
      objectionId: o.id,
      outcome: input.outcome,
      reason: recount ? `${reason}${RECOUNT_MARK}${recount}` : reason,
      correctionId,
      decidedBy: actor.nama,
      decidedAs: actor.as,
      decidedAt: ctx.clock().toISOString(),
    }).id;
  });
  emitChanged(ctx, o.pemilihan, o.desa, o.tps);
  return { resolutionId: id };
}

export function listObjectionViews(ctx: BackendContext, pemilihan?: string): ObjectionView[] {
  const res = new Map(listObjectionResolutions(ctx.db).map((r) => [r.objectionId, r]));
  const list = listObjections(ctx.db, pemilihan ? { pemilihan: pemilihan as PemilihanId } : {});
  return list.map((o) => objectionView(o, res.get(o.id)));
}

export { byLabel };
