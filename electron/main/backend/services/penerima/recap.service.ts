// The receiver's recap JSON (docs/design.md §5.2, `pleno penerima recap --json`): per pemilihan, each kecamatan of
// the kab/kota in master order with the state of its latest committed manifest, and the kab/kota total summing the
// final ones only (drafts are listed with their own totals, not summed).
import type { Totals } from '../../../../../shared/domain/model';
import { addTotals, emptyTotals } from '../../../../../shared/domain/recap';
import { parseEnvelope } from '../../../../../shared/formats/envelope';
import type { Db } from '../../context';
import { getObjekJcs, getPenerima, latestConfirmedAll, listPenerimaMasters } from '../../repositories/penerima.repo';
import { kecamatanMaster } from './kecamatan-masters';
import { manifestPayload } from './receive.service';

export interface PenerimaRecapEntry {
  kode: string;
  nama: string;
  status: 'belum' | 'draf' | 'final';
  urutan: number | null;
  total: Totals | null;
}

export interface PenerimaRecap {
  kabkota: string;
  pemilihan: {
    id: string;
    kecamatan: { total: number; masuk: number; final: number };
    daftar: PenerimaRecapEntry[];
    total: Totals;
  }[];
}

interface DHasilMeta {
  meta?: { final?: unknown };
  recap?: { total?: Totals };
}

export function penerimaRecap(db: Db): PenerimaRecap | null {
  const me = getPenerima(db);
  if (!me) return null;
  const masters = listPenerimaMasters(db);
  const latest = new Map(latestConfirmedAll(db).map((m) => [`${m.kecamatan}/${m.pemilihan}`, m]));
  const ids: { id: string; pilihan: number }[] = [];
  for (const row of masters) {
    for (const p of kecamatanMaster(db, row.kecamatan)!.pemilihan) {
      if (!ids.some((x) => x.id === p.id)) ids.push({ id: p.id, pilihan: p.pilihan.length });
    }
  }
  return {
    kabkota: me.kabkotaKode,
    pemilihan: ids.map(({ id, pilihan }) => {
      const daftar: PenerimaRecapEntry[] = [];
      let total = emptyTotals(pilihan);
      for (const row of masters) {
        if (!kecamatanMaster(db, row.kecamatan)!.pemilihan.some((p) => p.id === id)) continue;
        const m = latest.get(`${row.kecamatan}/${id}`);
        const entry: PenerimaRecapEntry = {
          kode: row.kecamatan,
          nama: row.nama,
          status: 'belum',
          urutan: null,
          total: null,
        };
        if (m) {
          const d = manifestPayload(m).objek.find((o) => o.jenis === 'd-hasil');
          const env = d ? parseEnvelope(JSON.parse(getObjekJcs(db, d.sha256)!)) : null;
          const doc = (env?.ok ? env.value.payload : {}) as DHasilMeta;
          entry.status = doc.meta?.final === true ? 'final' : 'draf';
          entry.urutan = m.urutan;
          // Stored objects are JCS text (keys sorted): re-laid in the C.Hasil order of §5.1 like the kab/kota total.
          entry.total = doc.recap?.total ? addTotals(emptyTotals(pilihan), doc.recap.total) : null;
          if (entry.status === 'final' && entry.total) total = addTotals(total, entry.total);
        }
        daftar.push(entry);
      }
      return {
        id,
        kecamatan: {
          total: daftar.length,
          masuk: daftar.filter((e) => e.status !== 'belum').length,
          final: daftar.filter((e) => e.status === 'final').length,
        },
        daftar,
        total,
      };
    }),
  };
}
