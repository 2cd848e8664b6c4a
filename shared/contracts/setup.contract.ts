// Contract methods of the setup feature (first run): preview and import a signed data master, or create the demo
// kecamatan (SIMULASI). Implemented by electron/main/backend/handlers/setup.handlers.ts.
import { z } from 'zod';
import { method, type MethodDef } from './method';
import type { PemilihanId } from '../domain/model';

export interface MasterPreviewView {
  /** Signer key fingerprint, 16 hex digits grouped by 4 (`a1b2 c3d4 e5f6 0718`), to compare with KPU's. */
  fingerprint: string;
  provinsi: { kode: string; nama: string };
  kabkota: { kode: string; nama: string };
  kecamatan: { kode: string; nama: string };
  desa: number;
  tps: number;
  pemilihan: { id: PemilihanId; nama: string }[];
  perangkat: number;
  /** A demo master (a pemilihan nama contains "SIMULASI"). */
  simulasi: boolean;
}

export interface ImportCounts {
  diterima: number;
  duplikat: number;
  konflik: number;
  ditolak: number;
}

export interface DemoCreatedView {
  kecamatan: { kode: string; nama: string };
  /** Per record (bundles count one per pemilihan inside). */
  imported: ImportCounts;
}

/** Standard base64 (a data-URL body) or base64url; at most ~27 MB of text (a 20 MiB master). */
const fileInput = {
  fileName: z.string().min(1).max(255),
  contentBase64: z.string().min(1).max(28_000_000),
};
const previewInput = z.object(fileInput).strict();
const importInput = z.object({ ...fileInput, confirmFingerprint: z.string().min(16).max(40) }).strict();
const demoInput = z
  .object({ preset: z.enum(['hampang', 'besar']), seed: z.number().int().min(0).max(0xffffffff).optional() })
  .strict();

export const setupMethods = {
  /** Verifies the master (signature, strict content) without storing anything. */
  'setup.previewMaster': method<typeof previewInput, MasterPreviewView>(previewInput),
  /** Creates the kecamatan; refused when the fingerprint differs or the database already has another master. */
  'setup.importMaster': method<typeof importInput, { kecamatan: { kode: string; nama: string } }>(importInput),
  /** Generates the demo kecamatan in memory, imports its master and every result through the import service. */
  'setup.createDemo': method<typeof demoInput, DemoCreatedView>(demoInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
