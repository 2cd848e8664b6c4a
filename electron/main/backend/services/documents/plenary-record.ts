// What the documents need from the plenary record beyond the recap: the counted records whose sums still break
// R01/R02/R05/R06 without an acceptance reason (they block a final), and the D.Kejadian Khusus entries of approved
// corrections (field, old → new, basis, approver) and of records the plenary accepted with a reason although a sum
// on them disagrees.
import type { CHasilCounts, DataMaster, Pilihan } from '../../../../../shared/domain/model';
import { basisCode, basisLabel, diffCounts } from '../../../../../shared/domain/correction';
import { BASIS_NOTE_MARK, type SumberKoreksi } from '../../../../../shared/domain/count-trace';
import { fieldLabel, getCount } from '../../../../../shared/domain/labels';
import { isCrossCode } from '../../../../../shared/domain/cross-checks';
import { formatNumber } from '../../../../../shared/documents/format';
import { formulaFailures, type FormulaFailure } from '../../../../../shared/documents/formula';
import type { KejadianEntry } from '../../../../../shared/documents/types';
import type { Acceptance } from '../../repositories/plenary.repo';
import type { PemilihanSnapshot, TpsSnapshot } from '../plenary/plenary-snapshot';

/** "Desa Hampang, TPS 003" (or the kecamatan) for a TPS/desa code, and a recorded time in the kecamatan's zone. */
export interface Placing {
  place(tps: string | null, desa: string | null): string;
  local(iso: string): string;
}

const FAILURE_NAMES: Record<FormulaFailure['code'], string> = {
  R01: 'jumlah pemilih',
  R02: 'jumlah pengguna hak pilih',
  R05: 'jumlah suara sah',
  R06: 'jumlah seluruh suara',
};

/** "jumlah suara sah tertulis 729, A.1+A.2 = 719 (R05)". */
export function failureText(f: FormulaFailure): string {
  const side = f.path.endsWith('.l') ? ' laki-laki' : f.path.endsWith('.p') ? ' perempuan' : '';
  return `${FAILURE_NAMES[f.code]}${side} tertulis ${formatNumber(f.written)}, ${f.formula} = ${formatNumber(f.expected)} (${f.code})`;
}

/** The latest acceptance per TPS whose accepted submission is the counted one. */
function acceptanceOf(acceptances: Acceptance[], tps: string, submissionId: number | null): Acceptance | undefined {
  return acceptances.filter((a) => a.tps === tps && a.submissionId === submissionId).at(-1);
}

/**
 * Counted records of the pemilihan whose own sums break R01/R02/R05/R06 while the plenary has not accepted that very
 * record with a reason: each a sentence for the list of what keeps a final from being issued.
 */
export function unexplainedBreaks(snap: PemilihanSnapshot, placing: Pick<Placing, 'place'>): string[] {
  const out: string[] = [];
  for (const [code, t] of snap.byTps) {
    const counts = t.derived.current;
    const failures = counts ? formulaFailures(counts) : [];
    if (failures.length === 0) continue;
    const src = t.derived.domainSource;
    const acc = src.kind === 'accepted' ? acceptanceOf(t.acceptances, code, src.id) : undefined;
    if (acc?.overrideReason?.trim()) continue;
    out.push(
      `${placing.place(code, null)}: ${failures.map(failureText).join('; ')} — koreksi, atau terima dengan ` +
        `alasan dalam pleno`,
    );
  }
  return out;
}

/** The correction's changes as `sumber.koreksi` objects (pleno.document/2), in form order. */
function koreksiOf(
  c: { counts: CHasilCounts; reason: string; basis: string; changedFields: string[] },
  base: CHasilCounts | undefined,
  d: { decidedBy: string; decidedAt: string },
): SumberKoreksi[] {
  const { basis, note } = basisCode(c.basis);
  if (!base) return [];
  return diffCounts(base, c.counts).map((x) => ({
    bidang: x.path,
    dari: x.a,
    menjadi: x.b,
    dasar: basis,
    alasan: note === null ? c.reason : `${c.reason}${BASIS_NOTE_MARK}${note}`,
    disetujui: d.decidedBy,
    waktu: d.decidedAt,
  }));
}

