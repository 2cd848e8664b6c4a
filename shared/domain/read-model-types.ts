// The shapes of the one read model (read-model.ts, docs/read-model.md): the rows it takes, per pemilihan, and the
// TPS, desa and pemilihan models it derives from them. Types only (and the tile order), so readers of the model need
// not load the derivation.
import type { CountTrace } from './count-trace';
import type { PemilihanRecord, SharedPhotoRowIn } from './cross-checks';
import type { CHasilCounts, DataMaster, LP, Pilihan, PemilihanId } from './model';
import type { Violation } from './rules/index';
import type { CurrentSource, FinalCheck, TpsState } from './status';

/** What a TPS tile shows: the base status, overridden by the flag that needs attention first. */
export type TileStatus =
  'belum-masuk' | 'masuk' | 'bermasalah' | 'konflik' | 'sengketa' | 'sesuai' | 'dikoreksi' | 'ditunda';
export const TILE_STATUSES: readonly TileStatus[] = [
  'belum-masuk',
  'masuk',
  'bermasalah',
  'konflik',
  'sengketa',
  'sesuai',
  'dikoreksi',
  'ditunda',
] as const;

// ---- Input rows: the fields the derivation reads (storage's rows have these and more) ----

export interface SubmissionRowIn {
  id: number;
  tps: string;
  /** SHA-256 of JCS(payload). */
  sha256: string;
  receivedAt: string;
  counts: CHasilCounts;
  /** When the KPPS device says the record was made (R17); absent: R17 is not checked for it. */
  dibuat?: string;
}
export interface DecisionActRowIn {
  id: number;
  tps: string;
  submissionId: number;
  decidedAt: string;
}
export interface CorrectionRowIn {
  id: number;
  tps: string;
  baseSubmissionId: number | null;
  baseCorrectionId: number | null;
  counts: CHasilCounts;
  reason: string;
  /** As stored: the basis code, or `lainnya: <note>`. */
  basis: string;
}
export interface CorrectionDecisionRowIn {
  correctionId: number;
  decision: 'approved' | 'rejected';
  decidedBy: string;
  decidedAt: string;
}
export interface ObjectionRowIn {
  id: number;
  scope: 'tps' | 'desa' | 'prosedur';
  tps: string | null;
  desa: string | null;
}
/** A decision withdrawn (batalkan): the acceptance or conflict choice `targetId` no longer counts. */
export interface WithdrawalRowIn {
  id: number;
  kind: 'acceptance' | 'conflict_choice';
  targetId: number;
  tps: string;
  reason: string;
  decidedBy: string;
  decidedAt: string;
}
/**
 * A hold for PSU/PSS/PSL (migration 0009): the TPS is not counted until a submission received after it
 * (id > sebelumKiriman) is accepted or chosen by the plenary.
 */
export interface TundaRowIn {
  id: number;
  tps: string;
  jenis: 'PSU' | 'PSS' | 'PSL';
  dasar: string;
  alasan: string;
  sebelumKiriman: number;
  decidedBy: string;
  decidedAt: string;
}
export interface LockEventRowIn {
  id: number;
  desa: string | null;
  action: 'lock' | 'unlock';
}

/** The row types a caller passes (and gets back, unchanged, in the model). */
export interface RowTypes {
  submission: SubmissionRowIn;
  acceptance: DecisionActRowIn;
  choice: DecisionActRowIn;
  correction: CorrectionRowIn;
  decision: CorrectionDecisionRowIn;
  objection: ObjectionRowIn;
  resolution: { objectionId: number };
  lockEvent: LockEventRowIn;
}

