// The document data for the current state of the database (docs/documents.md): every number, and whether the
// pemilihan is final (every desa locked, no open keberatan, no unexplained broken sum), comes from the read model
// (services/plenary/plenary-snapshot.ts), the same one the recap and the plenary screens show. Expected refusals are
// Result values (shared/domain/result.ts); only a bug throws.
import type { BackendContext } from '../../context';
import type { DataMaster, Pemilihan, PemilihanId } from '../../../../../shared/domain/model';
import { tpsCode } from '../../../../../shared/domain/model';
import { docHeader } from '../../../../../shared/documents/header';
import {
  DOCUMENT_FORMAT,
  LAYOUT_VERSION,
  type DHasilData,
  type DocMeta,
  type DocTps,
  type DocumentData,
  type KejadianData,
} from '../../../../../shared/documents/types';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import type { Violation } from '../../../../../shared/domain/rules/index';
import { isCrossCode } from '../../../../../shared/domain/cross-checks';
import { isCountPath } from '../../../../../shared/domain/labels';
import { toSumber, type CountTrace, type Sumber } from '../../../../../shared/domain/count-trace';
import { loadDataMaster } from '../../repositories/master.repo';
import { recap } from '../recap/recap.service';
import { loadSnapshot, type PemilihanSnapshot } from '../plenary/plenary-snapshot';
import { unexplainedBreaks } from './plenary-record';
import { kejadianEntries, placeOf } from './kejadian-entries';
import { kehadiranFor } from '../plenary/sidang.service';

/**
 * The R14–R17 warnings among a TPS's violations, as a lampiran entry's `peringatan`, each with the count paths it is
 * about (`bidang`: those cells of the TPS column are marked; absent when it concerns no count: R16 a photo, R17 the
 * record's time).
 */
export function crossWarnings(
  violations: readonly Violation[],
  pilihanCount: number,
): NonNullable<DocTps['peringatan']> {
  return violations.flatMap((v) => {
    if (!isCrossCode(v.code)) return [];
    const bidang = v.fields.filter((f) => isCountPath(f, pilihanCount));
    return [{ kode: v.code, pesan: v.message, ...(bidang.length > 0 ? { bidang } : {}) }];
  });
}

/** The trace as `sumber`; a counted number without a trace is a bug, never printed as traced. */
function traceSumber(trace: CountTrace | null): Sumber {
  const sumber = toSumber(trace);
  if (!sumber) throw new Error('document: counted TPS without a count trace');
  return sumber;
}

export function pemilihanOf(master: DataMaster, id: string): Result<Pemilihan> {
  const p = master.pemilihan.find((x) => x.id === id);
  if (p) return ok(p);
  return fail(
    'NOT_FOUND',
    `Pemilihan "${id}" tidak ada dalam data master (yang ada: ${master.pemilihan.map((x) => x.id).join(', ')}).`,
    'pemilihan',
  );
}

/**
 * Why the pemilihan is not final yet (empty when it is): the read model's verdict (unlocked desa, open keberatan),
 * and counted records whose sums still break R01/R02/R05/R06 without an acceptance reason recorded by the plenary.
 */
export function finalBlockers(ctx: Pick<BackendContext, 'db'>, pemilihan: PemilihanId): string[] {
  const snap = loadSnapshot(ctx, pemilihan);
  if (!snap.ok) return [snap.error.message];
  const reasons = snap.value.final?.reasons ?? [];
  // Locking a desa already needs every TPS settled (an error accepted only with a reason), so a break is checked
  // once the read model calls the pemilihan final: then it is a correction that left a sum wrong, or a lock recorded
  // around the plenary's checks, and the documents alone refuse (the other readers keep the read model's verdict).
  const master = reasons.length === 0 ? loadDataMaster(ctx.db) : null;
  return master ? unexplainedBreaks(snap.value, { place: (tps, desa) => placeOf(master, tps, desa) }) : reasons;
}

function dHasilData(
  ctx: Pick<BackendContext, 'db'>,
  master: DataMaster,
  base: Omit<DHasilData, 'recap' | 'lampiran'>,
  snap: PemilihanSnapshot,
): Result<DHasilData> {
  const r = recap(ctx, snap.pemilihan.id, [snap])?.pemilihan[0];
  if (!r) return fail('NO_KECAMATAN', 'Belum ada data master.');
  const lampiran = master.desa.map((d) => ({
    kode: d.kode,
    nama: d.nama,
    tps: d.tps.map((t) => {
      const tps = snap.byTps.get(tpsCode(d.kode, t.nomor));
      const hold = tps?.derived.tunda ?? null;
      // A TPS on hold for PSU/PSS/PSL is not counted: no numbers, no source, and the hold named.
      if (hold) return { nomor: t.nomor, counts: null, sumber: null, tunda: { jenis: hold.jenis, dasar: hold.dasar } };
      const counts = tps?.derived.current ?? null;
      // pleno.document/2: where the count comes from (the record and the approved corrections applied to it).
      const entry = { nomor: t.nomor, counts, sumber: counts ? traceSumber(tps?.trace ?? null) : null };
      // The cross checks R14–R17 it breaks (warnings), marked and listed on the page; absent when none.
      const peringatan = counts && tps ? crossWarnings(tps.violations, snap.pemilihan.pilihan.length) : [];
      return peringatan.length > 0 ? { ...entry, peringatan } : entry;
    }),
  }));
  // Who attended the sidang (recorded in the plenary): the saksi names printed on the signature page.
  const k = kehadiranFor(ctx, snap.pemilihan.id);
  const attended = k.saksi.length + k.panwaslu.length + k.ppk.length > 0;
  return ok({
    ...base,
    recap: { tps: r.tps, desa: r.desa, total: r.total },
    lampiran,
    ...(attended ? { kehadiran: k } : {}),
  });
}

/** The document data for the current state of the database (not yet signed or recorded). */
export function buildDocumentData(
  ctx: Pick<BackendContext, 'db'>,
  master: DataMaster,
  meta: Omit<DocMeta, 'layout'>,
): Result<DocumentData> {
  const p = pemilihanOf(master, meta.pemilihan);
  if (!p.ok) return p;
  const header = docHeader(master, p.value);
  const fullMeta: DocMeta = { ...meta, layout: LAYOUT_VERSION };
  const snap = loadSnapshot(ctx, p.value.id);
  if (!snap.ok) return snap;
  if (meta.kind === 'kejadian-khusus') {
    const data: KejadianData = {
      format: DOCUMENT_FORMAT,
      meta: { ...fullMeta, kind: 'kejadian-khusus' },
      header,
      entries: kejadianEntries(ctx, master, snap.value),
    };
    return ok(data);
  }
  return dHasilData(
    ctx,
    master,
    { format: DOCUMENT_FORMAT, meta: { ...fullMeta, kind: 'd-hasil' }, header },
    snap.value,
  );
}
