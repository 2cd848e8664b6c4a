// A saksi's refusal to sign the documents of a pemilihan, recorded as such (paslon, the saksi's name, the reason)
// rather than read from a kejadian's wording; the D.Kejadian Khusus lists each one (kejadian-entries.ts). One command
// with its audit entry; refusals are Result values.
import type { BackendContext } from '../../context';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { RefusalView } from '../../../../../shared/contracts/documents.contract';
import { insertPenolakan, listPenolakan } from '../../repositories/tunda.repo';
import { operatorCommand } from '../plenary/members.service';
import { requireMaster } from '../plenary/plenary-snapshot';

export interface RefusalInput {
  pemilihan: PemilihanId;
  paslon: number;
  nama: string;
  alasan: string;
}

export function recordRefusal(ctx: BackendContext, input: RefusalInput): Result<{ refusalId: number }> {
  return operatorCommand(ctx, (unit, actor) => {
    const master = requireMaster(ctx);
    if (!master.ok) return master;
    const p = master.value.pemilihan.find((x) => x.id === input.pemilihan);
    if (!p) return fail('NOT_FOUND', `Pemilihan "${input.pemilihan}" tidak ada dalam data master.`, 'pemilihan');
    const pil = p.pilihan.find((x) => x.nomor === input.paslon && x.kind !== 'kolom-kosong');
    if (!pil) return fail('INVALID_INPUT', `Pasangan calon nomor urut ${input.paslon} tidak ada.`, 'paslon');
    const nama = input.nama.trim();
    const alasan = input.alasan.trim();
    if (!nama) return fail('INVALID_INPUT', 'Nama saksi wajib diisi.', 'nama');
    if (alasan.length < 3) return fail('INVALID_INPUT', 'Alasan menolak menandatangani wajib diisi.', 'alasan');
    const at = ctx.clock().toISOString();
    const row = insertPenolakan(unit.db, {
      pemilihan: p.id,
      paslon: pil.nomor,
      nama,
      alasan,
      recordedBy: actor.nama,
      recordedAt: at,
    });
    unit.emit({ type: 'documents-changed' });
    return ok({ refusalId: row.id });
  });
}

export function refusals(ctx: BackendContext, pemilihan: PemilihanId): RefusalView[] {
  return listPenolakan(ctx.db, pemilihan).map((r) => ({
    id: r.id,
    paslon: r.paslon,
    nama: r.nama,
    alasan: r.alasan,
    recordedBy: r.recordedBy,
    recordedAt: r.recordedAt,
  }));
}