export interface PemilihanRows<R extends RowTypes> {
  master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'>;
  pemilihan: { id: PemilihanId; nama: string; pilihan: Pilihan[] };
  /** Only this desa is derived (pass at least its rows); `final` then stays null. */
  desa?: string;
  submissions: readonly R['submission'][];
  acceptances: readonly R['acceptance'][];
  choices: readonly R['choice'][];
  corrections: readonly R['correction'][];
  decisions: readonly R['decision'][];
  /** Keberatan of this pemilihan and those about all pemilihan (any scope). */
  objections: readonly R['objection'][];
  resolutions: readonly R['resolution'][];
  /** Lock events of this pemilihan. */
  lockEvents: readonly R['lockEvent'][];
  /** Acceptances and conflict choices withdrawn (batalkan); absent = none. */
  withdrawals?: readonly WithdrawalRowIn[];
  /** Holds for PSU/PSS/PSL of this pemilihan (absent: none). */
  holds?: readonly TundaRowIn[];
  /**
   * R14: TPS code → the counted numbers of that TPS in the other pemilihan of the kecamatan (shared/domain/
   * cross-checks.ts); absent: R14 finds nothing. R15 needs only the TPS's own numbers and always runs.
   */
  siblings?: ReadonlyMap<string, readonly PemilihanRecord[]>;
  /** R16: every photo held by records of more than one TPS (all pemilihan of the kecamatan); absent: none. */
  sharedPhotos?: readonly SharedPhotoRowIn[];
  /**
   * R17: when the data master was imported here (null: a SIMULASI master, no lower bound; rules/r17-dibuat.ts);
   * absent: R17 is not checked.
   */
  dibuatWindow?: { masterImported: string | null };
}

// ---- The model ----

export interface DerivedTps {
  base: TpsState['status'];
  konflik: boolean;
  sengketa: boolean;
  /** The counted version has a rule error (domain flag, also after an accepted override). */
  bermasalah: boolean;
  current: CHasilCounts | null;
  /** Rule check of the counted version (shared/domain/rules), R01–R13 then the cross checks R14–R17. */
  violations: Violation[];
  currentSource: { kind: 'submission'; submissionId: number } | { kind: 'correction'; correctionId: number } | null;
  /** The domain's own description of the counted version (for its correction checks). */
  domainSource: CurrentSource;
  /** The submission counted before corrections (chosen/accepted, else the first); the start of the trace. */
  countedSubmissionId: number | null;
  /** A correction proposed and not yet decided. */
  pendingCorrectionId: number | null;
  openObjectionIds: number[];
  /** The hold for PSU/PSS/PSL in force (not yet lifted by an accepted new result), or null. */
  tunda: TundaRowIn | null;
}

export interface TpsModel<R extends RowTypes = RowTypes> {
  row: { kode: string; desa: string; nomor: number };
  dpt: LP;
  submissions: R['submission'][];
  acceptances: R['acceptance'][];
  choices: R['choice'][];
  corrections: R['correction'][];
  decisions: ReadonlyMap<number, R['decision']>;
  /** Keberatan about this TPS (scope tps). */
  objections: R['objection'][];
  /** Its acceptances and conflict choices withdrawn (they stay listed above, and no longer count). */
  withdrawals: WithdrawalRowIn[];
  derived: DerivedTps;
  violations: Violation[];
  tile: TileStatus;
  /** Where the counted number comes from (null when nothing is counted): the document's `sumber`. */
  trace: CountTrace | null;
}

export interface DesaModel<R extends RowTypes = RowTypes> {
  row: { kode: string; nama: string };
  tps: TpsModel<R>[];
  /** Keberatan about the desa itself (scope desa). */
  objections: R['objection'][];
  locked: boolean;
  lockEvents: R['lockEvent'][];
  /** Why the desa cannot be locked now (Bahasa Indonesia; empty when it can or when it is locked). */
  lockBlockers: string[];
}

export interface PemilihanModel<R extends RowTypes = RowTypes> {
  kecamatan: { kode: string; nama: string };
  pemilihanList: { id: PemilihanId; nama: string }[];
  pemilihan: { id: PemilihanId; nama: string; pilihan: Pilihan[] };
  /** Every desa, or only the one asked for. */
  desa: DesaModel<R>[];
  byTps: Map<string, TpsModel<R>>;
  /** Every TPS code of the kecamatan in plenary order (desa order, then TPS number), also when scoped to one desa. */
  order: string[];
  /** True when only one desa was derived: totals, counts, next problem and `final` need a full model. */
  scoped: boolean;
  objections: R['objection'][];
  resolutions: Map<number, R['resolution']>;
  /** Whether the pemilihan is final and, if not, why (status.ts pemilihanFinal); null when scoped. */
  final: FinalCheck | null;
}
