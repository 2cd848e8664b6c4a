// Contract methods of the import feature: files and drives (cable/USB), QR, the LAN receiver, manual double entry.
// Every channel ends in the storage import service, so results carry the same outcomes (diterima, duplikat,
// konflik, ditolak) whatever way they came in. View models are plain JSON; messages are Bahasa Indonesia.
import { z } from 'zod';
import { method, type MethodDef } from './method';
import type { CHasilCounts, LP, PemilihanId, Pilihan } from '../domain/model';
import type { Violation } from '../domain/rules/index';
import { pinInput } from './plenary-session.contract';

// ---- Outcomes ----

export type ImportStatus = 'diterima' | 'duplikat' | 'konflik' | 'ditolak';

/**
 * What one row of an import stands for: a C.Hasil result of a TPS (`hasil`), a loose photo matched to its result by
 * hash (`foto`), a picture holding a part of a multi-part QR code whose result is listed on another row
 * (`bagian-qr`), or a file refused as a whole (`berkas`).
 */
export type ImportRowKind = 'hasil' | 'foto' | 'bagian-qr' | 'berkas';

/** One record (or one rejected file) of an import. */
export interface ImportResultView {
  /** File name, or the QR/LAN/manual source label. */
  name: string;
  status: ImportStatus;
  /** Why it was rejected (or a note), Bahasa Indonesia. */
  reason?: string;
  tps?: string;
  pemilihan?: string;
  /** Warnings about a stored record (R17: `dibuat` outside the election window), Bahasa Indonesia. */
  peringatan?: string[];
  /** "Desa Hampang TPS 003" (from the data master), when the row names a TPS. */
  tpsLabel?: string;
  /** "Bupati", when the row names a pemilihan. */
  pemilihanLabel?: string;
  kind?: ImportRowKind;
}

/**
 * The counts of an import. `diterima`, `duplikat` and `konflik` count C.Hasil results (rows of kind `hasil`, each
 * result once), `ditolak` counts refused files (rows of kind `berkas`), `foto` the loose photos matched; `results`
 * has one row per result, photo, refused file and QR part picture, so its length is the sum of all five plus the
 * `bagian-qr` rows.
 */
export interface ImportSummary {
  jobId: string;
  /** Files (or inputs) processed. */
  files: number;
  diterima: number;
  duplikat: number;
  konflik: number;
  ditolak: number;
  foto: number;
  results: ImportResultView[];
}

// ---- Drives (cable/USB) ----

export type DriveFileKind = 'bundle' | 'envelope' | 'qr-image';

export interface DriveFileView {
  /** Absolute path on the drive. */
  path: string;
  /** Path relative to the drive root, for display. */
  name: string;
  kind: DriveFileKind;
  size: number;
}

export interface DriveView {
  root: string;
  /** Volume name shown to the user (folder name of the mount, or the drive letter). */
  label: string;
  files: DriveFileView[];
  /** More candidate files existed than were listed (bounded scan). */
  truncated: boolean;
}

// ---- QR ----

export interface QrProgress {
  /**
   * kosong: no PLN1 code in the input; sebagian: a multi-part code is being assembled; selesai: a code was completed
   * and imported (see `results`); ditolak: a garbled or foreign text (kept in quarantine, see `message`).
   */
  state: 'kosong' | 'sebagian' | 'selesai' | 'ditolak';
  /** Parts held of the code being assembled ("2 dari 3"). */
  have: number;
  total: number;
  /** Part numbers (1-based) still missing. */
  missing: number[];
  /** Outcomes of codes completed by this call (usually one). */
  results: ImportResultView[];
  /** Bahasa Indonesia, e.g. "Bagian 2 dari 3 terbaca" or the rejection reason. */
  message: string;
}

// ---- LAN ----

export interface LanDeviceView {
  keyId: string | null;
  registered: boolean;
  /** TPS the device is registered for in the data master (or by PPK decision). */
  registeredTps: string[];
  /** The same TPS in words ("Desa Hampang TPS 003"). */
  registeredTpsLabels: string[];
  remote: string;
  firstAt: string;
  lastAt: string;
  lastStatus: number;
  lastOutcome: ImportStatus;
  lastReason: string | null;
  lastTps: string | null;
  /** "Desa Hampang TPS 003". */
  lastTpsLabel: string | null;
  lastPemilihan: string | null;
  requests: number;
  diterima: number;
  duplikat: number;
  konflik: number;
  ditolak: number;
  /** TPS the device sent results for. */
  tps: string[];
}

