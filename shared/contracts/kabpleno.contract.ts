// Contract methods of the kab/kota plenary of a receiver database (docs/receiver-plenary.md): the state of one
// pemilihan over every kecamatan (from the one derivation shared/domain/kab-pleno.ts), the KPU kab/kota members and
// their PINs, and the decisions — accept or refuse a kecamatan's pushed D.Hasil, keberatan, kejadian khusus, lock per
// kecamatan, corrections of a TPS figure. Implemented by kabpleno.handlers.ts; a kecamatan database refuses them.
import { z } from 'zod';
import type { KabPemilihanModel } from '../domain/kab-pleno';
import type { Totals } from '../domain/model';
import { method, type MethodDef } from './method';
import { pinInput } from './plenary-session.contract';

export interface KabAnggotaView {
  nama: string;
  jabatan: 'ketua' | 'anggota';
  /** Whether the member has set a PIN. */
  pin: boolean;
}

export interface KabKejadianView {
  id: number;
  kecamatan: string | null;
  pemilihan: string | null;
  pihak: string;
  uraian: string;
  oleh: string;
  waktu: string;
  /** Declared settled: how (printed as its penyelesaian), by whom, when. */
  selesai: { catatan: string; oleh: string; waktu: string } | null;
}

export interface KabDokumenView {
  id: number;
  docId: string;
  kind: 'd-hasil-kabko' | 'kejadian-kabko';
  pemilihan: string;
  version: number;
  final: boolean;
  pages: number;
  dataSha256: string;
  fileName: string;
  issuedAt: string;
  reason: string | null;
}

export interface KabPlenoView {
  kabkota: { kode: string; nama: string };
  pemilihan: { id: string; nama: string; pilihan: { nomor: number; nama: string; kolomKosong: boolean }[] };
  /** Every pemilihan of the kab/kota, for the switcher. */
  semua: { id: string; nama: string }[];
  model: KabPemilihanModel;
  anggota: KabAnggotaView[];
  kejadian: KabKejadianView[];
}

const kode = z.string().regex(/^\d{6}$/);
const pemilihan = z.string().regex(/^[a-z][a-z0-9-]{0,31}$/);
const nama = z.string().max(200);
const alasan = z.string().max(2000);
const noInput = z.object({}).strict();
const stateInput = z.object({ pemilihan }).strict();
const addAnggotaInput = z.object({ nama, jabatan: z.enum(['ketua', 'anggota']) }).strict();
const setPinInput = z.object({ nama, pin: pinInput, currentPin: pinInput.optional() }).strict();
const acceptInput = z
  .object({
    kecamatan: kode,
    pemilihan,
    keputusan: z.enum(['diterima', 'tidak-diterima']),
    alasan: alasan.optional(),
    pin: pinInput.optional(),
  })
  .strict();
const lockInput = z.object({ kecamatan: kode, pemilihan, pin: pinInput.optional() }).strict();
const unlockInput = z.object({ kecamatan: kode, pemilihan, alasan, pin: pinInput.optional() }).strict();
const keberatanInput = z
  .object({ kecamatan: kode.nullable(), pemilihan, pihak: nama, uraian: alasan, oleh: nama })
  .strict();
const resolveInput = z
  .object({ id: z.number().int().positive(), hasil: z.enum(['diterima', 'ditolak']), alasan, pin: pinInput.optional() })
  .strict();
const kejadianInput = z
  .object({ kecamatan: kode.nullable(), pemilihan: pemilihan.nullable(), pihak: nama, uraian: alasan, oleh: nama })
  .strict();
const closeKejadianInput = z.object({ id: z.number().int().positive(), catatan: alasan, oleh: nama }).strict();
const proposeInput = z
  .object({
    kecamatan: kode,
    pemilihan,
    tps: z.string().regex(/^\d{13}$/),
    bidang: z.string().min(3).max(40),
    menjadi: z.number().int().min(0).max(9999),
    dasar: z.string().min(3).max(40),
    alasan,
    oleh: nama,
  })
  .strict();
/** A kab/kota correction as proposed (the service and the dialog take the same fields). */
export type KabKoreksiInput = z.infer<typeof proposeInput>;
const issueInput = z
  .object({
    kind: z.enum(['d-hasil-kabko', 'kejadian-kabko']),
    pemilihan,
    final: z.boolean().optional(),
    reason: alasan.optional(),
    paper: z.enum(['a4', 'f4']).optional(),
  })
  .strict();
const listInput = z.object({ pemilihan }).strict();
const fileInput = z.object({ id: z.number().int().positive() }).strict();
const decideInput = z
  .object({
    id: z.number().int().positive(),
    pemilihan,
    keputusan: z.enum(['disetujui', 'ditolak']),
    alasan: alasan.optional(),
    pin: pinInput.optional(),
  })
  .strict();

export const kabplenoMethods = {
  'kabpleno.state': method<typeof stateInput, KabPlenoView>(stateInput),
  'kabpleno.anggota': method<typeof noInput, { anggota: KabAnggotaView[] }>(noInput),
  'kabpleno.addAnggota': method<typeof addAnggotaInput, KabAnggotaView>(addAnggotaInput),
  'kabpleno.setPin': method<typeof setPinInput, { nama: string }>(setPinInput),
  'kabpleno.accept': method<typeof acceptInput, { manifest: string }>(acceptInput),
  'kabpleno.lock': method<
    typeof lockInput,
    { kecamatan: string; nama: string; locked: boolean; total: Totals; final: boolean }
  >(lockInput),
  'kabpleno.unlock': method<typeof unlockInput, { locked: false }>(unlockInput),
  'kabpleno.raiseKeberatan': method<typeof keberatanInput, { id: number }>(keberatanInput),
  'kabpleno.resolveKeberatan': method<typeof resolveInput, { id: number }>(resolveInput),
  'kabpleno.addKejadian': method<typeof kejadianInput, { id: number }>(kejadianInput),
  'kabpleno.closeKejadian': method<typeof closeKejadianInput, { id: number }>(closeKejadianInput),
  'kabpleno.proposeKoreksi': method<typeof proposeInput, { id: number; dari: number }>(proposeInput),
  'kabpleno.decideKoreksi': method<typeof decideInput, { id: number }>(decideInput),
  'kabpleno.issue': method<typeof issueInput, KabDokumenView>(issueInput),
  'kabpleno.documents': method<typeof listInput, { dokumen: KabDokumenView[] }>(listInput),
  'kabpleno.file': method<typeof fileInput, { id: number; fileName: string; base64: string; sha256: string }>(
    fileInput,
  ),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
