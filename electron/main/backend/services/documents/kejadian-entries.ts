// The entries of a D.Kejadian Khusus, from the read model and the kejadian records: approved corrections and records
// accepted with a reason (plenary-record.ts), keberatan with their resolution, kejadian khusus and refusals to sign,
// in time order with the kecamatan's local time.
import type { BackendContext } from '../../context';
import type { DataMaster, Pemilihan, PemilihanId } from '../../../../../shared/domain/model';
import { formatKode } from '../../../../../shared/domain/model';
import { isoAtOffset, provinsiOffsetMinutes } from '../../../../../shared/documents/format';
import type { KejadianEntry } from '../../../../../shared/documents/types';
import { listKejadian, type Objection } from '../../repositories/plenary.repo';
import { listPenolakan, listTunda } from '../../repositories/tunda.repo';
import { JENIS_TUNDA } from '../../../../../shared/contracts/psu.contract';
import type { PemilihanSnapshot } from '../plenary/plenary-snapshot';
import { acceptanceEntries, correctionEntries, type Placing } from './plenary-record';
import { kejadianClosures } from '../plenary/kejadian.service';

/** "Desa/Kel. Hampang, TPS 003", the desa alone, or the kecamatan. */
export function placeOf(master: DataMaster, tps: string | null, desa: string | null): string {
  const desaKode = tps ? tps.slice(0, 10) : desa;
  const d = desaKode ? master.desa.find((x) => x.kode === desaKode) : undefined;
  const desaText = d ? `Desa/Kel. ${d.nama}` : desaKode ? formatKode(desaKode) : '';
  if (tps) return `${desaText}, TPS ${tps.slice(10)}`;
  return desaText || `Kecamatan ${master.kecamatan.nama}`;
}

function whoOf(o: Objection, p: Pemilihan | undefined): string {
  const r = o.raisedBy;
  const nama = r.nama ? ` (${r.nama})` : '';
  switch (r.peran) {
    case 'saksi': {
      const pil = p?.pilihan.find((x) => x.nomor === r.paslon);
      return `Saksi Paslon ${r.paslon ?? '?'}${pil ? ` ${pil.nama}` : ''}${nama}`;
    }
    case 'panwascam':
      return `Panwaslu Kecamatan${nama}`;
    case 'ppk':
      return `PPK${nama}`;
    default:
      return r.nama ?? 'Lainnya';
  }
}

/** How the document places and dates an entry (the kecamatan's local time: WIB/WITA/WIT). */
export function placingFor(master: DataMaster): Placing {
  const offset = provinsiOffsetMinutes(master.provinsi.kode);
  // Recorded times may be UTC ("Z"); the document shows the kecamatan's local time.
  const local = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : isoAtOffset(Date.parse(iso), offset));
  return { place: (tps, desa) => placeOf(master, tps, desa), local };
}

function objectionEntries(snap: PemilihanSnapshot, p: Pemilihan | undefined, placing: Placing): KejadianEntry[] {
  return snap.objections.map((o) => {
    const r = snap.resolutions.get(o.id);
    return {
      waktu: placing.local(o.raisedAt),
      tempat: placing.place(o.tps, o.desa),
      pihak: whoOf(o, p),
      jenis: 'keberatan',
      uraian: o.text,
      penyelesaian: r
        ? `${r.outcome === 'diterima' ? 'Diterima' : 'Ditolak'}: ${r.reason}${r.correctionId ? ` (koreksi #${r.correctionId})` : ''}`
        : '',
    };
  });
}

function kejadianKhusus(ctx: Pick<BackendContext, 'db'>, pemilihan: PemilihanId, placing: Placing): KejadianEntry[] {
  const closed = kejadianClosures(ctx);
  return listKejadian(ctx.db, { pemilihan }).map((k) => {
    const refusal = /menolak\s+(menandatangani|tanda\s*tangan)/i.test(k.text);
    // Closed in the plenary (kejadian_selesai): how it was settled is its penyelesaian.
    const selesai = closed.get(k.id)?.note;
    return {
      waktu: placing.local(k.at),
      tempat: placing.place(k.tps, k.desa),
      pihak: k.who,
      // A refusal to sign is recorded as a kejadian naming it (PKPU 18/2024: the reason is noted in this form).
      jenis: refusal ? 'penolakan-tanda-tangan' : 'kejadian',
      uraian: k.text,
      penyelesaian: selesai ?? (refusal ? 'Dicatat; dokumen tetap sah tanpa tanda tangan tersebut' : ''),
    };
  });
}

/** Holds for PSU/PSS/PSL: the decision with its basis, and whether the new result has been accepted since. */
function holdEntries(ctx: Pick<BackendContext, 'db'>, snap: PemilihanSnapshot, placing: Placing): KejadianEntry[] {
  return listTunda(ctx.db, { pemilihan: snap.pemilihan.id }).map((h) => {
    const inForce = snap.byTps.get(h.tps)?.derived.tunda?.id === h.id;
    return {
      waktu: placing.local(h.decidedAt),
      tempat: placing.place(h.tps, null),
      pihak: `PPK (diputuskan ${h.decidedBy})`,
      jenis: 'kejadian',
      uraian: `${JENIS_TUNDA[h.jenis]} ditetapkan; TPS ini ditunda dan tidak dihitung sampai hasil barunya diterima pleno. Dasar: ${h.dasar}. Alasan: ${h.alasan}`,
      penyelesaian: inForce ? '' : `Hasil ${h.jenis} diterima pleno dan dihitung`,
    };
  });
}

/** Saksi refusals to sign, recorded as such (paslon, name, reason). */
function refusalEntries(
  ctx: Pick<BackendContext, 'db'>,
  p: Pemilihan | undefined,
  pemilihan: PemilihanId,
  placing: Placing,
): KejadianEntry[] {
  return listPenolakan(ctx.db, pemilihan).map((r) => {
    const pil = p?.pilihan.find((x) => x.nomor === r.paslon);
    return {
      waktu: placing.local(r.recordedAt),
      tempat: placing.place(null, null),
      pihak: `Saksi Paslon ${r.paslon}${pil ? ` ${pil.nama}` : ''} (${r.nama})`,
      jenis: 'penolakan-tanda-tangan',
      uraian: `Saksi ${r.nama} menolak menandatangani. Alasan: ${r.alasan}`,
      penyelesaian: 'Dicatat; dokumen tetap sah tanpa tanda tangan tersebut',
    };
  });
}

/** Objections (with their resolution, from the read model) and kejadian khusus of a pemilihan, in time order. */
export function kejadianEntries(
  ctx: Pick<BackendContext, 'db'>,
  master: DataMaster,
  snap: PemilihanSnapshot,
): KejadianEntry[] {
  const p = master.pemilihan.find((x) => x.id === snap.pemilihan.id);
  const placing = placingFor(master);
  const entries: KejadianEntry[] = [
    ...correctionEntries(snap, master, placing),
    ...acceptanceEntries(snap, placing),
    ...objectionEntries(snap, p, placing),
    ...kejadianKhusus(ctx, snap.pemilihan.id, placing),
    ...holdEntries(ctx, snap, placing),
    ...refusalEntries(ctx, p, snap.pemilihan.id, placing),
  ];
  // Stable order: by time, then as recorded.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.waktu < b.e.waktu ? -1 : a.e.waktu > b.e.waktu ? 1 : a.i - b.i))
    .map((x) => x.e);
}
