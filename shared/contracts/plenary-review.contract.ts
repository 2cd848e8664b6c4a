// View models of the TPS review (plenary.tps): the records side by side, corrections, keberatan, kejadian and
// decisions of one TPS. Part of the plenary contract (plenary.contract.ts re-exports them); plain JSON computed by
// electron/main/backend/services/plenary.
import type { CHasilCounts, PemilihanId } from '../domain/model';
import type { Violation } from '../domain/rules/index';
import type { CorrectionBasis } from '../domain/correction';
import type { TileStatus } from '../domain/read-model';
import type { WithdrawnView } from './plenary-session.contract';
import type { DashboardTile, FieldChange, ObjectionBy, ObjectionScope, PemilihanSummary } from './plenary.contract';

export interface SubmissionView {
  id: number;
  channel: string;
  source: string;
  device: string | null;
  receivedAt: string;
  /** Time written by the device. */
  dibuat: string | null;
  sha256: string;
  counts: CHasilCounts;
  foto: { lembar: number; sha256: string; available: boolean }[];
  /** This submission is the one counted (before corrections). */
  counted: boolean;
  /** Differs from the first submission. */
  differs: boolean;
  /** Warnings about this record (R17: `dibuat` outside the election window), Bahasa Indonesia. */
  peringatan: string[];
}

export interface CorrectionView {
  id: number;
  state: 'proposed' | 'approved' | 'rejected';
  changes: FieldChange[];
  reason: string;
  basis: CorrectionBasis;
  basisNote: string | null;
  evidencePhoto: string | null;
  proposedBy: string;
  proposedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  decisionReason: string | null;
  objectionId: number | null;
}

export interface ObjectionView {
  id: number;
  scope: ObjectionScope;
  pemilihan: PemilihanId | null;
  desa: string | null;
  tps: string | null;
  by: ObjectionBy;
  byLabel: string;
  text: string;
  raisedBy: string;
  raisedAt: string;
  state: 'terbuka' | 'diterima' | 'ditolak';
  resolution: {
    outcome: 'diterima' | 'ditolak';
    reason: string;
    correctionId: number | null;
    recountNote: string | null;
    by: string;
    at: string;
  } | null;
}

export interface KejadianView {
  id: number;
  pemilihan: PemilihanId | null;
  desa: string | null;
  tps: string | null;
  text: string;
  by: string;
  at: string;
  /** Closed, with how it was settled (printed as its penyelesaian); null while open. */
  selesai: { note: string; by: string; at: string } | null;
}

export interface AcceptanceView {
  id: number;
  submissionId: number | null;
  overrideReason: string | null;
  by: string;
  at: string;
  /** Withdrawn (batalkan): it no longer counts. */
  withdrawn: WithdrawnView | null;
}

export interface ConflictChoiceView {
  id: number;
  submissionId: number;
  reason: string;
  by: string;
  at: string;
  withdrawn: WithdrawnView | null;
}

export interface TpsReview {
  tps: string;
  nomor: number;
  desa: { kode: string; nama: string };
  pemilihan: PemilihanSummary;
  dptMaster: { l: number; p: number };
  status: TileStatus;
  base: DashboardTile['base'];
  konflik: boolean;
  sengketa: boolean;
  bermasalah: boolean;
  /** The counted version (null when nothing arrived). */
  current: CHasilCounts | null;
  /** What the current version is: a submission, or a correction on top of it. */
  currentSource: { kind: 'submission'; submissionId: number } | { kind: 'correction'; correctionId: number } | null;
  violations: Violation[];
  submissions: SubmissionView[];
  /** Differences between the first two differing submissions (konflik), by field. */
  conflictDiff: { path: string; label: string; values: number[] }[];
  corrections: CorrectionView[];
  objections: ObjectionView[];
  kejadian: KejadianView[];
  acceptances: AcceptanceView[];
  conflictChoices: ConflictChoiceView[];
  locked: boolean;
  /** The hold for PSU/PSS/PSL in force (psu.hold): the TPS is not counted until its new result is accepted. */
  tunda: {
    jenis: 'PSU' | 'PSS' | 'PSL';
    dasar: string;
    alasan: string;
    by: string;
    at: string;
    /** True while no result received after the hold is the counted one: the old result cannot be accepted. */
    menungguHasilBaru: boolean;
  } | null;
  /** Neighbours in plenary order (desa order, TPS order) for next/previous. */
  prev: string | null;
  next: string | null;
}
