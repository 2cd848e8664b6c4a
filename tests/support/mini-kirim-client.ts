// A minimal §4 client written from docs/design.md §4.3 alone (not from Pleno's sender), to drive a receiver in tests:
// plain fetch, raw tus 1.0 requests, optional gzip. It checks nothing itself; tests assert on what it returns.
import { gzipSync } from 'node:zlib';

export interface Reply {
  status: number;
  text: string;
  json: unknown;
  headers: Headers;
}

async function reply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { status: res.status, text, json, headers: res.headers };
}

/** `gzip`: true sends `Content-Encoding: gzip`; a string sends the body gzip-compressed under that header value. */
type Gzip = boolean | string;

function jsonBody(value: unknown, gzip: Gzip): { body: Uint8Array<ArrayBuffer>; headers: Record<string, string> } {
  const raw = new Uint8Array(Buffer.from(JSON.stringify(value), 'utf8'));
  return gzip
    ? {
        body: new Uint8Array(gzipSync(raw)),
        headers: { 'content-type': 'application/json', 'content-encoding': gzip === true ? 'gzip' : gzip },
      }
    : { body: raw, headers: { 'content-type': 'application/json' } };
}

export const hello = async (base: string): Promise<Reply> => reply(await fetch(`${base}/v1/hello`));

export async function postManifest(base: string, envelope: unknown, gzip: Gzip = false): Promise<Reply> {
  const { body, headers } = jsonBody(envelope, gzip);
  return reply(await fetch(`${base}/v1/kirim`, { method: 'POST', headers, body }));
}

export async function putObjek(base: string, sha256: string, envelope: unknown, gzip: Gzip = false): Promise<Reply> {
  const { body, headers } = jsonBody(envelope, gzip);
  return reply(await fetch(`${base}/v1/objek/${sha256}`, { method: 'PUT', headers, body }));
}

export async function commit(base: string, manifest: string): Promise<Reply> {
  return reply(await fetch(`${base}/v1/kirim/${manifest}/selesai`, { method: 'POST' }));
}

const TUS = { 'tus-resumable': '1.0.0' };

/** tus creation: POST with Upload-Length and Upload-Metadata `sha256 <base64>`. */
export async function createUpload(base: string, sha256: string, length: number): Promise<Reply> {
  const metadata = `sha256 ${Buffer.from(sha256).toString('base64')}`;
  return reply(
    await fetch(`${base}/v1/berkas`, {
      method: 'POST',
      headers: { ...TUS, 'upload-length': String(length), 'upload-metadata': metadata },
    }),
  );
}

export async function headUpload(base: string, sha256: string): Promise<Reply> {
  return reply(await fetch(`${base}/v1/berkas/${sha256}`, { method: 'HEAD', headers: TUS }));
}

export async function patchUpload(base: string, sha256: string, offset: number, bytes: Uint8Array): Promise<Reply> {
  const body = new Uint8Array(bytes);
  return reply(
    await fetch(`${base}/v1/berkas/${sha256}`, {
      method: 'PATCH',
      headers: { ...TUS, 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
      body,
    }),
  );
}

/** Uploads a whole blob: create (or find), HEAD for the offset, PATCH the rest in chunks. */
export async function uploadBlob(base: string, sha256: string, bytes: Uint8Array, chunk = 64 * 1024): Promise<Reply> {
  const created = await createUpload(base, sha256, bytes.length);
  if (created.status !== 201) return created;
  let offset = Number((await headUpload(base, sha256)).headers.get('upload-offset') ?? 0);
  let last = created;
  while (offset < bytes.length) {
    last = await patchUpload(base, sha256, offset, bytes.subarray(offset, offset + chunk));
    if (last.status !== 204) return last;
    offset = Number(last.headers.get('upload-offset'));
  }
  return last;
}
