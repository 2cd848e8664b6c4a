// The audit log as a PPK reads it: each entry as a sentence ("Rahmah Mansyur mengusulkan koreksi Desa Hampang
// TPS 003: suara paslon 1 905 → 105") with its desa and TPS, filterable by desa, TPS, person and kind, newest first,
// a page at a time. The entry's row is read back through the storage layer (readAuditedRow) for the place and, for a
// correction, the figures before and after.
import type { BackendContext } from '../../context';
import type { ReadableAuditEntry, ReadableAuditPage } from '../../../../../shared/contracts/audit.contract';
import { listAudit, readAuditedRow, type AuditEntry } from '../../repositories/audit.repo';
import { loadDataMaster } from '../../repositories/master.repo';
import { submissionCounts } from '../../repositories/submission.repo';
import { fieldLabel, getCount } from '../../../../../shared/domain/labels';
import type { CHasilCounts, DataMaster } from '../../../../../shared/domain/model';

const VERBS: Record<string, string> = {
  'submission.diterima': 'menerima kiriman C.Hasil',
  'submission.konflik': 'menerima kiriman C.Hasil yang berbeda (konflik)',
  'submission.foto': 'menyimpan foto C.Hasil',
  'acceptance.create': 'menyatakan sesuai',
  'correction.propose': 'mengusulkan koreksi',
  'correction.approve': 'menyetujui koreksi',
  'correction.reject': 'menolak koreksi',
  'conflict-choice.create': 'memilih kiriman yang dihitung',
  'objection.raise': 'mencatat keberatan',
  'objection.diterima': 'menerima keberatan',
  'objection.ditolak': 'menolak keberatan',
  'kejadian.create': 'mencatat kejadian khusus',
  'kejadian.close': 'menutup kejadian khusus',
  'lock.lock': 'mengunci desa',
  'lock.unlock': 'membuka kunci desa',
  'operator.start': 'mulai bertugas sebagai operator',
  'delegation.grant': 'memberi delegasi persetujuan',
  'delegation.revoke': 'mencabut delegasi persetujuan',
  'backup.restore': 'memulihkan basis data dari cadangan',
  'backup.restore-aside':
    'memulihkan basis data dari cadangan; berkas lama yang rusak atau hanya-baca disimpan di sampingnya',
  'manual.entry': 'memasukkan C.Hasil secara manual',
  'lan.contact': 'mencatat kontak perangkat lewat LAN',
  'quarantine.add': 'menyisihkan berkas yang ditolak ke karantina',
  'photo.store': 'menyimpan foto',
  'acceptance.withdraw': 'membatalkan keputusan Sesuai',
  'conflict-choice.withdraw': 'membatalkan pilihan kiriman',
  'pin.set': 'mengatur PIN keputusannya',
  'pin.reset': 'mengatur ulang PIN',
  'sidang.buka': 'membuka sidang pleno',
  'sidang.skors': 'menskors sidang pleno',
  'sidang.lanjut': 'melanjutkan sidang pleno',
  'sidang.tutup': 'menutup sidang pleno',
  'sidang.hadir': 'mencatat kehadiran sidang',
  'sidang.hadir-batal': 'menarik catatan kehadiran sidang',
  'tps_tunda.create': 'menunda penghitungan untuk pemungutan/penghitungan suara ulang',
  'saksi_penolakan.create': 'mencatat saksi yang menolak menandatangani',
};

export const kindOf = (action: string): string => action.split('.')[0] ?? action;

