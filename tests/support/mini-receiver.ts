// A MINIMAL receiver of the push protocol, written from docs/design.md §4 alone (independent of Pleno's own
// receiver), to test the kecamatan's client over real HTTP on 127.0.0.1. State lives in a folder (state.json and the
// tus file store), so the receiver can be stopped and started again on the same port. It checks what a client must
// get right (signatures under the registered PPK key, order, hashes, sizes) and none of the commit's content checks.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { Server as TusServer } from '@tus/server';
import { FileStore } from '@tus/file-store';
import { generateKeyPair, nodeCrypto, signPayload } from '../../electron/main/backend/crypto';
import { canonicalize } from '../../shared/formats/canonical';
import { parseEnvelope } from '../../shared/formats/envelope';
import { parseManifest, verifyKeyed, type KirimManifest } from '../../shared/formats/kirim';

interface ManifestState {
  payload: KirimManifest;
  receipt: { status: string; text: string } | null;
}
interface State {
  manifests: Record<string, ManifestState>;
  objek: Record<string, true>;
  berkas: Record<string, true>;
  last: Record<string, { urutan: number; manifest: string }>;
  commits: number;
}

export interface MiniReceiver {
  url: string;
  port: number;
  /** base64url of the receiver key (goes into the certificate). */
  publicKey: string;
  state(): State;
  /** Counts each POST …/selesai that created or upgraded a receipt. */
  close(): Promise<void>;
}

export interface MiniReceiverOptions {
  dir: string;
  /** The one registered PPK key (base64url) and its kecamatan. */
  ppkKey: string;
  kecamatan: string;
  port?: number;
  /** The receiver key; a new one when absent (keep it across restarts). */
  key?: { publicKey: string; privateKey: string; fingerprint: string };
}

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of req) parts.push(c as Buffer);
  const raw = Buffer.concat(parts);
  return req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw, { maxOutputLength: 64 << 20 }) : raw;
}

function send(res: ServerResponse, status: number, json?: unknown, text?: string): void {
  const out = text ?? (json === undefined ? '' : JSON.stringify(json));
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(out);
}

