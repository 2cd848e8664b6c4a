// The data of the kab/kota documents (docs/receiver-plenary.md) from the one loader of the kab/kota plenary
// (kab-snapshot.ts): D.Hasil Kabupaten/Kota-KWK — a column per kecamatan with its `sumber` (the push it comes from
// and the kab/kota corrections applied), JUMLAH, a lampiran per kecamatan by desa — and its D.Kejadian Khusus.
import { CORRECTION_BASIS_LABELS, type CorrectionBasis } from '../../../../../../shared/domain/correction';
import type { KabPemilihanModel } from '../../../../../../shared/domain/kab-pleno';
import { fieldLabel } from '../../../../../../shared/domain/labels';
import { formatKode, type CHasilCounts, type Pemilihan } from '../../../../../../shared/domain/model';
import { sumTotals } from '../../../../../../shared/domain/recap';
import { canonicalize } from '../../../../../../shared/formats/canonical';
import type {
  KabDHasilData,
  KabDocHeader,
  KabDocMeta,
  KabKejadianData,
} from '../../../../../../shared/documents/kabko-types';
import { formatNumber } from '../../../../../../shared/documents/format';
import type { KejadianEntry } from '../../../../../../shared/documents/types';
import type { Db } from '../../../context';
import { listKabKejadian, listKabKejadianSelesai, listKabPlenoRows } from '../../../repositories/kab-pleno.repo';
import type { PenerimaRow } from '../../../repositories/penerima.repo';
import { kecamatanMaster } from '../kecamatan-masters';
import { anggotaList } from './kab-anggota.service';
import { approvedKoreksi, kabSumberKoreksi } from './kab-trace';

export function kabHeader(db: Db, me: PenerimaRow, p: Pemilihan): KabDocHeader {
  const anggota = anggotaList({ db }).map((a) => ({ nama: a.nama, jabatan: a.jabatan }));
  anggota.sort((a, b) => (a.jabatan === b.jabatan ? 0 : a.jabatan === 'ketua' ? -1 : 1));
  return {
    provinsi: { kode: me.provinsiKode, nama: me.provinsiNama },
    kabkota: { kode: me.kabkotaKode, nama: me.kabkotaNama },
    pemilihan: { id: p.id, nama: p.nama },
    pilihan: p.pilihan,
    anggota,
    tempat: me.kabkotaNama.replace(/^(Kabupaten|Kota)\s+/i, ''),
  };
}

export function kabDHasilData(
  model: KabPemilihanModel,
  header: KabDocHeader,
  meta: KabDocMeta & { kind: 'd-hasil-kabko' },
): KabDHasilData {
  const kecamatan = model.kecamatan.map((k) => ({
    kode: k.kode,
    nama: k.nama,
    total: k.total,
    dikunci: k.locked,
    sumber:
      k.manifest && k.dokumen && k.urutan !== null
        ? {
            manifest: k.manifest,
            urutan: k.urutan,
            dokumen: k.dokumen,
            koreksi: k.koreksi
              .filter((x) => x.state === 'disetujui')
              .sort((a, b) => (a.keputusan!.waktu < b.keputusan!.waktu ? -1 : 1))
              .map(kabSumberKoreksi),
          }
        : null,
  }));
  const counted = kecamatan.flatMap((k) => (k.total ? [k.total] : []));
  return {
    format: 'pleno.document/2',
    meta,
    header,
    recap: { kecamatan, total: sumTotals(counted, model.pilihanCount) },
    lampiran: model.kecamatan
      .filter((k) => k.total)
      .map((k) => ({
        kode: k.kode,
        nama: k.nama,
        desa: k.desa.map((d) => ({ kode: d.kode, nama: d.nama, total: d.total })),
      })),
  };
}

/** Sentences for every total of a D.Hasil Kabupaten/Kota that is not the sum of its parts (empty when none). */
export function kabDocumentSumErrors(data: KabDHasilData): string[] {
  const n = data.header.pilihan.length;
  const errors: string[] = [];
  const same = (a: CHasilCounts, b: CHasilCounts) => canonicalize(a) === canonicalize(b);
  for (const l of data.lampiran) {
    const k = data.recap.kecamatan.find((x) => x.kode === l.kode);
    const sum = sumTotals(
      l.desa.map((d) => d.total),
      n,
    );
    if (!k?.total || !same(k.total, sum)) errors.push(`Jumlah Kecamatan ${l.nama} bukan jumlah desa-desanya.`);
  }
  const all = data.recap.kecamatan.flatMap((k) => (k.total ? [k.total] : []));
  if (!same(data.recap.total, sumTotals(all, n))) errors.push('Jumlah kabupaten/kota bukan jumlah kecamatannya.');
  return errors;
}