/** One entry per approved correction, in the order approved: each changed field as "old → new". */
export function correctionEntries(snap: PemilihanSnapshot, master: DataMaster, placing: Placing): KejadianEntry[] {
  const pilihan: Pilihan[] = master.pemilihan.find((p) => p.id === snap.pemilihan.id)?.pilihan ?? [];
  const out: { at: string; id: number; entry: KejadianEntry }[] = [];
  for (const t of snap.byTps.values()) {
    const corrections = new Map(t.corrections.map((c) => [c.id, c]));
    const submissions = new Map(t.submissions.map((s) => [s.id, s.counts]));
    for (const c of t.corrections) {
      const d = t.decisions.get(c.id);
      if (!d || d.decision !== 'approved') continue;
      const base =
        c.baseCorrectionId !== null
          ? corrections.get(c.baseCorrectionId)?.counts
          : c.baseSubmissionId !== null
            ? submissions.get(c.baseSubmissionId)
            : undefined;
      const changes = c.changedFields.map((path) => {
        const from = base ? formatNumber(getCount(base, path)) : '?';
        return `${fieldLabel(path, pilihan)}: ${from} → ${formatNumber(getCount(c.counts, path))}`;
      });
      const by = `${d.decidedBy}${d.decidedAs === 'delegate' ? ' (anggota yang diberi kuasa)' : ' (Ketua PPK)'}`;
      out.push({
        at: d.decidedAt,
        id: d.id,
        entry: {
          waktu: placing.local(d.decidedAt),
          tempat: placing.place(c.tps, null),
          pihak: `PPK (diusulkan ${c.proposedBy})`,
          jenis: 'koreksi',
          uraian: `Koreksi ${changes.join('; ')}. Dasar: ${basisLabel(c.basis)}. Alasan: ${c.reason}`,
          penyelesaian: `Disetujui ${by}`,
          koreksi: koreksiOf(c, base, d),
        },
      });
    }
  }
  return out.sort((x, y) => x.id - y.id).map((x) => x.entry);
}

/** The R14–R17 warnings of the TPS's counted version when `submissionId` is what it counts, as sentences. */
function crossWarningsOf(t: TpsSnapshot, submissionId: number) {
  const counted = t.derived.currentSource?.kind === 'submission' && t.derived.countedSubmissionId === submissionId;
  if (!counted) return [];
  return t.violations.filter((v) => isCrossCode(v.code));
}

/**
 * One entry per record accepted with a reason while a sum on it disagrees (the marked cells of the D.Hasil), and per
 * counted record accepted while it carries an R14–R16 warning (the ◆ columns), with the reason or its absence.
 */
export function acceptanceEntries(snap: PemilihanSnapshot, placing: Placing): KejadianEntry[] {
  const out: { id: number; entry: KejadianEntry }[] = [];
  for (const t of snap.byTps.values()) {
    const submissions = new Map(t.submissions.map((s) => [s.id, s.counts]));
    for (const a of t.acceptances) {
      const reason = a.overrideReason?.trim();
      const counts = submissions.get(a.submissionId);
      const warnings = crossWarningsOf(t, a.submissionId);
      if ((!reason && warnings.length === 0) || !counts) continue;
      const failures = formulaFailures(counts);
      const parts = [
        ...(failures.length > 0 ? [failures.map(failureText).join('; ')] : []),
        ...(warnings.length > 0 ? [`peringatan ${warnings.map((v) => `${v.code}: ${v.message}`).join('; ')}`] : []),
      ];
      const what =
        parts.length > 0
          ? `Data diterima pleno walaupun ${parts.join('; ')}`
          : 'Data diterima pleno walaupun ada pemeriksaan yang tidak terpenuhi';
      out.push({
        id: a.id,
        entry: {
          waktu: placing.local(a.decidedAt),
          tempat: placing.place(a.tps, null),
          pihak: 'PPK',
          jenis: 'penerimaan',
          uraian: reason ? `${what}. Alasan: ${reason}` : `${what}. Alasan tidak dicatat`,
          penyelesaian: `Diterima ${a.decidedBy}`,
        },
      });
    }
  }
  return out.sort((x, y) => x.id - y.id).map((x) => x.entry);
}
