// Contract methods of the receiver (kab/kota) screens: the dashboard of kecamatan per pemilihan, the drill-down
// kecamatan → desa → TPS with the photo and the trace of a number, unknown PPK keys and their registration by a
// recorded decision, and the first-run set-up from the kecamatan masters. Implemented by penerima.handlers.ts.
import { z } from 'zod';
import type { CHasilCounts, Totals } from '../domain/model';
import type { SumberKoreksi } from '../domain/count-trace';
import { method, type MethodDef } from './method';

export interface PenerimaRow {
  kode: string;
  nama: string;
  status: 'belum' | 'draf' | 'final';
  urutan: number | null;
  total: Totals | null;
  /** When the receipt of the latest confirmed manifest was signed. */
  diterima: string | null;
  /** The receipt of the latest confirmed manifest: lengkap, or still waiting for blobs. */
  berkas: 'lengkap' | 'menunggu-berkas' | null;
  /** A later push refused for its content (newer than the one confirmed), with its problems in words. */
  ditolak: { urutan: number; masalah: string[]; waktu: string } | null;
}

export interface PenerimaDashboard {
  kabkota: { kode: string; nama: string };
  pemilihan: {
    id: string;
    nama: string;
    kecamatan: { total: number; masuk: number; final: number };
    /** Sum of the final kecamatan only (docs/design.md §5.2). */
    total: Totals;
    daftar: PenerimaRow[];
  }[];
}

export interface PenerimaKecamatanView {
  kode: string;
  nama: string;
  pemilihan: string;
  pilihan: { nomor: number; nama: string }[];
  urutan: number | null;
  final: boolean;
  total: Totals | null;
  desa: {
    kode: string;
    nama: string;
    total: Totals | null;
    tps: { nomor: number; tps: string; counts: CHasilCounts | null; dikoreksi: boolean }[];
  }[];
  ditolak: { urutan: number; masalah: string[]; waktu: string; jalur: 'online' | 'berkas' }[];
}

export interface PenerimaTrace {
  kecamatan: string;
  pemilihan: string;
  tps: string;
  tpsLabel: string;
  urutan: number;
  /** The numbers the D.Hasil counts for this TPS. */
  counts: CHasilCounts | null;
  /** The signed C.Hasil record the trace starts from (null if the push did not carry it). */
  rekaman: {
    hash: string;
    perangkat: string;
    kunci: string;
    dibuat: string;
    counts: CHasilCounts;
    foto: string[];
  } | null;
  koreksi: SumberKoreksi[];
  /** Corrections the kab/kota plenary approved for this TPS on this push (docs/receiver-plenary.md). */
  koreksiKab: SumberKoreksi[];
}

export interface UnknownKeyView {
  keyId: string;
  fingerprint: string;
  publicKey: string;
  kecamatan: string;
  nama: string;
  waktu: string;
}

/** Where the §4 receiver of this app listens (the kecamatan push there), or why it does not. */
export interface PenerimaAlamat {
  berjalan: boolean;
  /** The port it listens on (or tried to). */
  port: number | null;
  /** Push URLs: one per LAN address of this laptop, then 127.0.0.1; empty when not running. */
  alamat: string[];
  /** Why it is not running, in words; null while it runs. */
  alasan: string | null;
  /** The receiver key's fingerprint, as the kecamatan see it when they install the certificate. */
  sidikJari: string;
  /** The URL written in the installed certificate (null before one is installed). */
  sertifikatUrl: string | null;
  /** The certificate names another port than the one listened on. */
  peringatan?: string;
}

const kode = z.string().regex(/^\d{6}$/);
const pemilihan = z.string().min(1).max(32);
const noInput = z.object({}).strict();
const kecamatanInput = z.object({ kode, pemilihan }).strict();
const traceInput = z.object({ kecamatan: kode, pemilihan, tps: z.string().regex(/^\d{13}$/) }).strict();
const photoInput = z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }).strict();
const registerInput = z
  .object({ kecamatan: kode, publicKey: z.string().min(40).max(60), alasan: z.string().max(500) })
  .strict();
const initInput = z
  .object({
    files: z
      .array(z.object({ fileName: z.string().min(1).max(255), contentBase64: z.string().min(1).max(28_000_000) }))
      .min(1)
      .max(100),
  })
  .strict();

export const penerimaMethods = {
  'penerima.dashboard': method<typeof noInput, PenerimaDashboard>(noInput),
  'penerima.alamat': method<typeof noInput, PenerimaAlamat>(noInput),
  'penerima.kecamatan': method<typeof kecamatanInput, PenerimaKecamatanView>(kecamatanInput),
  'penerima.trace': method<typeof traceInput, PenerimaTrace>(traceInput),
  'penerima.photo': method<typeof photoInput, { sha256: string; mime: string; base64: string }>(photoInput),
  'penerima.unknownKeys': method<typeof noInput, { kunci: UnknownKeyView[] }>(noInput),
  'penerima.registerKey': method<typeof registerInput, { fingerprint: string }>(registerInput),
  'penerima.init': method<typeof initInput, { kabkota: string; fingerprint: string; kecamatan: number }>(initInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
