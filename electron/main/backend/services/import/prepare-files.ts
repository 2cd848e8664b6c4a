// Before a file's batch: find the files (folders expanded), check the size limit by stat before reading, and
// classify each input — envelope or bundle (read later, inside its batch), image (decoded now: QR texts collected
// across images), or an error to report. In-memory inputs (UI uploads, demo items) are classified the same way.
import type { BundleRead } from './bundle-read';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import type { Channel } from '../../repositories/submission.repo';
import { QUARANTINE_COPY_LIMIT } from '../quarantine/quarantine';
import { type ImportItem, MAX_BUNDLE_BYTES, MAX_ENVELOPE_BYTES, MAX_IMAGE_BYTES } from './import-types';
import { decodeQrFromImage, type QrCollector, type QrDone } from './qr-collector';

const IMPORTABLE = new Set(['.json', '.pleno', '.png', '.jpg', '.jpeg']);

type QrParts = Pick<QrDone, 'envelopes' | 'errors'>;

export type PreparedError = {
  file: string;
  kind: 'error';
  reason: string;
  english: string;
  bytes: Uint8Array | null;
};

export type Prepared =
  | PreparedError
  | {
      file: string;
      kind: 'envelope' | 'bundle';
      /** null: read from `file` when its turn comes inside the batch (importPaths); set for in-memory items. */
      bytes: Uint8Array | null;
      size: number;
      channel?: Channel | undefined;
      /** A bundle as the bundle-read worker read and verified it (import-batches.ts), before its batch opens. */
      read?: BundleRead;
    }
  | {
      file: string;
      kind: 'image';
      bytes: Uint8Array;
      /** Envelopes and errors this image completed (with every file that carried their parts). */
      qr: QrParts;
      /** The image held Pleno QR texts (possibly only parts of a code still incomplete). */
      qrFound: boolean;
      /** QR texts given directly (no image): never treated as a photo. */
      textOnly?: boolean;
    };

/** Expands folders recursively (sorted, hidden files skipped); files named explicitly are always kept. */
export function expandPaths(paths: readonly string[]): { file: string; explicit: boolean }[] {
  const out: { file: string; explicit: boolean }[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const n of names) {
      if (n.startsWith('.')) continue;
      const p = join(dir, n);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) walk(p);
      else if (st.isFile() && IMPORTABLE.has(extname(n).toLowerCase())) out.push({ file: p, explicit: false });
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      out.push({ file: p, explicit: true });
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.push({ file: p, explicit: true });
  }
  return out;
}

/** Keeps the path as the user gave it (relative stays relative) but normalised. */
export function resolveDisplay(file: string): string {
  return file.startsWith('/') ? resolve(file) : file;
}

export async function prepare(file: string, collector: QrCollector): Promise<Prepared> {
  const ext = extname(file).toLowerCase();
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile())
      return { file, kind: 'error', reason: 'bukan berkas biasa', english: 'not a regular file', bytes: null };
    size = st.size;
  } catch {
    return { file, kind: 'error', reason: 'berkas tidak ditemukan', english: 'file not found', bytes: null };
  }
  const limit = limitFor(ext);
  if (size > limit) {
    let copy: Uint8Array | null = null;
    try {
      if (size <= QUARANTINE_COPY_LIMIT) copy = new Uint8Array(readFileSync(file));
    } catch {
      copy = null;
    }
    return tooLarge(file, size, limit, copy);
  }
  // Envelopes and bundles are read inside their batch (importPaths' memory bound); images now (decoding is async).
  if (ext === '.json') return { file, kind: 'envelope', bytes: null, size };
  if (ext === '.pleno') return { file, kind: 'bundle', bytes: null, size };
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    return unreadable(file, err);
  }
  return prepareBytes(file, bytes, collector);
}

const limitFor = (ext: string): number =>
  ext === '.json' ? MAX_ENVELOPE_BYTES : ext === '.pleno' ? MAX_BUNDLE_BYTES : MAX_IMAGE_BYTES;

function tooLarge(file: string, size: number, limit: number, copy: Uint8Array | null): Prepared {
  const reason = `berkas terlalu besar (${size} byte, batas ${limit})`;
  return { file, kind: 'error', reason, english: 'file too large', bytes: copy };
}

/** A file's bytes already in memory (an upload from the UI), classified by the name's extension like a file. */
export async function prepareBytes(file: string, bytes: Uint8Array, collector: QrCollector): Promise<Prepared> {
  const ext = extname(file).toLowerCase();
  const limit = limitFor(ext);
  if (bytes.length > limit)
    return tooLarge(file, bytes.length, limit, bytes.length <= QUARANTINE_COPY_LIMIT ? bytes : null);
  if (ext === '.json') return { file, kind: 'envelope', bytes, size: bytes.length };
  if (ext === '.pleno') return { file, kind: 'bundle', bytes, size: bytes.length };
  if (ext === '.png' || ext === '.jpg' || ext === '.jpeg') {
    const q = await decodeQrFromImage(bytes);
    let qrFound = false;
    if (q.ok) {
      for (const t of q.texts) if (collector.add(t, file)) qrFound = true;
    }
    return { file, kind: 'image', bytes, qr: collector.take(), qrFound };
  }
  return {
    file,
    kind: 'error',
    reason: `jenis berkas tidak dikenal (${ext || 'tanpa ekstensi'}); yang dapat diimpor: .pleno, .json, .png, .jpg`,
    english: 'unknown file type',
    bytes,
  };
}

/** An in-memory item (demo, drives): envelopes and bundles as they are, QR texts collected like a scanned image. */
export function prepareItem(it: ImportItem, collector: QrCollector): Prepared {
  if (it.kind !== 'qr')
    return { file: it.name, kind: it.kind, bytes: it.bytes, size: it.bytes.length, channel: it.channel };
  let qrFound = false;
  for (const t of it.texts) if (collector.add(t, it.name)) qrFound = true;
  const bytes = new TextEncoder().encode(it.texts.join('\n'));
  return { file: it.name, kind: 'image', bytes, qr: collector.take(), qrFound, textOnly: true };
}

function unreadable(file: string, err: unknown): PreparedError {
  return {
    file,
    kind: 'error',
    reason: `berkas tidak dapat dibaca: ${(err as Error).message}`,
    english: 'unreadable file',
    bytes: null,
  };
}

/** The file's bytes as read (a view of Node's buffer, no copy), or the rejection when it cannot be read. */
export function readInput(file: string): Uint8Array | PreparedError {
  try {
    const b = readFileSync(file);
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  } catch (err) {
    return unreadable(file, err);
  }
}
