// Corrections at the kab/kota (docs/receiver-plenary.md): a member proposes a new value for one figure of one TPS in
// a kecamatan's pushed D.Hasil, with its basis and reason; the ketua approves (or rejects with a reason) with the PIN.
// The desa and kecamatan figures then follow as sums, shown "x → y", and the trace of that TPS lists the correction
// after the kecamatan's own. `dari` is the value counted when proposed; approving a correction whose `dari` is no
// longer the counted value is refused, so a newer figure is never silently replaced.
import { CORRECTION_BASES } from '../../../../../../shared/domain/correction';
import { kabCurrentValue } from '../../../../../../shared/domain/kab-pleno';
import { fieldLabel, isCountPath } from '../../../../../../shared/domain/labels';
import { fail, ok, type Result } from '../../../../../../shared/domain/result';
import type { KabKoreksiInput } from '../../../../../../shared/contracts/kabpleno.contract';
import type { BackendContext } from '../../../context';
import { runCommand } from '../../../db/command';
import { insertKabKoreksi, insertKabKoreksiKeputusan } from '../../../repositories/kab-pleno.repo';
import { requireAnggota } from './kab-anggota.service';
import { byKetua, openKecamatan } from './kab-decisions.service';
import { kabPemilihanList, loadKabSnapshot } from './kab-snapshot';

export function proposeKabKoreksi(ctx: BackendContext, input: KabKoreksiInput): Result<{ id: number; dari: number }> {
  const who = requireAnggota(ctx, input.oleh);
  if (!who.ok) return who;
  if (!(CORRECTION_BASES as readonly string[]).includes(input.dasar))
    return fail('INVALID_INPUT', 'Dasar koreksi tidak dikenal.', 'dasar');
  if (input.alasan.trim().length < 3) return fail('INVALID_INPUT', 'Alasan koreksi wajib diisi.', 'alasan');
  if (!Number.isInteger(input.menjadi) || input.menjadi < 0 || input.menjadi > 9999)
    return fail('INVALID_INPUT', 'Angka koreksi harus bilangan bulat 0–9999.', 'menjadi');
  return runCommand(ctx, (unit) => {
    const k = openKecamatan(ctx, input.pemilihan, input.kecamatan);
    if (!k.ok) return k;
    const kec = k.value;
    const pilihan = kabPemilihanList(ctx.db).find((p) => p.id === input.pemilihan)!.pilihan;
    if (!isCountPath(input.bidang, pilihan.length))
      return fail('INVALID_INPUT', 'Isian yang dikoreksi tidak dikenal.', 'bidang');
    const dari = kabCurrentValue(kec, input.tps, input.bidang);
    if (dari === null)
      return fail('CONFLICT', 'TPS ini tidak punya angka di D.Hasil kecamatan (belum masuk atau ditunda).', 'tps');
    if (dari === input.menjadi)
      return fail(
        'INVALID_INPUT',
        `${fieldLabel(input.bidang, pilihan)} sudah ${dari}; tidak ada yang dikoreksi.`,
        'menjadi',
      );
    const { id } = insertKabKoreksi(unit.db, {
      kecamatan: kec.kode,
      pemilihan: input.pemilihan,
      manifest: kec.manifest,
      tps: input.tps,
      bidang: input.bidang,
      dari,
      menjadi: input.menjadi,
      dasar: input.dasar,
      alasan: input.alasan.trim(),
      oleh: who.value.nama,
      createdAt: ctx.clock().toISOString(),
    });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ id, dari });
  });
}

export function decideKabKoreksi(
  ctx: BackendContext,
  input: { id: number; pemilihan: string; keputusan: 'disetujui' | 'ditolak'; alasan?: string; pin?: string },
): Result<{ id: number }> {
  return runCommand(ctx, (unit) => {
    const snap = loadKabSnapshot(unit.db, input.pemilihan);
    if (!snap.ok) return snap;
    const kec = snap.value.model.kecamatan.find((k) => k.koreksi.some((x) => x.id === input.id));
    const kor = kec?.koreksi.find((x) => x.id === input.id);
    if (!kec || !kor) return fail('NOT_FOUND', 'Usulan koreksi tidak ditemukan pada kiriman terakhir kecamatannya.');
    if (kor.state !== 'menunggu') return fail('CONFLICT', 'Usulan koreksi ini sudah diputuskan.');
    if (kec.locked) return fail('LOCKED', `Kecamatan ${kec.nama} sudah dikunci. Buka kuncinya lebih dulu.`);
    const alasan = (input.alasan ?? '').trim();
    if (input.keputusan === 'ditolak' && alasan.length < 3)
      return fail('INVALID_INPUT', 'Alasan menolak koreksi wajib diisi.', 'alasan');
    if (input.keputusan === 'disetujui' && kabCurrentValue(kec, kor.tps, kor.bidang) !== kor.dari)
      return fail(
        'CONFLICT',
        'Angka ini sudah berubah sejak koreksi diusulkan. Usulkan koreksi baru dari angka sekarang.',
      );
    const by = byKetua(ctx, input.pin);
    if (!by.ok) return by;
    insertKabKoreksiKeputusan(unit.db, {
      koreksi: input.id,
      keputusan: input.keputusan,
      alasan: alasan || null,
      ...by.value,
    });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ id: input.id });
  });
}
