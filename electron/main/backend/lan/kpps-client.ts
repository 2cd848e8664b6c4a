// The phone side of the LAN protocol (docs/design.md §3.5), used by `pleno kpps push`, the tests and the benchmark:
// read /v1/hello, post an envelope or a bundle, verify every receipt against the PPK key from hello and check that
// it names the hash of what was sent. A 429 is retried after its Retry-After (as a phone would, up to 3 times).
//
//   readHello(url) → { ok, value: { kecamatan, ppkKey, format } } | { ok: false, reason }
//   pushFile(url, hello, 'c-hasil' | 'bundle', bytes, { retries? }) → PushResult
import { peekBundleResults } from '../../../../shared/formats/bundle';
import { parseJson } from '../../../../shared/formats/json';
import { payloadHash } from '../../../../shared/formats/envelope';
import { nodeCrypto } from '../crypto';
import { verifyReceipt, type Receipt } from './receipt';

export interface Hello {
  kecamatan: string;
  ppkKey: string;
  format: string;
}

export type PushResult =
  | {
      status: 'diterima' | 'duplikat' | 'konflik';
      httpStatus: number;
      records: { tps: string; pemilihan: string; sha256: string }[];
      receipts: Receipt[];
    }
  | { status: 'ditolak'; httpStatus: number; reason: string; code: string };

function endpointUrl(base: string, path: string): string {
  return new URL(path, base.endsWith('/') ? base : base + '/').toString();
}

export async function readHello(url: string): Promise<{ ok: true; value: Hello } | { ok: false; reason: string }> {
  let res: Response;
  try {
    res = await fetch(endpointUrl(url, 'v1/hello'), { signal: AbortSignal.timeout(10_000) });
  } catch (err) {
    return { ok: false, reason: `penerima LAN tidak dapat dihubungi: ${(err as Error).message}` };
  }
  if (res.status !== 200) return { ok: false, reason: `hello menjawab HTTP ${res.status}` };
  const body = (await res.json().catch(() => null)) as Partial<Hello> | null;
  if (!body || body.format !== 'pleno.lan/1' || typeof body.ppkKey !== 'string' || typeof body.kecamatan !== 'string') {
    return { ok: false, reason: 'jawaban hello bukan pleno.lan/1' };
  }
  return { ok: true, value: { kecamatan: body.kecamatan, ppkKey: body.ppkKey, format: body.format } };
}

/** SHA-256 of JCS(payload) of each record in what we send (the hash a receipt must name). */
export function sentHashes(kind: 'c-hasil' | 'bundle', bytes: Uint8Array): Set<string> {
  const out = new Set<string>();
  const add = (b: Uint8Array) => {
    const j = parseJson(b);
    if (j.ok && typeof j.value === 'object' && j.value !== null && 'payload' in j.value) {
      try {
        out.add(payloadHash((j.value as { payload: unknown }).payload, nodeCrypto));
      } catch {
        // Not canonicalisable: the receiver will reject it anyway.
      }
    }
  };
  if (kind === 'c-hasil') add(bytes);
  else {
    // Through the bounded reader; an unreadable archive gives none (the receiver answers 400).
    for (const b of peekBundleResults(bytes)) add(b);
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pushFile(
  url: string,
  hello: Hello,
  kind: 'c-hasil' | 'bundle',
  bytes: Uint8Array,
  opts: { retries?: number } = {},
): Promise<PushResult> {
  const target = endpointUrl(url, kind === 'c-hasil' ? 'v1/c-hasil' : 'v1/bundle');
  const contentType = kind === 'c-hasil' ? 'application/json' : 'application/zip';
  let retries = opts.retries ?? 3;
  for (;;) {
    let res: Response;
    try {
      res = await fetch(target, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: bytes as unknown as RequestInit['body'],
        signal: AbortSignal.timeout(120_000),
      });
    } catch (err) {
      return {
        status: 'ditolak',
        httpStatus: 0,
        code: 'NETWORK',
        reason: `pengiriman gagal: ${(err as Error).message}`,
      };
    }
    const text = await res.text();
    const body = (() => {
      try {
        return JSON.parse(text) as Record<string, unknown>;
      } catch {
        return null;
      }
    })();
    if (res.status === 429 && retries > 0) {
      retries -= 1;
      await sleep(Math.min(30, Number(res.headers.get('retry-after') ?? '1')) * 1000);
      continue;
    }
    if (res.status !== 200 && res.status !== 201 && res.status !== 409) {
      const err = (body?.error ?? {}) as { code?: string; message?: string };
      return {
        status: 'ditolak',
        httpStatus: res.status,
        code: err.code ?? `HTTP_${res.status}`,
        reason: err.message ?? `HTTP ${res.status}`,
      };
    }
    if (!body)
      return { status: 'ditolak', httpStatus: res.status, code: 'BAD_RESPONSE', reason: 'jawaban penerima bukan JSON' };
    const raw: unknown[] = Array.isArray(body.hasil)
      ? (body.hasil as { receipt?: unknown }[]).map((h) => h.receipt)
      : [body.receipt];
    const hashes = sentHashes(kind, bytes);
    const receipts: Receipt[] = [];
    for (const r of raw) {
      const v = verifyReceipt(r, hello.ppkKey);
      if (!v.ok) return { status: 'ditolak', httpStatus: res.status, code: 'BAD_RECEIPT', reason: v.reason };
      if (!hashes.has(v.receipt.payload.sha256)) {
        return {
          status: 'ditolak',
          httpStatus: res.status,
          code: 'BAD_RECEIPT',
          reason: 'tanda terima menyebut hash yang tidak dikirim',
        };
      }
      receipts.push(v.receipt);
    }
    if (receipts.length === 0)
      return { status: 'ditolak', httpStatus: res.status, code: 'BAD_RECEIPT', reason: 'jawaban tanpa tanda terima' };
    const status = res.status === 201 ? 'diterima' : res.status === 409 ? 'konflik' : 'duplikat';
    return {
      status,
      httpStatus: res.status,
      records: receipts.map((r) => ({ tps: r.payload.tps, pemilihan: r.payload.pemilihan, sha256: r.payload.sha256 })),
      receipts,
    };
  }
}
