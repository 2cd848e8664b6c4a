// Contract methods of the plenary session (part of the `plenary.*` feature, merged into plenaryMethods): the
// deciders' PINs, withdrawing a decision (batalkan), the sidang per day with its attendance, closing a kejadian.
import { z } from 'zod';
import { method, type MethodDef } from './method';
import type { PemilihanId } from '../domain/model';
import type { SidangAction, SidangPeran, SidangStatus } from '../domain/sidang';

export interface SidangView {
  /** The current sidang (day number from 1; 0 before the first). */
  hari: number;
  status: SidangStatus;
  dibuka: string | null;
  events: { id: number; hari: number; action: SidangAction; note: string | null; by: string; at: string }[];
  /** Attendance of the current sidang. */
  hadir: {
    id: number;
    peran: SidangPeran;
    pemilihan: PemilihanId | null;
    paslon: number | null;
    nama: string;
    jabatan: string | null;
  }[];
}

/** A withdrawn decision (batalkan), shown on the decision it withdrew. */
export interface WithdrawnView {
  reason: string;
  by: string;
  at: string;
}

const pemilihanId = z.enum(['gubernur', 'bupati', 'walikota']);
const text = (min: number, max: number) => z.string().trim().min(min).max(max);
/** A decider's PIN as typed; its format and value are checked by the backend (clear sentences). */
export const pinInput = z.string().max(16);

const setPinInput = z.object({ pin: pinInput, currentPin: pinInput.optional() }).strict();
const resetPinInput = z
  .object({ member: z.number().int().min(0), reason: text(3, 2000), pin: pinInput.optional() })
  .strict();
const withdrawInput = z
  .object({
    kind: z.enum(['acceptance', 'conflict_choice']),
    id: z.number().int().positive(),
    reason: text(3, 2000),
    pin: pinInput.optional(),
  })
  .strict();
const noInput = z.object({}).strict();
const sidangActionInput = z
  .object({ action: z.enum(['buka', 'skors', 'lanjut', 'tutup']), note: text(0, 2000).optional() })
  .strict();
const hadirInput = z
  .object({
    peran: z.enum(['ppk', 'saksi', 'panwaslu']),
    nama: text(2, 200),
    pemilihan: pemilihanId.optional(),
    paslon: z.number().int().min(1).max(20).optional(),
  })
  .strict();
const withdrawHadirInput = z.object({ hadirId: z.number().int().positive(), reason: text(3, 2000) }).strict();
const resetKetuaPinInput = z
  .object({
    reason: text(3, 2000),
    /** Two delegates (not the ketua), each confirming with their own PIN. */
    witnesses: z.array(z.object({ member: z.number().int().min(0), pin: pinInput }).strict()).length(2),
  })
  .strict();
const closeKejadianInput = z.object({ kejadianId: z.number().int().positive(), note: text(3, 2000) }).strict();

export const plenarySessionMethods = {
  /** The current operator (ketua or delegate) sets their PIN; changing it needs `currentPin`. */
  'plenary.setPin': method<typeof setPinInput, { nama: string }>(setPinInput),
  /** The ketua (with `pin`, the ketua's) clears a member's forgotten PIN, with a reason. */
  'plenary.resetPin': method<typeof resetPinInput, { nama: string }>(resetPinInput),
  /** Batalkan: a Sesuai or a konflik choice withdrawn (appended, never deleted), by a decider with their PIN. */
  'plenary.withdraw': method<typeof withdrawInput, { withdrawalId: number }>(withdrawInput),
  /** The ketua's own forgotten PIN cleared by two delegates with their PINs and a reason; the ketua then sets one. */
  'plenary.resetKetuaPin': method<typeof resetKetuaPinInput, { nama: string }>(resetKetuaPinInput),
  'plenary.sidang': method<typeof noInput, SidangView>(noInput),
  'plenary.sidangAction': method<typeof sidangActionInput, SidangView>(sidangActionInput),
  'plenary.recordHadir': method<typeof hadirInput, SidangView>(hadirInput),
  /** A mistaken attendance entry withdrawn with a reason (appended; the entry stays, marked withdrawn). */
  'plenary.withdrawHadir': method<typeof withdrawHadirInput, SidangView>(withdrawHadirInput),
  'plenary.closeKejadian': method<typeof closeKejadianInput, { kejadianId: number }>(closeKejadianInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
