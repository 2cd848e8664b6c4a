// The one dispatcher: allow-listed method → zod-validated input → handler → Result. Nothing unvalidated reaches a handler.
import type { z } from 'zod';
import type * as Api from '../../../shared/contracts/api';
import type { MethodName } from '../../../shared/contracts/api';
import type { Result } from '../../../shared/contracts/result';
import type { Logger } from './context';
import { unexpected } from './unexpected';
import { asStorageFailure, StorageFailure } from './db/storage-failure';

export type Dispatch = (method: string, input: unknown) => Promise<Result<unknown>>;

/** A handler as the dispatcher sees it: any contract handler (its input type is what zod validated). */
export type DispatchHandler = (input: never) => Promise<Result<unknown>> | Result<unknown>;
/** Where the dispatcher finds the handler of a method (handlers/index.ts createHandlers().handler). */
export type HandlerSource = (method: MethodName) => Promise<DispatchHandler | undefined>;

// The contract's zod schemas (~18 MB once built) load at the first call: a CLI import or recap never dispatches.
let contracts: Promise<typeof Api> | null = null;

/**
 * `onStorageFailure`: told of every failure of the storage itself a handler ran into (backend.ts: damage found while
 * running turns the database read-only with the restore offered, storage-state.ts markDamaged).
 */
export function createDispatcher(
  handlerOf: HandlerSource,
  log: Logger,
  onStorageFailure?: (failure: StorageFailure) => void,
): Dispatch {
  return async (method, input) => {
    const { isMethodName, methods } = await (contracts ??= import('../../../shared/contracts/api'));
    if (typeof method !== 'string' || !isMethodName(method)) {
      return badRequest(`Perintah tidak dikenal: "${String(method).slice(0, 80)}".`, String(method).slice(0, 80));
    }
    const schema = methods[method].input as z.ZodType;
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const path = issue ? formatPath(issue.path) : '';
      const what = issue ? describeIssue(issue) : 'tidak valid';
      return badRequest(
        `Masukan tidak valid untuk ${method}${path ? ` pada "${path}"` : ''}: ${what}.`,
        path || undefined,
      );
    }
    try {
      const handler = await handlerOf(method);
      if (!handler) return unexpected(log, `No handler registered for ${method}`);
      // The input is what methods[method].input accepted: the type the handler of `method` declares.
      return await (handler as (input: unknown) => ReturnType<DispatchHandler>)(parsed.data);
    } catch (err) {
      const storage = asStorageFailure(err);
      if (storage instanceof StorageFailure) onStorageFailure?.(storage);
      return unexpected(log, `Handler ${method} threw`, err);
    }
  };
}

function badRequest(message: string, detail?: string): Result<never> {
  return {
    ok: false,
    error: detail === undefined ? { code: 'BAD_REQUEST', message } : { code: 'BAD_REQUEST', message, detail },
  };
}

/** `suara.paslon[2]` style. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out === '' ? String(p) : `.${String(p)}`;
  }
  return out;
}

/** A short Bahasa Indonesia description of a zod issue (zod's own messages are English). */
function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'wajib diisi' : `jenis data salah (seharusnya ${typeName(issue.expected)})`;
    case 'unrecognized_keys':
      return `kolom tidak dikenal: ${issue.keys.join(', ')}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `terlalu pendek (minimal ${String(issue.minimum)})`
        : `terlalu kecil (minimal ${String(issue.minimum)})`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `terlalu panjang (maksimal ${String(issue.maximum)})`
        : `terlalu besar (maksimal ${String(issue.maximum)})`;
    case 'invalid_value':
      return `nilai tidak diizinkan (pilihan: ${issue.values.map((v) => JSON.stringify(v)).join(', ')})`;
    case 'invalid_format':
      return `format tidak sesuai (${issue.format})`;
    case 'not_multiple_of':
      return 'harus bilangan bulat yang sesuai';
    case 'invalid_union':
      return 'bentuk data tidak sesuai';
    default:
      return 'tidak valid';
  }
}

function typeName(t: string): string {
  const names: Record<string, string> = {
    string: 'teks',
    number: 'angka',
    int: 'bilangan bulat',
    boolean: 'ya/tidak',
    object: 'objek',
    array: 'daftar',
  };
  return names[t] ?? t;
}
