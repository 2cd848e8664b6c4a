// The vocabulary of the import service (import.service.ts): where an input came from, what became of each record,
// and the size limits checked before anything is parsed.
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { Channel } from '../../repositories/submission.repo';

export type ImportStatus = 'diterima' | 'duplikat' | 'konflik' | 'ditolak';

export interface ImportSource {
  channel: Channel;
  /** File name, LAN peer, or a label shown in lists and the quarantine. */
  name: string;
  /** Device id the transport claims (LAN); the signature decides. */
  device?: string;
  /** Who operated the import (audit actor); default 'sistem'. */
  actor?: string;
}

export interface ImportOutcome {
  status: ImportStatus;
  /** For ditolak: Bahasa Indonesia. */
  reason?: string;
  /** For ditolak from a format check: the parse error code (e.g. UNKNOWN_DEVICE, BAD_SIGNATURE), for channels that
   * answer differently by cause (the LAN receiver's 401 vs 400). */
  code?: string;
  /** 'record' for a C.Hasil record, 'foto' for a loose photo matched by hash. */
  kind?: 'record' | 'foto';
  tps?: string;
  pemilihan?: PemilihanId;
  sha256?: string;
  submissionId?: number;
  /** Warnings about a stored record (R17: `dibuat` outside the election window), Bahasa Indonesia. */
  warnings?: string[];
}

export interface FileOutcome {
  /** The path as given (or found in a folder). */
  file: string;
  /** The file's overall status: ditolak > konflik > diterima > duplikat. */
  status: ImportStatus;
  reason?: string;
  outcomes: ImportOutcome[];
}

export interface ImportPathsOptions {
  /** Files per transaction (default 64). */
  batchFiles?: number;
  /** Bytes per transaction before committing early (default 48 MiB). */
  batchBytes?: number;
  actor?: string;
}

/** An input already in memory (demo, drives, UI uploads): imported like a file of that kind. */
export type ImportItem =
  | { name: string; kind: 'envelope' | 'bundle'; bytes: Uint8Array; channel?: Channel }
  | { name: string; kind: 'qr'; texts: string[] };

export type ProgressFn = (done: FileOutcome, index: number, total: number) => void;

/** Largest accepted envelope (a C.Hasil record is ~2 KB) and bundle (docs/design.md §3.5: 20 MiB). */
export const MAX_ENVELOPE_BYTES = 1024 * 1024;
export const MAX_BUNDLE_BYTES = 20 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;
