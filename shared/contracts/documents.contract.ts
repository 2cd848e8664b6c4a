// Contract methods of the documents feature: issued D.Hasil Kecamatan / D.Kejadian Khusus documents (list with their
// hashes, issue a draft or a final, the PDF bytes for preview (drawn by the renderer), download and printing,
// verification, saving a copy to a removable drive). Owned by the documents feature; composed in api.ts.
import { z } from 'zod';
import { method, type MethodDef } from './method';
import type { DocKind, PaperSize } from '../documents/types';

export interface DocumentItem {
  /** Row id (use it in the other calls). */
  id: number;
  /** Series id printed on the pages, e.g. DHASIL-630214-bupati. */
  docId: string;
  kind: DocKind;
  pemilihan: string;
  version: number;
  final: boolean;
  simulasi: boolean;
  paper: PaperSize;
  pages: number;
  dataSha256: string;
  fileSha256: string;
  fileName: string;
  /** keyId of the PPK key that signed. */
  signer: string;
  reason: string | null;
  issuedAt: string;
  issuedBy: string;
}

export interface DocumentPemilihanStatus {
  id: string;
  nama: string;
  /** Every desa locked and no keberatan open: a final may be issued. */
  final: boolean;
  /** Why not final yet (Bahasa Indonesia). */
  blockers: string[];
  /** A final of this kind was issued already: a reissue needs a reason. */
  finalIssued: Record<DocKind, boolean>;
}

export interface DocumentsStatus {
  pemilihan: DocumentPemilihanStatus[];
  simulasi: boolean;
}

export interface DocumentFile {
  id: number;
  fileName: string;
  /** base64 of the PDF bytes. */
  base64: string;
  sha256: string;
}

export interface DocumentVerification {
  id: number;
  valid: boolean;
  /** One line per problem (Bahasa Indonesia). */
  problems: string[];
}

/** A saksi's refusal to sign, as recorded (listed in the D.Kejadian Khusus). */
export interface RefusalView {
  id: number;
  paslon: number;
  nama: string;
  alasan: string;
  recordedBy: string;
  recordedAt: string;
}

export interface DriveTarget {
  root: string;
  label: string;
}

const kind = z.enum(['d-hasil', 'kejadian-khusus']);
const idInput = z.object({ id: z.number().int().positive() });
const emptyInput = z.object({});
const listInput = z.object({ pemilihan: z.string().min(1).max(20).optional(), kind: kind.optional() });
const issueInput = z.object({
  kind,
  pemilihan: z.string().min(1).max(20),
  paper: z.enum(['a4', 'f4']).default('a4'),
  final: z.boolean().default(false),
  reason: z.string().max(500).optional(),
});
const pemilihanId = z.enum(['gubernur', 'bupati', 'walikota']);
const refusalInput = z
  .object({
    pemilihan: pemilihanId,
    paslon: z.number().int().min(1).max(99),
    nama: z.string().trim().min(1).max(200),
    alasan: z.string().trim().min(3).max(2000),
  })
  .strict();
const refusalsInput = z.object({ pemilihan: pemilihanId }).strict();
const saveInput = z.object({ id: z.number().int().positive(), root: z.string().min(1).max(1000) });

export const documentsMethods = {
  'documents.list': method<typeof listInput, DocumentItem[]>(listInput),
  'documents.status': method<typeof emptyInput, DocumentsStatus>(emptyInput),
  'documents.issue': method<typeof issueInput, DocumentItem>(issueInput),
  'documents.file': method<typeof idInput, DocumentFile>(idInput),
  'documents.verify': method<typeof idInput, DocumentVerification>(idInput),
  'documents.drives': method<typeof emptyInput, DriveTarget[]>(emptyInput),
  'documents.saveToDrive': method<typeof saveInput, { path: string }>(saveInput),
  'documents.recordRefusal': method<typeof refusalInput, { refusalId: number }>(refusalInput),
  'documents.refusals': method<typeof refusalsInput, RefusalView[]>(refusalsInput),
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
