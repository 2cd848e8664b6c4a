// Contract methods of the receiver's "Flashdisk" screen (docs/design.md §4.4): the `.pleno-kirim` upload bundles on
// the drives a PPK brings, and their import with the receipt written back to the drive and shown as a QR with its
// words. Part of the `penerima` feature (handlers/penerima-drive.handlers.ts).
import { z } from 'zod';
import { method, type MethodDef } from './method';

export interface DriveBundleView {
  /** Absolute path on the drive. */
  path: string;
  name: string;
  /** Folder holding it, relative to the drive root ('.' for the root). */
  folder: string;
  /** From the bundle's manifest; null when the bundle cannot be read (it is refused with its reason on import). */
  kecamatan: string | null;
  nama: string | null;
  pemilihan: string | null;
  urutan: number | null;
  /** What this receiver already holds of it: the status of its latest receipt, or null when not yet imported. */
  diterima: 'lengkap' | 'menunggu-berkas' | null;
  terbaca: boolean;
}

export interface DriveBundlesView {
  /** Mounted drives that hold at least one bundle. */
  drives: { root: string; label: string; bundles: DriveBundleView[]; truncated: boolean }[];
}

export interface DriveImportResult {
  name: string;
  folder: string;
  ok: boolean;
  /** Why it was refused, in words (nothing of it was stored). */
  masalah: string[];
  tandaTerima: {
    manifest: string;
    /** 'baru': created or upgraded now; 'sama': the same receipt as before (imported earlier). */
    status: 'baru' | 'sama';
    /** The receipt file written beside the bundle, relative to the drive root. */
    berkas: string;
    /** The receipt in words. */
    kata: string;
    /** The receipt as a QR picture (PNG, base64) in the PLN1 text of docs/design.md §3.4. */
    qrPng: string;
    /** The receipt's exact bytes. */
    json: string;
  } | null;
}

export interface DriveImportView {
  root: string;
  label: string;
  hasil: DriveImportResult[];
}

const noInput = z.object({}).strict();
const rootInput = z.object({ root: z.string().min(1).max(4096) }).strict();

export const penerimaDriveMethods = {
  'penerima.driveBundles': method<typeof noInput, DriveBundlesView>(noInput),
  'penerima.importDrive': method<typeof rootInput, DriveImportView>(rootInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
