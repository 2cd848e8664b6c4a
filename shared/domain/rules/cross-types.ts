// Warnings that look beyond one record's own numbers (docs/domain.md §2, R14–R16): across the pemilihan of one TPS, the
// DPTb lists, and photos shared between TPS. Same shape as a rule Violation, with the code widened to R14–R16.
import type { PemilihanId } from '../model';
import type { Violation } from './types';

export type CrossCode = 'R14' | 'R15' | 'R16';

export interface CrossViolation extends Omit<Violation, 'code' | 'severity'> {
  code: CrossCode;
  severity: 'warning';
  /** The pemilihan of the record concerned, where the check spans several. */
  pemilihan?: PemilihanId;
}
