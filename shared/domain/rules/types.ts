// Rule and violation types shared by the rule families (docs/domain.md §2), plus small message helpers.
import { type CHasilCounts, type LP } from '../model';

export type Severity = 'error' | 'warning';

export const RULE_CODES = [
  'R01',
  'R02',
  'R03',
  'R04',
  'R05',
  'R06',
  'R07',
  'R08',
  'R09',
  'R10',
  'R11',
  'R12',
  'R13',
] as const;
export type RuleCode = (typeof RULE_CODES)[number];
/**
 * R01–R13 look at one record; R14–R16 (warnings) across the pemilihan of a TPS, the DPTb lists and shared photos;
 * R17 (warning) at the record's `dibuat` against the election window.
 */
export type CheckCode = RuleCode | 'R14' | 'R15' | 'R16' | 'R17';

export interface Violation {
  code: CheckCode;
  severity: Severity;
  /** Bahasa Indonesia, with the concrete numbers. */
  message: string;
  /** Exact count paths concerned (see labels.ts), e.g. 'pemilih.jumlah.l', 'suara.paslon.2'. */
  fields: string[];
  /** R16: the photo sheet concerned (the review marks its page). */
  lembar?: number;
}

/** What a rule needs beyond the record: the TPS's DPT in the data master and the number of choices. */
export interface RuleContext {
  dptMaster: LP;
  pilihanCount: number;
}

export interface Rule {
  code: RuleCode;
  /** The most severe level this rule reports (R04 reports an error part and a warning part). */
  severity: Severity;
  /** Every level this rule can report. */
  severities: readonly Severity[];
  /** Short title in Bahasa Indonesia. */
  title: string;
  /** Every count path this rule may concern, for a pemilihan with `pilihanCount` choices. */
  fields(pilihanCount: number): string[];
  check(counts: CHasilCounts, ctx: RuleContext): Violation[];
}

export const SIDES = ['l', 'p'] as const;
export type Side = (typeof SIDES)[number];
export const SIDE_NAMES: Record<Side, string> = { l: 'laki-laki', p: 'perempuan' };

/** "a + b + c = s" for messages. */
export function sumText(values: readonly number[]): string {
  return `${values.join(' + ')} = ${sum(values)}`;
}

export function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

/** Total pengguna hak pilih (Jumlah B, L + P, as written on the form). */
export function totalPengguna(c: CHasilCounts): number {
  return c.pengguna.jumlah.l + c.pengguna.jumlah.p;
}

export function totalPenggunaText(c: CHasilCounts): string {
  return sumText([c.pengguna.jumlah.l, c.pengguna.jumlah.p]);
}

export const PENGGUNA_JUMLAH_FIELDS = ['pengguna.jumlah.l', 'pengguna.jumlah.p'];

export function paslonFields(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `suara.paslon.${i}`);
}

/**
 * A rule of one error check over the whole record (R05–R09, R11): `broken` gives the violation's message, or null
 * when the counts agree; the violation names every field of the rule.
 */
export function wholeRecordRule(
  code: RuleCode,
  title: string,
  fields: (pilihanCount: number) => string[],
  broken: (counts: CHasilCounts) => string | null,
): Rule {
  return {
    code,
    severity: 'error',
    severities: ['error'],
    title,
    fields,
    check(counts) {
      const message = broken(counts);
      return message === null ? [] : [{ code, severity: 'error', message, fields: fields(counts.suara.paslon.length) }];
    },
  };
}
