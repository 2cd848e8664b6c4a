// Contract methods of the Kirim feature (docs/kirim.md): the receiver setup, the outbox with each push's state, the
// "photos over mobile data" setting, sending now, and the upload bundle carried on a drive with its receipt.
import { z } from 'zod';
import { method, type MethodDef } from './method';

/** menunggu: not delivered yet (waiting for its turn, the link, or the retry); mengirim: being sent now. */
export type KirimState = 'menunggu' | 'mengirim' | 'menunggu-berkas' | 'lengkap' | 'ditolak';

export interface KirimReceiptView {
  status: 'lengkap' | 'menunggu-berkas';
  /** When the receiver signed it (RFC 3339, the receiver's clock). */
  diterima: string;
  /** The audit head the receiver witnessed. */
  auditJumlah: number;
  auditKepala: string;
  berkasKurang: number;
  via: 'online' | 'berkas';
}

export interface KirimPushView {
  manifest: string;
  pemilihan: string;
  urutan: number;
  dibuat: string;
  /** What it carries, in words ("D.Hasil, 4 C.Hasil, 1 PDF, 4 foto"). */
  isi: string;
  state: KirimState;
  /** While mengirim: bytes sent in this run of what the receiver lacked when it started. */
  sentBytes: number;
  totalBytes: number;
  etaSeconds: number | null;
  /** Why it waits, or the receiver's masalah when ditolak (Bahasa Indonesia). */
  reason: string | null;
  receipt: KirimReceiptView | null;
  fotoCount: number;
  fotoBytes: number;
}

export interface KirimPenerimaView {
  kabkota: { kode: string; nama: string };
  url: string;
  /** Receiver key fingerprint, grouped by 4. */
  fingerprint: string;
  installedAt: string;
}

export interface KirimStatus {
  penerima: KirimPenerimaView | null;
  /** This kecamatan's PPK key, for the kab/kota to register (null before a data master exists). */
  ppk: { fingerprint: string; publicKey: string } | null;
  fotoSeluler: boolean;
  /** Photos of pushes not yet lengkap (an estimate: the receiver may already hold some). */
  fotoTertunda: { count: number; bytes: number };
  pushes: KirimPushView[];
  run: {
    running: boolean;
    /** The next automatic attempt (null when none is planned). */
    nextAttemptAt: string | null;
    /** Last known reachability of the receiver (null: not tried yet). */
    online: boolean | null;
  };
}

export interface PenerimaPreviewView {
  /** The certificate envelope (JCS text), given back to kirim.installPenerima. */
  sertifikat: string;
  kabkota: { kode: string; nama: string };
  url: string;
  fingerprint: string;
  dibuat: string;
}

export interface KirimReceiptImport {
  name: string;
  ok: boolean;
  /** "630214 bupati urutan 1: lengkap", or why the file was refused. */
  message: string;
}

const MAX_B64 = 28 * 1024 * 1024;
const empty = z.object({});
const previewInput = z.union([
  z.object({ source: z.literal('berkas'), contentBase64: z.string().min(1).max(MAX_B64) }),
  z.object({ source: z.literal('qr'), contentBase64: z.string().min(1).max(MAX_B64) }),
  z.object({ source: z.literal('url'), url: z.string().min(1).max(2000) }),
  /** The texts of the QR codes the renderer's camera read in one frame (decoded in the browser). */
  z.object({ source: z.literal('kamera'), texts: z.array(z.string().min(1).max(4000)).min(1).max(16) }),
]);
const installInput = z.object({
  sertifikat: z
    .string()
    .min(2)
    .max(64 * 1024),
  confirmFingerprint: z.string().min(16).max(40),
});
const fotoInput = z.object({ allowed: z.boolean() });
const rootInput = z.object({ root: z.string().min(1).max(4096) });
const receiptInput = z.object({
  files: z.array(z.object({ name: z.string().min(1).max(255), contentBase64: z.string().min(1).max(MAX_B64) })).max(50),
});

export const kirimMethods = {
  'kirim.status': method<typeof empty, KirimStatus>(empty),
  'kirim.previewPenerima': method<typeof previewInput, PenerimaPreviewView>(previewInput),
  'kirim.installPenerima': method<typeof installInput, KirimStatus>(installInput),
  /** "Kirim ulang sekarang": the sender tries at once instead of waiting for its backoff. */
  'kirim.sendNow': method<typeof empty, KirimStatus>(empty),
  'kirim.setFotoSeluler': method<typeof fotoInput, KirimStatus>(fotoInput),
  /** Writes the upload bundles of every push without a receipt to `<drive>/Pleno-Kirim/`. */
  'kirim.exportBundles': method<typeof rootInput, { folder: string; files: string[] }>(rootInput),
  /** Receipt files carried back: the JSON file, or a picture of its QR. */
  'kirim.importReceipts': method<typeof receiptInput, KirimReceiptImport[]>(receiptInput),
  /** The receipts the receiver wrote on a drive (`Pleno-Kirim/tanda-terima/*.json`, `tanda-terima/*.json`). */
  'kirim.importReceiptsFromDrive': method<typeof rootInput, KirimReceiptImport[]>(rootInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