export interface LanStatus {
  running: boolean;
  port: number | null;
  /** One URL per LAN interface. */
  urls: string[];
  /** The PPK laptop's public key (base64url raw 32 bytes) and its fingerprint. */
  ppkKey: string | null;
  ppkKeyId: string | null;
  /** What the on-screen QR holds: `{ url, ppkKey }` as JSON text. */
  qrPayload: string | null;
  /** That QR as a PNG data URL. */
  qrDataUrl: string | null;
  startedAt: string | null;
  /** Requests refused with 429 since start. */
  rateLimited: number;
  devices: LanDeviceView[];
  /** Set when starting failed (e.g. the port is taken), Bahasa Indonesia. */
  error: string | null;
}

// ---- KPPS devices (registered in the master or by a recorded PPK decision, docs/design.md §3.5) ----

export interface RegisteredDeviceView {
  id: string;
  tps: string;
  /** "Desa Uji 1 · TPS 003", for display. */
  tpsLabel: string;
  /** base64url raw 32 bytes. */
  publicKey: string;
  /** First 16 hex of SHA-256 of the raw key, grouped by 4 (to compare with the phone's screen). */
  fingerprint: string;
  source: 'master' | 'ppk-decision';
  /** The decision's reason and who took it (ppk-decision only). */
  reason: string | null;
  decidedBy: string | null;
  addedAt: string;
  /** Last LAN contact and how many requests (null/0 when never seen on the LAN). */
  lastAt: string | null;
  requests: number;
}

export interface UnknownDeviceView {
  keyId: string;
  /** TPS named by the last request, when the body could be read that far. */
  lastTps: string | null;
  /** The same TPS in words ("Desa Hampang TPS 003"), or the code when the master does not know it. */
  lastTpsLabel: string | null;
  remote: string;
  firstAt: string;
  lastAt: string;
  requests: number;
  lastReason: string | null;
}

export interface DeviceTpsOption {
  kode: string;
  label: string;
}

export interface DevicesView {
  registered: RegisteredDeviceView[];
  /** Key ids that reached the LAN receiver without being registered (newest first). */
  unknown: UnknownDeviceView[];
  tps: DeviceTpsOption[];
  /** Who is operating now and whether they may decide (ketua or delegate); null when nobody started a session. */
  operator: { nama: string; mayDecide: boolean } | null;
}

export interface RegisterDeviceResult {
  device: RegisteredDeviceView;
  /** false when the same id, TPS and key were already registered (nothing written). */
  created: boolean;
}

// ---- Manual double entry ----

export interface ManualTpsOption {
  kode: string;
  nomor: number;
  dpt: LP;
}

export interface ManualTargets {
  pemilihan: { id: PemilihanId; nama: string; pilihan: Pilihan[] }[];
  desa: { kode: string; nama: string; tps: ManualTpsOption[] }[];
  /** The PPK of the data master: who may type an entry. */
  ppk: { nama: string; jabatan: string }[];
}

export interface ManualEntryView {
  id: number;
  slot: 1 | 2;
  operator: string;
  counts: CHasilCounts;
  enteredAt: string;
  violations: Violation[];
}

export interface ManualResultView {
  id: number;
  operators: [string, string];
  sha256: string;
  outcome: ImportStatus;
  reason: string | null;
  createdAt: string;
}

export interface ManualStatus {
  tps: string;
  pemilihan: PemilihanId;
  pilihan: Pilihan[];
  dptMaster: LP;
  /**
   * kosong: no entry yet; menunggu: one slot typed, the other not yet; berbeda: both typed and some fields differ;
   * sepakat: both agreed and the record went through the import service (see `result`).
   */
  state: 'kosong' | 'menunggu' | 'berbeda' | 'sepakat';
  entry1: ManualEntryView | null;
  entry2: ManualEntryView | null;
  /** Count paths where entry 1 and entry 2 differ (only when both are present). */
  mismatches: string[];
  /** The result of the latest agreement for this TPS and pemilihan, if any. */
  result: ManualResultView | null;
}

// ---- Input schemas ----

const noInput = z.object({}).strict();
const base64 = z
  .string()
  .max(28 * 1024 * 1024)
  .regex(/^[A-Za-z0-9+/_-]*={0,2}$/, 'bukan base64');
