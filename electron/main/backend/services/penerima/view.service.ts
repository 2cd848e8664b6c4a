// What the kab/kota screens show (shared/contracts/penerima.contract.ts): per pemilihan each kecamatan's state
// (belum, draf, final, menunggu berkas, ditolak with its masalah), the drill-down kecamatan → desa → TPS from the
// latest confirmed D.Hasil, and for any TPS its trace: the signed C.Hasil record, then each approved correction.
import type {
  PenerimaDashboard,
  PenerimaKecamatanView,
  PenerimaRow as DashboardRow,
  PenerimaTrace,
} from '../../../../../shared/contracts/penerima.contract';
import { formatKode, tpsCode, type CHasilCounts, type Totals } from '../../../../../shared/domain/model';
import type { Sumber } from '../../../../../shared/domain/count-trace';
import { formatFingerprint, parseEnvelope, payloadHash } from '../../../../../shared/formats/envelope';
import type { Db } from '../../context';
import { nodeCrypto } from '../../crypto';
import { latestDitolakAll, listDitolak } from '../../repositories/penerima-ditolak.repo';
import {
  getObjekJcs,
  getPenerima,
  latestConfirmedAll,
  latestReceipt,
  type ManifestRow,
} from '../../repositories/penerima.repo';
import { kecamatanMaster } from './kecamatan-masters';
import { kabKoreksiOfTps } from './pleno/kab-trace';
import { penerimaRecap } from './recap.service';
import { manifestPayload } from './receive.service';

interface LampiranTps {
  nomor: number;
  counts: CHasilCounts | null;
  sumber: Sumber | null;
}
interface DHasilPayload {
  meta: { final?: boolean };
  recap: { desa: { kode: string; nama: string; total: Totals }[]; total: Totals };
  lampiran: { kode: string; nama: string; tps: LampiranTps[] }[];
}

function dHasilOf(db: Db, m: ManifestRow): DHasilPayload | null {
  const d = manifestPayload(m).objek.find((o) => o.jenis === 'd-hasil');
  const env = d ? parseEnvelope(JSON.parse(getObjekJcs(db, d.sha256)!)) : null;
  return env?.ok ? (env.value.payload as unknown as DHasilPayload) : null;
}

export function penerimaDashboard(db: Db): PenerimaDashboard | null {
  const me = getPenerima(db);
  const recap = penerimaRecap(db);
  if (!me || !recap) return null;
  const confirmed = new Map(latestConfirmedAll(db).map((m) => [`${m.kecamatan}/${m.pemilihan}`, m]));
  const ditolak = new Map(latestDitolakAll(db).map((d) => [`${d.kecamatan}/${d.pemilihan}`, d]));
  const names = new Map<string, string>();
  for (const e of recap.pemilihan[0]?.daftar ?? []) {
    const p = kecamatanMaster(db, e.kode)?.pemilihan ?? [];
    for (const x of p) if (!names.has(x.id)) names.set(x.id, x.nama);
  }
  return {
    kabkota: { kode: me.kabkotaKode, nama: me.kabkotaNama },
    pemilihan: recap.pemilihan.map((p) => ({
      id: p.id,
      nama: names.get(p.id) ?? p.id,
      kecamatan: p.kecamatan,
      total: p.total,
      daftar: p.daftar.map((e): DashboardRow => {
        const m = confirmed.get(`${e.kode}/${p.id}`);
        const receipt = m ? latestReceipt(db, m.address) : undefined;
        const refused = ditolak.get(`${e.kode}/${p.id}`);
        const open = refused && (!m || refused.urutan > m.urutan);
        return {
          ...e,
          diterima: receipt?.createdAt ?? null,
          berkas: receipt?.status ?? null,
          ditolak: open ? { urutan: refused.urutan, masalah: refused.masalah, waktu: refused.createdAt } : null,
        };
      }),
    })),
  };
}

export function penerimaKecamatan(db: Db, kode: string, pemilihan: string): PenerimaKecamatanView | null {
  const master = kecamatanMaster(db, kode);
  if (!master) return null;
  const m = latestConfirmedAll(db).find((x) => x.kecamatan === kode && x.pemilihan === pemilihan);
  const doc = m ? dHasilOf(db, m) : null;
  const p = master.pemilihan.find((x) => x.id === pemilihan);
  return {
    kode,
    nama: master.kecamatan.nama,
    pemilihan,
    pilihan: (p?.pilihan ?? []).map((c) => ({ nomor: c.nomor, nama: c.nama })),
    urutan: m?.urutan ?? null,
    final: doc?.meta.final === true,
    total: doc?.recap.total ?? null,
    desa: (doc?.lampiran ?? []).map((d) => ({
      kode: d.kode,
      nama: d.nama,
      total: doc!.recap.desa.find((x) => x.kode === d.kode)?.total ?? null,
      tps: d.tps.map((t) => ({
        nomor: t.nomor,
        tps: tpsCode(d.kode, t.nomor),
        counts: t.counts,
        dikoreksi: (t.sumber?.koreksi.length ?? 0) > 0,
      })),
    })),
    ditolak: listDitolak(db, kode)
      .filter((d) => d.pemilihan === pemilihan)
      .map((d) => ({ urutan: d.urutan, masalah: d.masalah, waktu: d.createdAt, jalur: d.jalur })),
  };
}

/** The trace of one TPS number in the latest confirmed D.Hasil: the signed record, then each correction. */
export function penerimaTrace(db: Db, kode: string, pemilihan: string, tps: string): PenerimaTrace | null {
  const m = latestConfirmedAll(db).find((x) => x.kecamatan === kode && x.pemilihan === pemilihan);
  const doc = m ? dHasilOf(db, m) : null;
  const desa = doc?.lampiran.find((d) => tps.startsWith(d.kode));
  const entry = desa?.tps.find((t) => tpsCode(desa.kode, t.nomor) === tps);
  if (!m || !desa || !entry) return null;
  let rekaman: PenerimaTrace['rekaman'] = null;
  for (const o of manifestPayload(m).objek.filter((x) => x.jenis === 'c-hasil')) {
    const env = parseEnvelope(JSON.parse(getObjekJcs(db, o.sha256)!));
    if (!env.ok || payloadHash(env.value.payload, nodeCrypto) !== entry.sumber?.rekaman) continue;
    const r = env.value.payload as unknown as CHasilCounts & {
      dibuat: string;
      perangkat: string;
      foto: { sha256: string }[];
    };
    rekaman = {
      hash: entry.sumber.rekaman,
      perangkat: r.perangkat,
      kunci: formatFingerprint(env.value.signature.keyId),
      dibuat: r.dibuat,
      counts: {
        pemilih: r.pemilih,
        pengguna: r.pengguna,
        disabilitas: r.disabilitas,
        suratSuara: r.suratSuara,
        suara: r.suara,
      },
      foto: r.foto.map((f) => f.sha256),
    };
  }
  return {
    kecamatan: kode,
    pemilihan,
    tps,
    tpsLabel: `${desa.nama} TPS ${String(entry.nomor).padStart(3, '0')} (${formatKode(tps)})`,
    urutan: m.urutan,
    counts: entry.counts,
    rekaman,
    koreksi: (entry.sumber?.koreksi ?? []).map((k) => ({ ...k })),
    koreksiKab: kabKoreksiOfTps(db, pemilihan, m.address, tps),
  };
}