export async function startMiniReceiver(o: MiniReceiverOptions): Promise<MiniReceiver> {
  mkdirSync(path.join(o.dir, 'berkas'), { recursive: true });
  const key = o.key ?? generateKeyPair();
  const statePath = path.join(o.dir, 'state.json');
  const st: State = existsSync(statePath)
    ? (JSON.parse(readFileSync(statePath, 'utf8')) as State)
    : { manifests: {}, objek: {}, berkas: {}, last: {}, commits: 0 };
  const save = () => writeFileSync(statePath, JSON.stringify(st));
  const open = () => Object.values(st.manifests).filter((m) => m.receipt?.status !== 'lengkap');
  const listedBlob = (h: string) =>
    open()
      .flatMap((m) => m.payload.berkas)
      .find((b) => b.sha256 === h);
  const blobFile = (h: string) => path.join(o.dir, 'berkas', h);
  const held = (h: string) => (existsSync(blobFile(h)) ? statSync(blobFile(h)).size : 0);
  const kurang = (m: KirimManifest) => ({
    objek: m.objek.filter((x) => !st.objek[x.sha256]).map((x) => x.sha256),
    berkas: m.berkas.filter((x) => !st.berkas[x.sha256]).map((x) => ({ sha256: x.sha256, diterima: held(x.sha256) })),
  });

  const tus = new TusServer({
    path: '/v1/berkas',
    datastore: new FileStore({ directory: path.join(o.dir, 'berkas') }),
    namingFunction: (_req, md) => String(md?.sha256 ?? ''),
    generateUrl: (_req, { path: p, id }) => `${p}/${id}`,
    relativeLocation: true,
    onUploadCreate: async (_req, upload) => {
      const listed = listedBlob(String(upload.metadata?.sha256 ?? ''));
      if (!listed || listed.ukuran !== upload.size) throw { status_code: 400, body: 'not listed' };
      return {};
    },
    onUploadFinish: async (_req, upload) => {
      const h = String(upload.metadata?.sha256 ?? upload.id);
      if (sha(readFileSync(blobFile(upload.id))) !== h) {
        rmSync(blobFile(upload.id), { force: true });
        rmSync(`${blobFile(upload.id)}.json`, { force: true });
        throw { status_code: 400, body: 'hash mismatch' };
      }
      st.berkas[h] = true;
      save();
      return {};
    },
  });

  const receipt = (address: string, m: KirimManifest) => {
    const missing = m.berkas.filter((b) => !st.berkas[b.sha256]).length;
    const payload = {
      format: 'pleno.tanda-terima/1',
      kecamatan: m.kecamatan,
      pemilihan: m.pemilihan,
      urutan: m.urutan,
      manifest: address,
      audit: m.audit,
      status: missing === 0 ? 'lengkap' : 'menunggu-berkas',
      berkasKurang: missing,
      diterima: new Date().toISOString(),
    };
    return {
      status: payload.status,
      text: JSON.stringify(signPayload(payload, key.privateKey, key.fingerprint, { includePublicKey: true })),
    };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/v1/berkas' && req.method === 'POST') {
      // A POST for an upload already held answers its location instead of re-creating it (tus would restart it).
      const md = String(req.headers['upload-metadata'] ?? '');
      const m = /(?:^|,)\s*sha256 ([A-Za-z0-9+/=]+)/.exec(md);
      const h = m ? Buffer.from(m[1]!, 'base64').toString('utf8') : '';
      if (existsSync(blobFile(h)) || st.berkas[h]) {
        res.writeHead(201, { location: `/v1/berkas/${h}`, 'tus-resumable': '1.0.0' });
        res.end();
        return;
      }
    }
    if (url.pathname.startsWith('/v1/berkas')) return void tus.handle(req, res);
    if (req.method === 'GET' && url.pathname === '/v1/hello')
      return send(res, 200, { kabkota: o.kecamatan.slice(0, 4), format: 'pleno.kirim/1', sertifikat: null });
    if (req.method === 'POST' && url.pathname === '/v1/kirim') {
      const text = (await body(req)).toString('utf8');
      const env = parseEnvelope(JSON.parse(text));
      if (!env.ok) return send(res, 400, { masalah: [env.error.message] });
      const signer = verifyKeyed(env.value, nodeCrypto);
      if (!signer.ok || signer.value.publicKey !== o.ppkKey)
        return send(res, 401, { keyId: env.value.signature.keyId });
      const m = parseManifest(env.value.payload);
      if (!m.ok) return send(res, 400, { masalah: [m.error.message] });
      if (m.value.kecamatan !== o.kecamatan) return send(res, 403, {});
      const address = sha(canonicalize(env.value));
      if (!st.manifests[address]) {
        const last = st.last[`${m.value.kecamatan}/${m.value.pemilihan}`];
        if (m.value.urutan !== (last?.urutan ?? 0) + 1 || m.value.sebelumnya !== (last?.manifest ?? null))
          return send(res, 409, { terakhir: last ?? { urutan: 0, manifest: '0'.repeat(64) } });
        st.manifests[address] = { payload: m.value, receipt: null };
        save();
      }
      return send(res, 200, { manifest: address, kurang: kurang(st.manifests[address]!.payload) });
    }
    const objek = /^\/v1\/objek\/([0-9a-f]{64})$/.exec(url.pathname);
    if (req.method === 'PUT' && objek) {
      const raw = (await body(req)).toString('utf8');
      const h = objek[1]!;
      if (!open().some((m) => m.payload.objek.some((x) => x.sha256 === h))) return send(res, 400, {});
      if (sha(canonicalize(JSON.parse(raw))) !== h) return send(res, 400, {});
      const env = parseEnvelope(JSON.parse(raw));
      if (!env.ok) return send(res, 400, {});
      if (st.objek[h]) return send(res, 200, {});
      st.objek[h] = true;
      save();
      return send(res, 201, {});
    }
    const selesai = /^\/v1\/kirim\/([0-9a-f]{64})\/selesai$/.exec(url.pathname);
    if (req.method === 'POST' && selesai) {
      await body(req);
      const ms = st.manifests[selesai[1]!];
      if (!ms) return send(res, 404, {});
      const k = kurang(ms.payload);
      if (k.objek.length > 0) return send(res, 409, { kurang: k });
      const r = receipt(selesai[1]!, ms.payload);
      if (ms.receipt && ms.receipt.status === r.status) return send(res, 200, undefined, ms.receipt.text);
      ms.receipt = r;
      st.last[`${ms.payload.kecamatan}/${ms.payload.pemilihan}`] = { urutan: ms.payload.urutan, manifest: selesai[1]! };
      st.commits += 1;
      save();
      return send(res, 201, undefined, r.text);
    }
    send(res, 404, {});
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => send(res, 400, {}));
  });
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    publicKey: key.publicKey,
    state: () => st,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
