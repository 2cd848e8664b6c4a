// The kab/kota plenary's decisions over a kecamatan (docs/receiver-plenary.md), each one command with its audit entry
// (db/command.ts), each reading the state from the one loader (kab-snapshot.ts): accept a kecamatan's final D.Hasil
// or record a pushed D.Hasil as not acceptable, keberatan (recorded by a member; resolved by the ketua with the PIN),
// kejadian khusus (recorded, declared settled), and the lock per kecamatan (after its totals are read out; unlock with a reason), both with the
// ketua's PIN. A decision names the manifest it was taken on.
import type { KabKecamatanModel } from '../../../../../../shared/domain/kab-pleno';
import type { Totals } from '../../../../../../shared/domain/model';
import { fail, ok, type Result } from '../../../../../../shared/domain/result';
import type { BackendContext } from '../../../context';
import { runCommand, type CommandUnit, type WritableDb } from '../../../db/command';
import {
  insertKabKeberatan,
  insertKabKeberatanSelesai,
  insertKabKejadian,
  insertKabKejadianSelesai,
  insertKabKunci,
  insertKabPenerimaan,
  listKabKejadian,
  listKabKejadianSelesai,
  listKabPlenoRows,
} from '../../../repositories/kab-pleno.repo';
import { getPenerimaMaster } from '../../../repositories/penerima.repo';
import { requireAnggota, requireKetua } from './kab-anggota.service';
import { kabPemilihanList, loadKabSnapshot } from './kab-snapshot';

// pleno-changed with no pemilihan: the receiver's pemilihan ids are the masters' own, not the kecamatan's typed ones.
const changed = (unit: CommandUnit) => unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });

const text = (s: string | undefined | null) => (s ?? '').trim();

/** The kecamatan's model in the current state of a pemilihan, or a refusal in words. */
export function kecamatanIn(
  ctx: Pick<BackendContext, 'db'>,
  pemilihan: string,
  kode: string,
): Result<KabKecamatanModel> {
  const snap = loadKabSnapshot(ctx.db, pemilihan);
  if (!snap.ok) return snap;
  const k = snap.value.model.kecamatan.find((x) => x.kode === kode);
  return k ? ok(k) : fail('NOT_FOUND', `Kecamatan ${kode} tidak ada di penerima ini.`, 'kecamatan');
}

/** The kecamatan a decision is taken on: it has pushed a D.Hasil (the decision names that manifest), not locked. */
export function openKecamatan(
  ctx: Pick<BackendContext, 'db'>,
  pemilihan: string,
  kode: string,
): Result<KabKecamatanModel & { manifest: string }> {
  const k = kecamatanIn(ctx, pemilihan, kode);
  if (!k.ok) return k;
  const { manifest, nama, locked } = k.value;
  if (!manifest) return fail('CONFLICT', `Kecamatan ${nama} belum mengirim D.Hasil.`);
  if (locked) return fail('LOCKED', `Kecamatan ${nama} sudah dikunci. Buka kuncinya lebih dulu.`);
  return ok({ ...k.value, manifest });
}

/** The ketua (checked by the PIN) who signs a decision, and when, as the kab/kota rows store them. */
export function byKetua(ctx: BackendContext, pin: string | undefined): Result<{ oleh: string; createdAt: string }> {
  const ketua = requireKetua(ctx, pin);
  return ketua.ok ? ok({ oleh: ketua.value.nama, createdAt: ctx.clock().toISOString() }) : ketua;
}

/** A reason of at least three characters, trimmed, or the refusal saying it is required. */
function reasonGiven(s: string | undefined, refusal: string): Result<string> {
  const t = text(s);
  return t.length >= 3 ? ok(t) : fail('INVALID_INPUT', refusal, 'alasan');
}

export interface AcceptInput {
  kecamatan: string;
  pemilihan: string;
  keputusan: 'diterima' | 'tidak-diterima';
  alasan?: string;
  pin?: string;
}

/** Accepts the kecamatan's latest committed final D.Hasil, or records its latest push as not acceptable. */
export function acceptKecamatan(ctx: BackendContext, input: AcceptInput): Result<{ manifest: string }> {
  return runCommand(ctx, (unit) => {
    const k = openKecamatan(ctx, input.pemilihan, input.kecamatan);
    if (!k.ok) return k;
    const kec = k.value;
    const alasan = text(input.alasan);
    if (input.keputusan === 'diterima' && kec.status !== 'final')
      return fail(
        'CONFLICT',
        `D.Hasil Kecamatan ${kec.nama} yang diterima masih draf; hanya D.Hasil final yang dapat diterima pleno. ` +
          'Catat sebagai tidak dapat diterima atau tunggu kiriman final.',
      );
    if (input.keputusan === 'tidak-diterima' && alasan.length < 3)
      return fail('INVALID_INPUT', 'Alasan mengapa hasil ini tidak dapat diterima wajib diisi.', 'alasan');
    const by = byKetua(ctx, input.pin);
    if (!by.ok) return by;
    const { kode, manifest } = kec;
    insertKabPenerimaan(unit.db, {
      kecamatan: kode,
      pemilihan: input.pemilihan,
      manifest,
      ...by.value,
      keputusan: input.keputusan,
      alasan: alasan || null,
    });
    changed(unit);
    return ok({ manifest: kec.manifest });
  });
}

