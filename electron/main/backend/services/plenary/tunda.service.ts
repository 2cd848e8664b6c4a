// Holding a TPS for PSU/PSS/PSL (pemungutan/penghitungan suara ulang or lanjutan): a decision of the Ketua PPK (or
// the member the ketua delegated) with its basis, e.g. "rekomendasi Panwaslu Kecamatan", recorded in one command
// with its audit entry. While held, the TPS is left out of the recap, the dashboard totals and the D.Hasil, and its
// desa cannot be locked; a result received after the hold, once accepted or chosen by the plenary, counts again
// (shared/domain/read-model.ts holdInForce). Refusals are Result values.
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import type { HoldView, JenisTunda } from '../../../../../shared/contracts/psu.contract';
import { insertTunda, lastSubmissionId, listTunda } from '../../repositories/tunda.repo';
import { runCommand } from '../../db/command';
import { desaUnlocked, emitChanged } from './decisions.service';
import { decidedBy } from './members.service';
import { requireDeciderPin } from './pins.service';
import { findTps, loadForTps, loadSnapshot } from './plenary-snapshot';

export interface HoldInput {
  tps: string;
  pemilihan: string;
  jenis: JenisTunda;
  dasar: string;
  alasan: string;
  /** The decider's PIN (weighty decisions are confirmed with it: pins.service.ts). */
  pin?: string;
}

export function holdTps(ctx: BackendContext, input: HoldInput): Result<{ holdId: number }> {
  return runCommand(ctx, (unit) => {
    const decider = requireDeciderPin(ctx, `Menunda TPS untuk ${input.jenis}`, input.pin);
    if (!decider.ok) return decider;
    const snap = loadForTps(ctx, input.pemilihan, input.tps);
    if (!snap.ok) return snap;
    const t = findTps(snap.value, input.tps);
    if (!t.ok) return t;
    const unlocked = desaUnlocked(snap.value, t.value.row.desa);
    if (!unlocked.ok) return unlocked;
    const nomor = String(t.value.row.nomor).padStart(3, '0');
    if (t.value.derived.tunda)
      return fail('CONFLICT', `TPS ${nomor} sudah ditunda (${t.value.derived.tunda.jenis}); tunggu hasil barunya.`);
    const dasar = input.dasar.trim();
    const alasan = input.alasan.trim();
    if (dasar.length < 3) return fail('INVALID_INPUT', 'Dasar penundaan wajib diisi.', 'dasar');
    if (alasan.length < 3) return fail('INVALID_INPUT', 'Alasan penundaan wajib diisi.', 'alasan');
    const pemilihan = snap.value.pemilihan.id;
    const row = insertTunda(unit.db, {
      tps: input.tps,
      pemilihan,
      jenis: input.jenis,
      dasar,
      alasan,
      sebelumKiriman: lastSubmissionId(ctx.db, input.tps, pemilihan),
      ...decidedBy(ctx, decider.value),
    });
    emitChanged(unit, pemilihan, input.tps.slice(0, 10), input.tps);
    return ok({ holdId: row.id });
  });
}

/** Every hold of the pemilihan, with whether it is still in force. */
export function holdViews(ctx: BackendContext, pemilihan: string): Result<HoldView[]> {
  const snap = loadSnapshot(ctx, pemilihan);
  if (!snap.ok) return snap;
  return ok(
    listTunda(ctx.db, { pemilihan: snap.value.pemilihan.id as PemilihanId }).map((h) => ({
      id: h.id,
      tps: h.tps,
      jenis: h.jenis,
      dasar: h.dasar,
      alasan: h.alasan,
      decidedBy: h.decidedBy,
      decidedAt: h.decidedAt,
      berlaku: snap.value.byTps.get(h.tps)?.derived.tunda?.id === h.id,
    })),
  );
}
