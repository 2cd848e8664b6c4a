// The corrections the kab/kota plenary approved for one TPS of a kecamatan's push, as `sumber.koreksi` objects
// (docs/design.md §3.7): what the trace lists after the kecamatan's own corrections, and what D.Hasil Kabupaten/Kota
// carries in each kecamatan column's `sumber` (docs/spec-readings.md).
import type { SumberKoreksi } from '../../../../../../shared/domain/count-trace';
import type { CorrectionBasis } from '../../../../../../shared/domain/correction';
import type { KabKoreksiView } from '../../../../../../shared/domain/kab-pleno';
import type { Db } from '../../../context';
import { listKabPlenoRows } from '../../../repositories/kab-pleno.repo';

/** An approved kab/kota correction as a `sumber.koreksi` entry, with the TPS it changes. */
export function kabSumberKoreksi(k: KabKoreksiView): SumberKoreksi & { tps: string } {
  return {
    tps: k.tps,
    bidang: k.bidang,
    dari: k.dari,
    menjadi: k.menjadi,
    dasar: k.dasar as CorrectionBasis,
    alasan: k.alasan,
    disetujui: k.keputusan!.oleh,
    waktu: k.keputusan!.waktu,
  };
}

/** A kab/kota correction row and its approval, as a `sumber.koreksi` entry (the trace and D.Kejadian list it). */
export function approvedKoreksi(
  k: { bidang: string; dari: number; menjadi: number; dasar: string; alasan: string },
  d: { oleh: string; createdAt: string },
): SumberKoreksi {
  const { bidang, dari, menjadi, alasan } = k;
  return { bidang, dari, menjadi, dasar: k.dasar as CorrectionBasis, alasan, disetujui: d.oleh, waktu: d.createdAt };
}

/** Approved kab/kota corrections of one TPS in the push `manifest`, in approval order. */
export function kabKoreksiOfTps(db: Db, pemilihan: string, manifest: string, tps: string): SumberKoreksi[] {
  const rows = listKabPlenoRows(db, pemilihan);
  return rows.koreksi
    .filter((k) => k.manifest === manifest && k.tps === tps)
    .flatMap((k) => {
      const d = rows.koreksiKeputusan.find((x) => x.koreksi === k.id && x.keputusan === 'disetujui');
      return d ? [{ k, d }] : [];
    })
    .sort((a, b) => (a.d.createdAt < b.d.createdAt ? -1 : a.d.createdAt > b.d.createdAt ? 1 : a.d.id - b.d.id))
    .map(({ k, d }) => approvedKoreksi(k, d));
}
