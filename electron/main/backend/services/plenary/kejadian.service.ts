// Kejadian khusus notes as views (recording is in decisions.service addKejadian), and closing one: the note of how
// it was settled becomes its penyelesaian on Model D.Kejadian Khusus (instead of "Belum diselesaikan").
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { KejadianView } from '../../../../../shared/contracts/plenary.contract';
import { listKejadian } from '../../repositories/plenary.repo';
import { insertKejadianSelesai, listKejadianSelesai, type KejadianSelesai } from '../../repositories/sidang.repo';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { operatorCommand } from './members.service';

/** How each closed kejadian was settled, by kejadian id. */
export function kejadianClosures(ctx: Pick<BackendContext, 'db'>): Map<number, KejadianSelesai> {
  return new Map(listKejadianSelesai(ctx.db).map((k) => [k.kejadianId, k]));
}

export function kejadianViews(ctx: BackendContext, pemilihan?: string): KejadianView[] {
  const closed = kejadianClosures(ctx);
  return listKejadian(ctx.db, pemilihan ? { pemilihan: pemilihan as PemilihanId } : {}).map((k) => {
    const c = closed.get(k.id);
    return {
      id: k.id,
      pemilihan: k.pemilihan,
      desa: k.desa,
      tps: k.tps,
      text: k.text,
      by: k.who,
      at: k.at,
      selesai: c ? { note: c.note, by: c.by, at: c.at } : null,
    };
  });
}

export function closeKejadian(
  ctx: BackendContext,
  input: { kejadianId: number; note: string },
): Result<{ kejadianId: number }> {
  return operatorCommand(ctx, (unit, op) => {
    const k = listKejadian(ctx.db).find((x) => x.id === input.kejadianId);
    if (!k) return fail('NOT_FOUND', 'Kejadian khusus tidak ditemukan.');
    if (kejadianClosures(ctx).has(k.id)) return fail('CONFLICT', 'Kejadian khusus ini sudah dinyatakan selesai.');
    const note = input.note.trim();
    if (note.length < 3) return fail('INVALID_INPUT', 'Tulis bagaimana kejadian ini diselesaikan.', 'note');
    insertKejadianSelesai(unit.db, { kejadianId: k.id, note, by: op.nama, at: ctx.clock().toISOString() });
    unit.emit({ type: 'pleno-changed', pemilihan: k.pemilihan, desa: k.desa, tps: k.tps });
    return ok({ kejadianId: k.id });
  });
}