const fileName = z.string().min(1).max(255);
const tpsKode = z.string().regex(/^\d{13}$/, 'kode TPS harus 13 angka');
const pemilihanId = z.enum(['gubernur', 'bupati', 'walikota']);
const count = z.number().int().min(0).max(9999);
const lp = z.object({ l: count, p: count }).strict();
const voters = z.object({ dpt: lp, dpph: lp, dptb: lp, jumlah: lp }).strict();
export const countsSchema = z
  .object({
    pemilih: voters,
    pengguna: voters,
    disabilitas: z.object({ pemilih: lp, pengguna: lp }).strict(),
    suratSuara: z.object({ diterima: count, dikembalikan: count, tidakDigunakan: count, digunakan: count }).strict(),
    suara: z.object({ paslon: z.array(count).min(1).max(20), sah: count, tidakSah: count, total: count }).strict(),
  })
  .strict();

const filesInput = z
  .object({
    files: z
      .array(z.object({ name: fileName, contentBase64: base64 }).strict())
      .min(1)
      .max(500),
  })
  .strict();
const fromDriveInput = z.object({ root: z.string().min(1).max(4096) }).strict();
const fileMethods = {
  /** Files picked in the UI (browser file input; works in web mode and Electron). */
  'import.files': method<typeof filesInput, ImportSummary>(filesInput),
  /** Removable drives and phone folders currently mounted, with the importable files found on each. */
  'import.drives': method<typeof noInput, { drives: DriveView[] }>(noInput),
  /** Imports every file found on a drive (progress as `import-progress` events). */
  'import.fromDrive': method<typeof fromDriveInput, ImportSummary>(fromDriveInput),
};

const qrSession = z.string().min(1).max(64);
const qrTextInput = z.object({ session: qrSession, texts: z.array(z.string().max(8000)).min(1).max(32) }).strict();
const qrImageInput = z.object({ session: qrSession, name: fileName, contentBase64: base64 }).strict();
const qrResetInput = z.object({ session: qrSession }).strict();
const qrMethods = {
  /** QR texts decoded in the renderer (camera or image), fed to the session's assembler. */
  'import.qrText': method<typeof qrTextInput, QrProgress>(qrTextInput),
  /** An image file decoded in the backend (fallback when the browser cannot decode). */
  'import.qrImage': method<typeof qrImageInput, QrProgress>(qrImageInput),
  /** Forgets the parts held by a session. */
  'import.qrReset': method<typeof qrResetInput, QrProgress>(qrResetInput),
};

const lanStartInput = z.object({ port: z.number().int().min(0).max(65535).optional() }).strict();
const registerDeviceInput = z
  .object({
    id: z
      .string()
      .trim()
      .min(1, 'id perangkat wajib diisi')
      .max(128)
      .regex(/^[\x21-\x7e]+$/, 'id perangkat tanpa spasi'),
    tps: tpsKode,
    publicKey: z.string().trim().min(1, 'kunci publik wajib diisi').max(100),
    reason: z.string().trim().min(1, 'alasan keputusan wajib diisi').max(2000),
    pin: pinInput.optional(),
  })
  .strict();
const lanMethods = {
  'import.lanStart': method<typeof lanStartInput, LanStatus>(lanStartInput),
  'import.lanStop': method<typeof noInput, LanStatus>(noInput),
  'import.lanStatus': method<typeof noInput, LanStatus>(noInput),
  /** KPPS devices: registered (master / PPK decision) and unknown ones that tried the LAN receiver. */
  'import.devices': method<typeof noInput, DevicesView>(noInput),
  /** Registers a device by a recorded decision of the ketua PPK or a delegate (the current operator). */
  'import.registerDevice': method<typeof registerDeviceInput, RegisterDeviceResult>(registerDeviceInput),
};

const manualKey = z.object({ tps: tpsKode, pemilihan: pemilihanId }).strict();
const manualSubmitInput = z
  .object({
    tps: tpsKode,
    pemilihan: pemilihanId,
    operator: z.string().trim().min(1, 'nama operator wajib diisi').max(100),
    slot: z.union([z.literal(1), z.literal(2)]),
    counts: countsSchema,
  })
  .strict();
const manualMethods = {
  /** TPS and pemilihan to choose from in the manual entry form. */
  'import.manualTargets': method<typeof noInput, ManualTargets>(noInput),
  'import.manualStatus': method<typeof manualKey, ManualStatus>(manualKey),
  /** Stores one operator's entry; when both slots agree the record is created (channel 'manual'). */
  'import.manualSubmit': method<typeof manualSubmitInput, ManualStatus>(manualSubmitInput),
};

/** The import feature's methods, each group beside the inputs it takes. */
export const importMethods = {
  ...fileMethods,
  ...qrMethods,
  ...lanMethods,
  ...manualMethods,
} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
