// What the kab/kota plenary screen shows for one pemilihan: the derived state (kab-snapshot.ts), the members, the
// kejadian khusus recorded (and how each was settled), and the names of the pemilihan and its choices.
import type { KabPlenoView } from '../../../../../../shared/contracts/kabpleno.contract';
import type { Result } from '../../../../../../shared/domain/result';
import { ok } from '../../../../../../shared/domain/result';
import type { BackendContext } from '../../../context';
import { listKabKejadian, listKabKejadianSelesai, type KabKejadianSelesai } from '../../../repositories/kab-pleno.repo';
import { anggotaList } from './kab-anggota.service';
import { kabPemilihanList, loadKabSnapshot } from './kab-snapshot';

const selesaiOf = (s: KabKejadianSelesai | undefined) =>
  s ? { catatan: s.catatan, oleh: s.oleh, waktu: s.createdAt } : null;

export function kabPlenoView(ctx: Pick<BackendContext, 'db'>, pemilihan: string): Result<KabPlenoView> {
  const snap = loadKabSnapshot(ctx.db, pemilihan);
  if (!snap.ok) return snap;
  const { me, pemilihan: p, model } = snap.value;
  const selesai = new Map(listKabKejadianSelesai(ctx.db).map((s) => [s.kejadian, s]));
  return ok({
    kabkota: { kode: me.kabkotaKode, nama: me.kabkotaNama },
    pemilihan: {
      id: p.id,
      nama: p.nama,
      pilihan: p.pilihan.map((c) => ({ nomor: c.nomor, nama: c.nama, kolomKosong: c.kind === 'kolom-kosong' })),
    },
    semua: kabPemilihanList(ctx.db).map((x) => ({ id: x.id, nama: x.nama })),
    model,
    anggota: anggotaList(ctx),
    kejadian: listKabKejadian(ctx.db)
      .filter((k) => k.pemilihan === null || k.pemilihan === pemilihan)
      .map((k) => ({
        id: k.id,
        kecamatan: k.kecamatan,
        pemilihan: k.pemilihan,
        pihak: k.pihak,
        uraian: k.uraian,
        oleh: k.oleh,
        waktu: k.createdAt,
        selesai: selesaiOf(selesai.get(k.id)),
      })),
  });
}