function placeOf(db: Db, kecamatan: string | null, tps?: string): string {
  if (kecamatan === null) return 'Kabupaten/Kota';
  const m = kecamatanMaster(db, kecamatan);
  const nama = m?.kecamatan.nama ?? kecamatan;
  if (!tps) return `Kecamatan ${nama}`;
  const desa = m?.desa.find((d) => tps.startsWith(d.kode));
  return `Kecamatan ${nama}, Desa ${desa?.nama ?? formatKode(tps.slice(0, 10))}, TPS ${tps.slice(10)}`;
}

/** Every keberatan, kejadian, approved correction, refused result and unlock of the pemilihan, in time order. */
export function kabKejadianEntries(db: Db, p: Pemilihan, ketua: string): KejadianEntry[] {
  const rows = listKabPlenoRows(db, p.id);
  const out: KejadianEntry[] = [];
  for (const k of rows.keberatan) {
    const s = rows.keberatanSelesai.find((x) => x.keberatan === k.id);
    out.push({
      waktu: k.createdAt,
      tempat: placeOf(db, k.kecamatan),
      pihak: k.pihak,
      jenis: 'keberatan',
      uraian: k.uraian,
      penyelesaian: s ? `${s.hasil === 'diterima' ? 'Diterima' : 'Ditolak'}: ${s.alasan} (${s.oleh})` : '',
    });
  }
  const selesai = new Map(listKabKejadianSelesai(db).map((s) => [s.kejadian, s]));
  for (const k of listKabKejadian(db).filter((x) => x.pemilihan === null || x.pemilihan === p.id)) {
    const s = selesai.get(k.id);
    out.push({
      waktu: k.createdAt,
      tempat: placeOf(db, k.kecamatan),
      pihak: k.pihak,
      jenis: 'kejadian',
      uraian: k.uraian,
      penyelesaian: s ? `${s.catatan} (${s.oleh})` : '',
    });
  }
  for (const k of rows.koreksi) {
    const d = rows.koreksiKeputusan.find((x) => x.koreksi === k.id && x.keputusan === 'disetujui');
    if (!d) continue;
    const basis = CORRECTION_BASIS_LABELS[k.dasar as CorrectionBasis] ?? k.dasar;
    out.push({
      waktu: d.createdAt,
      tempat: placeOf(db, k.kecamatan, k.tps),
      pihak: k.oleh,
      jenis: 'koreksi',
      uraian: `Koreksi ${fieldLabel(k.bidang, p.pilihan)}: ${formatNumber(k.dari)} → ${formatNumber(k.menjadi)}. Dasar: ${basis}. Alasan: ${k.alasan}`,
      penyelesaian: `Disetujui ${d.oleh} (${d.oleh === ketua ? 'Ketua KPU' : 'KPU'})`,
      koreksi: [approvedKoreksi(k, d)],
    });
  }
  for (const a of rows.penerimaan.filter((x) => x.keputusan === 'tidak-diterima'))
    out.push({
      waktu: a.createdAt,
      tempat: placeOf(db, a.kecamatan),
      pihak: 'KPU Kabupaten/Kota',
      jenis: 'penerimaan',
      uraian: `Hasil kecamatan tidak dapat diterima pleno: ${a.alasan ?? ''}`,
      penyelesaian: `Diputuskan ${a.oleh}`,
    });
  for (const u of rows.kunci.filter((x) => x.aksi === 'buka'))
    out.push({
      waktu: u.createdAt,
      tempat: placeOf(db, u.kecamatan),
      pihak: 'KPU Kabupaten/Kota',
      jenis: 'kejadian',
      uraian: `Kunci kecamatan dibuka kembali: ${u.alasan ?? ''}`,
      penyelesaian: `Diputuskan ${u.oleh}`,
    });
  return out.sort((a, b) => (a.waktu < b.waktu ? -1 : a.waktu > b.waktu ? 1 : 0));
}

export function kabKejadianData(
  db: Db,
  p: Pemilihan,
  header: KabDocHeader,
  meta: KabDocMeta & { kind: 'kejadian-kabko' },
): KabKejadianData {
  const ketua = header.anggota.find((a) => a.jabatan === 'ketua')?.nama ?? '';
  return { format: 'pleno.document/2', meta, header, entries: kabKejadianEntries(db, p, ketua) };
}
