// The consistency rules R01–R13 (docs/domain.md §2) and the record check.
//
// Exports:
//   RULES: readonly Rule[]                                     in code order
//   RULES_BY_CODE: Record<RuleCode, Rule>
//   checkRecord(counts: CHasilCounts, ctx: { dptMaster: LP; pilihanCount: number }): Violation[]
//       every violation, sorted by code (stable: within a code, L before P and form order)
//   hasBlockingError(violations): boolean                      true if any violation is an error
//   errorsOf / warningsOf(violations), fieldsWithViolations(violations) → Map<path, Severity> (worst per field)
import { type CHasilCounts } from '../model';
import { BALLOT_RULES } from './ballots';
import { DISABILITAS_RULES } from './disabilitas';
import { LIMIT_RULES } from './limits';
import { MASTER_RULES } from './master-check';
import { type Rule, type RuleCode, type RuleContext, type Severity, type Violation } from './types';
import { VOTE_RULES } from './votes';
import { VOTER_RULES } from './voters';

export {
  type CheckCode,
  type Rule,
  type RuleCode,
  type RuleContext,
  type Severity,
  type Violation,
  RULE_CODES,
} from './types';
export { R01, R02, R03 } from './voters';
export { R04 } from './disabilitas';
export { R05, R06, R07 } from './votes';
export { R08, R09, R11 } from './ballots';
export { R10, R12, cadangan, expectedSuratSuara } from './master-check';
export { R13, MAX_FORM_COUNT, MAX_PEMILIH_TPS } from './limits';

export const RULES: readonly Rule[] = [
  ...VOTER_RULES,
  ...DISABILITAS_RULES,
  ...VOTE_RULES,
  ...BALLOT_RULES,
  ...MASTER_RULES,
  ...LIMIT_RULES,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

export const RULES_BY_CODE = Object.fromEntries(RULES.map((r) => [r.code, r])) as Record<RuleCode, Rule>;

/** Runs every rule on one record; violations sorted by code. */
export function checkRecord(counts: CHasilCounts, ctx: RuleContext): Violation[] {
  // RULES is in code order and each rule reports in form order, so concatenation is already sorted and stable.
  return RULES.flatMap((rule) => rule.check(counts, ctx));
}

/** An error blocks acceptance until the plenary decides (correct, or accept with a recorded reason). */
export function hasBlockingError(violations: readonly Violation[]): boolean {
  return violations.some((v) => v.severity === 'error');
}

export function errorsOf(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.severity === 'error');
}

export function warningsOf(violations: readonly Violation[]): Violation[] {
  return violations.filter((v) => v.severity === 'warning');
}

/** The worst severity per field path, for highlighting cells. */
export function fieldsWithViolations(violations: readonly Violation[]): Map<string, Severity> {
  const out = new Map<string, Severity>();
  for (const v of violations) {
    for (const f of v.fields) {
      if (v.severity === 'error' || !out.has(f)) out.set(f, v.severity);
    }
  }
  return out;
}