export interface LockAnswer {
  kecamatan: string;
  nama: string;
  locked: boolean;
  total: Totals;
  final: boolean;
}

/** Appends a kunci/buka row for the kecamatan's current manifest, signed by the ketua with the PIN. */
function recordKunci(
  ctx: BackendContext,
  unit: CommandUnit,
  row: { kecamatan: string; pemilihan: string; manifest: string; aksi: 'kunci' | 'buka'; alasan: string | null },
  pin: string | undefined,
): Result<void> {
  const by = byKetua(ctx, pin);
  if (!by.ok) return by;
  insertKabKunci(unit.db, { ...row, ...by.value });
  changed(unit);
  return ok(undefined);
}

/** Locks a kecamatan: its figures (after approved corrections) were read out; refused with the reasons otherwise. */
export function lockKecamatan(
  ctx: BackendContext,
  input: { kecamatan: string; pemilihan: string; pin?: string },
): Result<LockAnswer> {
  return runCommand(ctx, (unit) => {
    const k = kecamatanIn(ctx, input.pemilihan, input.kecamatan);
    if (!k.ok) return k;
    const kec = k.value;
    if (kec.locked) return fail('CONFLICT', `Kecamatan ${kec.nama} sudah dikunci.`);
    if (kec.lockBlockers.length > 0 || !kec.manifest || !kec.total)
      return fail(
        'CONFLICT',
        `Kecamatan ${kec.nama} belum dapat dikunci: ${kec.lockBlockers.join(' ')}`,
        kec.lockBlockers.join('\n'),
      );
    const row = { kecamatan: kec.kode, pemilihan: input.pemilihan, manifest: kec.manifest };
    const done = recordKunci(ctx, unit, { ...row, aksi: 'kunci', alasan: null }, input.pin);
    if (!done.ok) return done;
    const after = loadKabSnapshot(unit.db, input.pemilihan);
    const final = after.ok && after.value.model.final.final;
    return ok({ kecamatan: kec.kode, nama: kec.nama, locked: true, total: kec.total, final });
  });
}

export function unlockKecamatan(
  ctx: BackendContext,
  input: { kecamatan: string; pemilihan: string; alasan: string; pin?: string },
): Result<{ locked: false }> {
  return runCommand(ctx, (unit) => {
    const k = kecamatanIn(ctx, input.pemilihan, input.kecamatan);
    if (!k.ok) return k;
    const kec = k.value;
    if (!kec.locked || !kec.manifest) return fail('CONFLICT', `Kecamatan ${kec.nama} tidak sedang dikunci.`);
    const alasan = reasonGiven(input.alasan, 'Alasan membuka kunci wajib diisi.');
    if (!alasan.ok) return alasan;
    const row = { kecamatan: kec.kode, pemilihan: input.pemilihan, manifest: kec.manifest };
    const done = recordKunci(ctx, unit, { ...row, aksi: 'buka', alasan: alasan.value }, input.pin);
    return done.ok ? ok({ locked: false as const }) : done;
  });
}

/** What a keberatan and a kejadian record alike: where (either may be for all), who raised it, and what. */
interface Raised {
  kecamatan: string | null;
  pemilihan: string | null;
  pihak: string;
  uraian: string;
}

/** Stores a keberatan or kejadian raised now, recorded by a KPU member, and tells the screens. */
function storeRaised<R extends Raised>(
  ctx: BackendContext,
  insert: (db: WritableDb, row: R & { oleh: string; createdAt: string }) => { id: number },
  row: R,
  by: { nama: string },
): Result<{ id: number }> {
  return runCommand(ctx, (unit) => {
    const { id } = insert(unit.db, { ...row, oleh: by.nama, createdAt: ctx.clock().toISOString() });
    changed(unit);
    return ok({ id });
  });
}

export interface KeberatanInput {
  kecamatan: string | null;
  pemilihan: string;
  pihak: string;
  uraian: string;
  oleh: string;
}

