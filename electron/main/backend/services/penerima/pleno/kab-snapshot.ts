// The one loader of the kab/kota plenary's state (docs/receiver-plenary.md): the masters, each kecamatan's latest
// committed push (its D.Hasil as signed by the PPK) and the plenary's rows, handed to the pure derivation in
// shared/domain/kab-pleno.ts. Screens, decisions and documents all read it.
import {
  deriveKabPemilihan,
  type KabDHasilIn,
  type KabKecamatanIn,
  type KabPemilihanModel,
} from '../../../../../../shared/domain/kab-pleno';
import type { Pemilihan } from '../../../../../../shared/domain/model';
import { fail, ok, type Result } from '../../../../../../shared/domain/result';
import { parseEnvelope } from '../../../../../../shared/formats/envelope';
import type { Db } from '../../../context';
import { listKabPlenoRows } from '../../../repositories/kab-pleno.repo';
import {
  getObjekJcs,
  getPenerima,
  latestConfirmedAll,
  latestReceipt,
  listPenerimaMasters,
  type PenerimaRow,
} from '../../../repositories/penerima.repo';
import { kecamatanMaster } from '../kecamatan-masters';
import { manifestPayload } from '../receive.service';

export interface KabSnapshot {
  me: PenerimaRow;
  pemilihan: Pemilihan;
  model: KabPemilihanModel;
}

interface PushedDoc {
  meta?: { final?: unknown };
  recap?: { total?: KabDHasilIn['total'] };
  lampiran?: KabDHasilIn['lampiran'];
}

/** The pemilihan of the kab/kota: every id any kecamatan master holds, in first-seen order. */
export function kabPemilihanList(db: Db): Pemilihan[] {
  const out: Pemilihan[] = [];
  for (const row of listPenerimaMasters(db)) {
    for (const p of kecamatanMaster(db, row.kecamatan)!.pemilihan) if (!out.some((x) => x.id === p.id)) out.push(p);
  }
  return out;
}

function pushedOf(db: Db, kode: string, pemilihan: string): KabKecamatanIn['pushed'] {
  const m = latestConfirmedAll(db).find((x) => x.kecamatan === kode && x.pemilihan === pemilihan);
  if (!m) return null;
  const d = manifestPayload(m).objek.find((o) => o.jenis === 'd-hasil');
  const env = d ? parseEnvelope(JSON.parse(getObjekJcs(db, d.sha256)!)) : null;
  if (!d || !env?.ok) throw new Error(`committed manifest ${m.address} has no readable D.Hasil`);
  const doc = env.value.payload as PushedDoc;
  return {
    manifest: m.address,
    dokumen: d.sha256,
    urutan: m.urutan,
    diterima: latestReceipt(db, m.address)?.createdAt ?? null,
    dHasil: { final: doc.meta?.final === true, lampiran: doc.lampiran ?? [], total: doc.recap!.total! },
  };
}

export function loadKabSnapshot(db: Db, pemilihan: string): Result<KabSnapshot> {
  const me = getPenerima(db);
  if (!me) return fail('NO_KECAMATAN', 'Basis data ini bukan penerima kabupaten/kota.');
  const p = kabPemilihanList(db).find((x) => x.id === pemilihan);
  if (!p) return fail('NOT_FOUND', `Pemilihan "${pemilihan}" tidak ada dalam data master kecamatan.`, 'pemilihan');
  const kecamatan: KabKecamatanIn[] = listPenerimaMasters(db)
    .filter((row) => kecamatanMaster(db, row.kecamatan)!.pemilihan.some((x) => x.id === pemilihan))
    .map((row) => ({ kode: row.kecamatan, nama: row.nama, pushed: pushedOf(db, row.kecamatan, pemilihan) }));
  const model = deriveKabPemilihan(pemilihan, p.pilihan.length, kecamatan, listKabPlenoRows(db, pemilihan));
  return ok({ me, pemilihan: p, model });
}
