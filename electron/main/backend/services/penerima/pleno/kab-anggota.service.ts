// The KPU kab/kota members of a receiver's plenary (docs/receiver-plenary.md): one ketua and anggota, added by name
// (`pleno penerima anggota` or the Anggota KPU card). Each sets a PIN (the same scrypt rows as the kecamatan level,
// decider_pin); the plenary's decisions are the ketua's, confirmed with the ketua's PIN.
import { samePerson } from '../../../../../../shared/domain/authority';
import { fail, ok, type Result } from '../../../../../../shared/domain/result';
import { checkPinFormat } from '../../../../../../shared/domain/sidang';
import type { BackendContext } from '../../../context';
import { runCommand } from '../../../db/command';
import { insertKabAnggota, listKabAnggota, type KabAnggota } from '../../../repositories/kab-pleno.repo';
import { getPenerima } from '../../../repositories/penerima.repo';
import { insertDeciderPin } from '../../../repositories/sidang.repo';
import { currentPin, hashPin, verifyPin } from '../../plenary/pins.service';

export const NOT_RECEIVER = 'Basis data ini adalah basis data kecamatan, bukan penerima kabupaten/kota.';

export interface AnggotaView {
  nama: string;
  jabatan: 'ketua' | 'anggota';
  pin: boolean;
}

export function anggotaList(ctx: Pick<BackendContext, 'db'>): AnggotaView[] {
  return listKabAnggota(ctx.db).map((a) => ({
    nama: a.nama,
    jabatan: a.jabatan,
    pin: currentPin(ctx, a.nama) !== null,
  }));
}

export function addAnggota(
  ctx: BackendContext,
  input: { nama: string; jabatan: 'ketua' | 'anggota' },
  actor: string,
): Result<AnggotaView> {
  if (!getPenerima(ctx.db)) return fail('NO_KECAMATAN', NOT_RECEIVER);
  const nama = input.nama.trim().replace(/\s+/g, ' ');
  if (nama.length < 3 || nama.length > 200)
    return fail('INVALID_INPUT', 'Nama anggota wajib diisi (3–200 huruf).', 'nama');
  return runCommand(ctx, (unit) => {
    const held = listKabAnggota(unit.db);
    if (held.some((a) => samePerson(a.nama, nama))) return fail('CONFLICT', `${nama} sudah terdaftar.`, 'nama');
    if (input.jabatan === 'ketua' && held.some((a) => a.jabatan === 'ketua'))
      return fail('CONFLICT', 'Ketua KPU kabupaten/kota sudah terdaftar.', 'jabatan');
    insertKabAnggota(unit.db, { nama, jabatan: input.jabatan, actor, createdAt: ctx.clock().toISOString() });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ nama, jabatan: input.jabatan, pin: false });
  });
}

function memberNamed(ctx: Pick<BackendContext, 'db'>, nama: string): KabAnggota | undefined {
  return listKabAnggota(ctx.db).find((a) => samePerson(a.nama, nama));
}

/** A member sets their PIN; changing one needs the current PIN. */
export function setKabPin(
  ctx: BackendContext,
  input: { nama: string; pin: string; currentPin?: string },
): Result<{ nama: string }> {
  const m = memberNamed(ctx, input.nama);
  if (!m) return fail('NOT_FOUND', `${input.nama} bukan anggota KPU kabupaten/kota yang terdaftar.`, 'nama');
  return runCommand(ctx, (unit) => {
    if (currentPin(ctx, m.nama)) {
      const v = verifyPin(ctx, m.nama, input.currentPin);
      if (!v.ok) return fail(v.error.code, `Untuk mengganti PIN, masukkan PIN lama. ${v.error.message}`, 'currentPin');
    }
    const format = checkPinFormat(input.pin);
    if (!format.ok) return format;
    const at = ctx.clock().toISOString();
    insertDeciderPin(unit.db, {
      nama: m.nama,
      action: 'set',
      ...hashPin(input.pin),
      reason: null,
      setBy: m.nama,
      setAt: at,
    });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ nama: m.nama });
  });
}

/** The ketua KPU kab/kota, confirmed with the ketua's PIN: what every decision of this plenary requires. */
export function requireKetua(ctx: BackendContext, pin: string | undefined): Result<KabAnggota> {
  if (!getPenerima(ctx.db)) return fail('NO_KECAMATAN', NOT_RECEIVER);
  const ketua = listKabAnggota(ctx.db).find((a) => a.jabatan === 'ketua');
  if (!ketua)
    return fail(
      'CONFLICT',
      'Ketua KPU kabupaten/kota belum terdaftar. Daftarkan anggota KPU lebih dulu (Anggota KPU).',
    );
  const v = verifyPin(ctx, ketua.nama, pin);
  return v.ok ? ok(ketua) : v;
}

/** Who records (a keberatan, a kejadian, a proposed correction): a registered member, named. */
export function requireAnggota(ctx: Pick<BackendContext, 'db'>, nama: string): Result<KabAnggota> {
  if (!getPenerima(ctx.db)) return fail('NO_KECAMATAN', NOT_RECEIVER);
  const m = memberNamed(ctx, nama);
  return m
    ? ok(m)
    : fail('FORBIDDEN', `${nama || 'Pencatat'} bukan anggota KPU kabupaten/kota yang terdaftar.`, 'oleh');
}