function verb(action: string): string {
  if (VERBS[action]) return VERBS[action];
  const k = kindOf(action);
  if (k === 'master') return 'mengimpor data master';
  if (k === 'document') return 'menerbitkan dokumen';
  if (k === 'kirim' || k === 'penerima') return 'mencatat pengiriman hasil ke KPU kabupaten/kota';
  if (k === 'sidang') return 'mencatat sidang pleno';
  return 'mencatat perubahan data';
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function correctionDetail(ctx: BackendContext, row: Record<string, unknown>, m: DataMaster | null): string {
  const paths = JSON.parse(String(row.changed_fields_json ?? '[]')) as string[];
  const after = JSON.parse(String(row.counts_json)) as CHasilCounts;
  let before: CHasilCounts | null = null;
  if (typeof row.base_submission_id === 'number') before = submissionCounts(ctx.db, row.base_submission_id);
  else if (typeof row.base_correction_id === 'number') {
    const b = readAuditedRow(ctx.db, 'correction', row.base_correction_id);
    before = b ? (JSON.parse(String(b.counts_json)) as CHasilCounts) : null;
  }
  const pilihan = m?.pemilihan.find((p) => p.id === row.pemilihan)?.pilihan;
  return paths
    .map((p) => `${fieldLabel(p, pilihan)} ${before ? `${getCount(before, p)} → ` : ''}${getCount(after, p)}`)
    .join(', ');
}

function readable(ctx: BackendContext, e: AuditEntry, m: DataMaster | null): ReadableAuditEntry {
  let row: Record<string, unknown> | undefined;
  if (e.entity && e.entityId) row = readAuditedRow(ctx.db, e.entity, e.entityId);
  if (row && e.entity === 'correction_decision' && typeof row.correction_id === 'number')
    row = readAuditedRow(ctx.db, 'correction', row.correction_id) ?? row;
  const tps = str(row?.tps);
  const desaKode = str(row?.desa) ?? (tps ? tps.slice(0, 10) : null);
  const desa = desaKode ? (m?.desa.find((d) => d.kode === desaKode) ?? null) : null;
  const nomor = tps ? Number(tps.slice(10)) : null;
  const place = desa ? `Desa ${desa.nama}${nomor ? ` TPS ${String(nomor).padStart(3, '0')}` : ''}` : '';
  const detail = row && 'changed_fields_json' in row ? correctionDetail(ctx, row, m) : '';
  // A PIN reset names whose PIN it was (the actor is who reset it).
  const whom = e.action === 'pin.reset' && str(row?.nama) ? ` ${str(row?.nama)}` : '';
  const sentence = `${e.actor} ${verb(e.action)}${whom}${place ? ` ${place}` : ''}${detail ? `: ${detail}` : ''}`;
  return {
    seq: e.seq,
    at: e.at,
    actor: e.actor,
    kind: kindOf(e.action),
    sentence,
    desa: desa ? { kode: desa.kode, nama: desa.nama } : null,
    tps,
    tpsNomor: nomor,
    action: e.action,
    hash: e.hash,
  };
}

export interface ReadableQuery {
  limit: number;
  before?: number;
  kind?: string;
  desa?: string;
  tps?: string;
  actor?: string;
}

/** Scans older entries until `limit` match (at most 5,000 entries read per call; `nextBefore` continues). */
export function readableAudit(ctx: BackendContext, q: ReadableQuery): ReadableAuditPage {
  const m = loadDataMaster(ctx.db);
  const out: ReadableAuditEntry[] = [];
  let before = q.before;
  let scanned = 0;
  const who = q.actor?.toLocaleLowerCase('id');
  while (out.length < q.limit && scanned < 5_000) {
    const page = listAudit(ctx.db, {
      limit: 200,
      ...(before ? { before } : {}),
      ...(q.kind ? { action: `${q.kind}.` } : {}),
    });
    if (page.length === 0) return { entries: out, nextBefore: null };
    for (const e of page) {
      scanned += 1;
      before = e.seq;
      if (who && !e.actor.toLocaleLowerCase('id').includes(who)) continue;
      const r = readable(ctx, e, m);
      if (q.desa && r.desa?.kode !== q.desa) continue;
      if (q.tps && r.tps !== q.tps) continue;
      out.push(r);
      if (out.length === q.limit) break;
    }
    if (page.length < 200 && out.length < q.limit) return { entries: out, nextBefore: null };
  }
  return { entries: out, nextBefore: before && before > 1 ? before : null };
}
