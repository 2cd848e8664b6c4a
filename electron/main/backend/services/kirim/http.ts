// The HTTP side of the push (docs/design.md §4.3): JSON bodies gzip-compressed, answers read with a size limit,
// blobs by tus 1.0 at /v1/berkas/<sha256> (HEAD tells the held offset, so a broken upload resumes from there).
import { gzipSync } from 'node:zlib';
import * as tus from 'tus-js-client';

/** Longest answer body read (a `kurang` list of 20,000 blobs is about 2 MB). */
const MAX_ANSWER = 8 * 1024 * 1024;
/**
 * A request that moves no byte for this long is abandoned (a dead link, a half-open socket after the laptop slept):
 * the sender's backoff then retries it. tus-js-client and fetch have no such limit of their own.
 */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export interface Answer {
  status: number;
  json: unknown;
}

/** Thrown for a failure of the link (no answer): the caller retries with backoff. */
export class LinkError extends Error {}

/**
 * The answer's body, decoded (fetch undoes a gzip or x-gzip Content-Encoding), read only up to MAX_ANSWER bytes: an
 * answer without end, or a small gzip body that decodes to gigabytes, is abandoned at the limit instead of held whole.
 */
async function readLimited(res: Response): Promise<unknown> {
  const parts: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  for (let part = await reader?.read(); part && !part.done; part = await reader!.read()) {
    size += part.value.byteLength;
    if (size > MAX_ANSWER) {
      await reader!.cancel(); // the connection is dropped
      throw new LinkError(`answer over ${MAX_ANSWER} bytes`);
    }
    parts.push(part.value);
  }
  const text = Buffer.concat(parts).toString('utf8');
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** Sends a JSON text (already canonical) gzip-compressed; answers status and parsed body (null when not JSON). */
export async function sendJson(
  method: 'POST' | 'PUT',
  url: string,
  text: string | null,
  timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
): Promise<Answer> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers:
        text === null
          ? {}
          : { 'content-type': 'application/json', 'content-encoding': 'gzip', accept: 'application/json' },
      ...(text === null ? {} : { body: gzipSync(Buffer.from(text, 'utf8')) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: res.status, json: await readLimited(res) };
  } catch (err) {
    if (err instanceof LinkError) throw err;
    throw new LinkError(`${method} ${url}: ${(err as Error).message}`);
  }
}

/**
 * tus-js-client's Node stack with an idle limit: a request that writes no body byte and gets no answer for
 * `idleMs` is aborted and fails, so a dead connection ends in the sender's backoff instead of hanging for ever.
 */
export class TimedHttpStack implements tus.HttpStack {
  private readonly inner = new tus.DefaultHttpStack({});
  constructor(private readonly idleMs: number) {}

  getName(): string {
    return 'PlenoTimedNodeHttpStack';
  }

  createRequest(method: string, url: string): tus.HttpRequest {
    const req = this.inner.createRequest(method, url);
    const idleMs = this.idleMs;
    let poke = (): void => {};
    const setProgress = req.setProgressHandler.bind(req);
    req.setProgressHandler = (handler) =>
      setProgress((sent) => {
        poke();
        handler(sent);
      });
    const send = req.send.bind(req);
    req.send = (body: unknown) =>
      new Promise<tus.HttpResponse>((resolve, reject) => {
        let timer: NodeJS.Timeout | undefined;
        poke = () => {
          clearTimeout(timer);
          timer = setTimeout(() => {
            void req.abort();
            reject(new LinkError(`${method} ${url}: no byte moved for ${idleMs} ms`));
          }, idleMs);
        };
        poke();
        send(body).then(
          (res) => {
            clearTimeout(timer);
            resolve(res);
          },
          (err: unknown) => {
            clearTimeout(timer);
            reject(err as Error);
          },
        );
      });
    return req;
  }
}

export interface TusOptions {
  chunkSize: number;
  /**
   * The receiver holds part of this blob (its `kurang` said so): HEAD the deterministic upload URL and resume.
   * When it said 0 bytes, the upload is created at once (POST), saving a round trip per blob.
   */
  resume: boolean;
  timeoutMs?: number;
  /** Bytes of this blob the receiver holds or has been sent so far (from the resumed offset on). */
  onProgress?: (sent: number, total: number) => void;
}

/**
 * Uploads one blob by tus, resuming from the offset the receiver holds (HEAD on the deterministic upload URL); a
 * new upload is created (POST, no HEAD first) when the receiver's `kurang` said it holds none. Each PATCH carries one chunk, so a break re-sends at
 * most one chunk. Retries are the caller's (its backoff), not tus-js-client's.
 */
export function tusUpload(base: string, sha256: string, bytes: Buffer, o: TusOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const upload = new tus.Upload(bytes, {
      endpoint: new URL('/v1/berkas', base).href,
      ...(o.resume ? { uploadUrl: new URL(`/v1/berkas/${sha256}`, base).href } : {}),
      chunkSize: o.chunkSize,
      metadata: { sha256 },
      retryDelays: [],
      storeFingerprintForResuming: false,
      removeFingerprintOnSuccess: false,
      httpStack: new TimedHttpStack(o.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS),
      onProgress: (sent, total) => o.onProgress?.(sent, total),
      onSuccess: () => resolve(),
      onError: (err) => reject(new LinkError(`tus ${sha256.slice(0, 12)}: ${err.message}`)),
    });
    upload.start();
  });
}

/** Runs `fn` over `items` with at most `n` running at once; the first failure is rethrown once all have stopped. */
export async function inPool<T>(items: readonly T[], n: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown = null;
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const item = items[next++]!;
      try {
        await fn(item);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
  if (failure !== null) throw failure;
}