/** Records a keberatan (always allowed, even on a locked kecamatan: it then blocks the final). */
export function raiseKeberatan(ctx: BackendContext, input: KeberatanInput): Result<{ id: number }> {
  const who = requireAnggota(ctx, input.oleh);
  if (!who.ok) return who;
  if (!kabPemilihanList(ctx.db).some((p) => p.id === input.pemilihan))
    return fail('NOT_FOUND', `Pemilihan "${input.pemilihan}" tidak ada.`, 'pemilihan');
  if (input.kecamatan !== null && !getPenerimaMaster(ctx.db, input.kecamatan))
    return fail('NOT_FOUND', `Kecamatan ${input.kecamatan} tidak ada di penerima ini.`, 'kecamatan');
  if (text(input.pihak).length < 1)
    return fail('INVALID_INPUT', 'Pihak yang mengajukan keberatan wajib diisi.', 'pihak');
  if (text(input.uraian).length < 3) return fail('INVALID_INPUT', 'Uraian keberatan wajib diisi.', 'uraian');
  const { kecamatan, pemilihan } = input;
  return storeRaised(
    ctx,
    insertKabKeberatan,
    { kecamatan, pemilihan, pihak: text(input.pihak), uraian: text(input.uraian) },
    who.value,
  );
}

export function resolveKeberatan(
  ctx: BackendContext,
  input: { id: number; hasil: 'diterima' | 'ditolak'; alasan: string; pin?: string },
): Result<{ id: number }> {
  return runCommand(ctx, (unit) => {
    const rows = kabPemilihanList(ctx.db).flatMap((p) => {
      const r = listKabPlenoRows(unit.db, p.id);
      return r.keberatan.map((k) => ({ k, done: r.keberatanSelesai.some((s) => s.keberatan === k.id) }));
    });
    const found = rows.find((r) => r.k.id === input.id);
    if (!found) return fail('NOT_FOUND', 'Keberatan tidak ditemukan.');
    if (found.done) return fail('CONFLICT', 'Keberatan ini sudah diselesaikan.');
    const alasan = reasonGiven(input.alasan, 'Alasan penyelesaian keberatan wajib diisi.');
    if (!alasan.ok) return alasan;
    const by = byKetua(ctx, input.pin);
    if (!by.ok) return by;
    insertKabKeberatanSelesai(unit.db, { keberatan: input.id, hasil: input.hasil, alasan: alasan.value, ...by.value });
    changed(unit);
    return ok({ id: input.id });
  });
}

export function addKejadian(
  ctx: BackendContext,
  input: { kecamatan: string | null; pemilihan: string | null; pihak: string; uraian: string; oleh: string },
): Result<{ id: number }> {
  const who = requireAnggota(ctx, input.oleh);
  if (!who.ok) return who;
  if (input.kecamatan !== null && !getPenerimaMaster(ctx.db, input.kecamatan))
    return fail('NOT_FOUND', `Kecamatan ${input.kecamatan} tidak ada di penerima ini.`, 'kecamatan');
  if (input.pemilihan !== null && !kabPemilihanList(ctx.db).some((p) => p.id === input.pemilihan))
    return fail('NOT_FOUND', `Pemilihan "${input.pemilihan}" tidak ada.`, 'pemilihan');
  if (text(input.uraian).length < 3) return fail('INVALID_INPUT', 'Uraian kejadian wajib diisi.', 'uraian');
  const { kecamatan, pemilihan } = input;
  const pihak = text(input.pihak) || 'KPU Kabupaten/Kota';
  return storeRaised(ctx, insertKabKejadian, { kecamatan, pemilihan, pihak, uraian: text(input.uraian) }, who.value);
}

/** Declares a kejadian khusus settled, with how (printed as its penyelesaian), recorded by a KPU member. */
export function closeKabKejadian(
  ctx: BackendContext,
  input: { id: number; catatan: string; oleh: string },
): Result<{ id: number }> {
  const who = requireAnggota(ctx, input.oleh);
  if (!who.ok) return who;
  return runCommand(ctx, (unit) => {
    if (!listKabKejadian(unit.db).some((k) => k.id === input.id))
      return fail('NOT_FOUND', 'Kejadian khusus tidak ditemukan.');
    if (listKabKejadianSelesai(unit.db).some((s) => s.kejadian === input.id))
      return fail('CONFLICT', 'Kejadian khusus ini sudah dinyatakan selesai.');
    const catatan = text(input.catatan);
    if (catatan.length < 3) return fail('INVALID_INPUT', 'Tulis bagaimana kejadian ini diselesaikan.', 'catatan');
    insertKabKejadianSelesai(unit.db, {
      kejadian: input.id,
      catatan,
      oleh: who.value.nama,
      createdAt: ctx.clock().toISOString(),
    });
    changed(unit);
    return ok({ id: input.id });
  });
}
