// Contract methods of the PSU feature: a TPS put on hold by a plenary decision for pemungutan/penghitungan suara
// ulang or lanjutan (PSU/PSS/PSL) with its basis; the TPS is then left out of the recap, the dashboard totals and
// the D.Hasil until a result received after the hold is accepted or chosen (docs/documents.md).
import { z } from 'zod';
import { method, type MethodDef } from './method';
import { pinInput } from './plenary-session.contract';

export type JenisTunda = 'PSU' | 'PSS' | 'PSL';

export const JENIS_TUNDA: Record<JenisTunda, string> = {
  PSU: 'Pemungutan suara ulang (PSU)',
  PSS: 'Penghitungan suara ulang (PSS)',
  PSL: 'Pemungutan/penghitungan suara lanjutan (PSL)',
};

export interface HoldView {
  id: number;
  tps: string;
  jenis: JenisTunda;
  /** The basis, e.g. "rekomendasi Panwaslu Kecamatan". */
  dasar: string;
  alasan: string;
  decidedBy: string;
  decidedAt: string;
  /** False once a result received after the hold was accepted or chosen. */
  berlaku: boolean;
}

const pemilihanId = z.enum(['gubernur', 'bupati', 'walikota']);
const holdInput = z
  .object({
    tps: z.string().regex(/^\d{13}$/, 'kode TPS 13 digit'),
    pemilihan: pemilihanId,
    jenis: z.enum(['PSU', 'PSS', 'PSL']),
    dasar: z.string().trim().min(3).max(300),
    alasan: z.string().trim().min(3).max(2000),
    pin: pinInput.optional(),
  })
  .strict();
const listInput = z.object({ pemilihan: pemilihanId }).strict();

export const psuMethods = {
  'psu.hold': method<typeof holdInput, { holdId: number }>(holdInput),
  'psu.list': method<typeof listInput, HoldView[]>(listInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
