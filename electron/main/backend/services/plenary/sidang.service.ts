// The sidang (one per day of the plenary): opening, skors, resumption, closing, and who attended — PPK members, the
// saksi of each paslon, Panwaslu Kecamatan. Rules in shared/domain/sidang.ts; every change is one command. The
// attendance is carried into the D.Hasil signature page (kehadiranFor, read by the documents service).
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { SidangView } from '../../../../../shared/contracts/plenary.contract';
import {
  attendanceOpen,
  checkSidangAction,
  kehadiranOf,
  sidangState,
  type Kehadiran,
  type SidangAction,
  type SidangPeran,
} from '../../../../../shared/domain/sidang';
import {
  insertHadir,
  insertHadirBatal,
  insertSidangEvent,
  listHadir,
  listHadirBatal,
  listSidangEvents,
} from '../../repositories/sidang.repo';
import { samePerson } from '../../../../../shared/domain/authority';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { requireMaster } from './plenary-snapshot';
import { members, operatorCommand } from './members.service';

const ANYWHERE = { type: 'pleno-changed', pemilihan: null, desa: null, tps: null } as const;

export function sidangView(ctx: BackendContext): Result<SidangView> {
  const master = requireMaster(ctx);
  if (!master.ok) return master;
  const events = listSidangEvents(ctx.db);
  const state = sidangState(events);
  const hadir = listHadir(ctx.db).filter((h) => h.hari === state.hari);
  return ok({
    ...state,
    events: events.map((e) => ({ id: e.id, hari: e.hari, action: e.action, note: e.note, by: e.by, at: e.at })),
    hadir: hadir.map((h) => ({
      id: h.id,
      peran: h.peran,
      pemilihan: h.pemilihan,
      paslon: h.paslon,
      nama: h.nama,
      jabatan: h.jabatan,
    })),
  });
}

export function sidangAction(ctx: BackendContext, input: { action: SidangAction; note?: string }): Result<SidangView> {
  const done = operatorCommand(ctx, (unit, op) => {
    const check = checkSidangAction(sidangState(listSidangEvents(ctx.db)), input.action);
    if (!check.ok) return check;
    const note = input.note?.trim() || null;
    if (input.action === 'skors' && !note) {
      return fail('INVALID_INPUT', 'Tulis alasan skors (misalnya istirahat, salat, menunggu salinan saksi).', 'note');
    }
    insertSidangEvent(unit.db, {
      hari: check.value.hari,
      action: input.action,
      note,
      by: op.nama,
      at: ctx.clock().toISOString(),
    });
    unit.emit(ANYWHERE);
    return ok(undefined);
  });
  return done.ok ? sidangView(ctx) : done;
}

export interface HadirInput {
  peran: SidangPeran;
  nama: string;
  pemilihan?: PemilihanId;
  paslon?: number;
}

/** Checks a saksi's paslon against the data master (a real paslon of that pemilihan, not the kolom kosong). */
function checkSaksi(ctx: BackendContext, input: HadirInput): Result<{ pemilihan: PemilihanId; paslon: number }> {
  const master = requireMaster(ctx);
  if (!master.ok) return master;
  const p = master.value.pemilihan.find((x) => x.id === input.pemilihan);
  if (!p || input.paslon === undefined)
    return fail('INVALID_INPUT', 'Pilih pemilihan dan pasangan calon saksi.', 'paslon');
  const c = p.pilihan.find((x) => x.nomor === input.paslon);
  if (!c || c.kind === 'kolom-kosong') {
    return fail('INVALID_INPUT', `Pasangan calon nomor ${input.paslon} tidak ada pada ${p.nama}.`, 'paslon');
  }
  return ok({ pemilihan: p.id, paslon: c.nomor });
}

export function recordHadir(ctx: BackendContext, input: HadirInput): Result<SidangView> {
  const done = operatorCommand(ctx, (unit, op) => {
    const open = attendanceOpen(sidangState(listSidangEvents(ctx.db)));
    if (!open.ok) return open;
    const nama = input.nama.trim().replace(/\s+/g, ' ');
    if (nama.length < 2) return fail('INVALID_INPUT', 'Tulis nama yang hadir.', 'nama');
    let saksi: { pemilihan: PemilihanId; paslon: number } | null = null;
    if (input.peran === 'saksi') {
      const s = checkSaksi(ctx, input);
      if (!s.ok) return s;
      saksi = s.value;
    }
    const member = input.peran === 'ppk' ? members(ctx).find((m) => samePerson(m.nama, nama)) : undefined;
    if (input.peran === 'ppk' && !member) {
      return fail('INVALID_INPUT', `${nama} tidak ada dalam daftar anggota PPK pada data master.`, 'nama');
    }
    const hari = open.value.hari;
    const dup = listHadir(ctx.db).some(
      (h) =>
        h.hari === hari &&
        h.peran === input.peran &&
        samePerson(h.nama, nama) &&
        h.pemilihan === (saksi?.pemilihan ?? null) &&
        h.paslon === (saksi?.paslon ?? null),
    );
    if (dup) return fail('CONFLICT', `${nama} sudah tercatat hadir pada sidang hari ke-${hari}.`);
    insertHadir(unit.db, {
      hari,
      peran: input.peran,
      pemilihan: saksi?.pemilihan ?? null,
      paslon: saksi?.paslon ?? null,
      nama: member?.nama ?? nama,
      jabatan: member?.jabatan ?? null,
      recordedBy: op.nama,
      recordedAt: ctx.clock().toISOString(),
    });
    unit.emit(ANYWHERE);
    return ok(undefined);
  });
  return done.ok ? sidangView(ctx) : done;
}

/**
 * A mistaken attendance entry withdrawn with a reason (appended: the entry stays in sidang_hadir, marked withdrawn);
 * it leaves the sidang's list and the D.Hasil signature page. Any operator may, as they may record one.
 */
export function withdrawHadir(ctx: BackendContext, input: { hadirId: number; reason: string }): Result<SidangView> {
  const done = operatorCommand(ctx, (unit, op) => {
    const h = listHadir(ctx.db, { withWithdrawn: true }).find((x) => x.id === input.hadirId);
    if (!h) return fail('NOT_FOUND', 'Catatan kehadiran itu tidak ditemukan.');
    if (listHadirBatal(ctx.db).some((w) => w.hadirId === h.id))
      return fail('CONFLICT', `Kehadiran ${h.nama} sudah ditarik.`);
    const reason = input.reason.trim();
    if (reason.length < 3) return fail('INVALID_INPUT', 'Tulis alasan menarik catatan kehadiran ini.', 'reason');
    insertHadirBatal(unit.db, { hadirId: h.id, reason, by: op.nama, at: ctx.clock().toISOString() });
    unit.emit(ANYWHERE);
    return ok(undefined);
  });
  return done.ok ? sidangView(ctx) : done;
}

/** Who attended any sidang, for the documents of `pemilihan` (the D.Hasil signature page). */
export function kehadiranFor(ctx: Pick<BackendContext, 'db'>, pemilihan: PemilihanId): Kehadiran {
  return kehadiranOf(listHadir(ctx.db), pemilihan);
}
