// Blobs of the push (docs/design.md §4.3) over tus 1.0 (core, creation) with @tus/server and its file store: bytes
// stream to disk, named by their SHA-256 only, in <data>/berkas/. Only blobs listed in an open manifest are taken,
// with Upload-Length equal to the listed size; a POST for an upload that exists answers its URL instead of starting
// over; on completion the whole file's SHA-256 is checked and a mismatch is discarded (400).
import { createHash } from 'node:crypto';
import { createReadStream, rmSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { FileStore } from '@tus/file-store';
import { Server } from '@tus/server';
import { ok } from '../../../../shared/domain/result';
import { runCommand } from '../db/command';
import { allOpenManifests, hasBerkas, insertBerkas } from '../repositories/penerima.repo';
import { manifestPayload, type Ctx } from '../services/penerima/receive.service';
import type { BlobHoldings } from '../services/penerima/kurang';
import { berkasDir, fileHoldings } from '../services/penerima/berkas-store';
import { BERKAS_MAX_BYTES } from '../services/penerima/limits';

export const BERKAS_PATH = '/v1/berkas';
export { BERKAS_MAX_BYTES };
const HEX64 = /^[0-9a-f]{64}$/;

export interface BerkasServer extends BlobHoldings {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

function metadataSha(header: string | undefined): string | null {
  for (const pair of (header ?? '').split(',')) {
    const [k, v] = pair.trim().split(' ');
    if (k === 'sha256' && v) {
      const s = Buffer.from(v, 'base64').toString('utf8');
      return HEX64.test(s) ? s : null;
    }
  }
  return null;
}

function listedSize(ctx: Ctx, sha: string): number | null {
  for (const row of allOpenManifests(ctx.db)) {
    const b = manifestPayload(row).berkas.find((x) => x.sha256 === sha);
    if (b) return b.ukuran;
  }
  return null;
}

async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return h.digest('hex');
}

function answer(res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const body = JSON.stringify({ masalah: [message] });
  res.writeHead(status, { 'content-type': 'application/json', 'tus-resumable': '1.0.0', ...headers });
  res.end(body);
}

export function createBerkasServer(ctx: Ctx): BerkasServer {
  const dir = berkasDir(ctx);
  const { bytesHeld } = fileHoldings(dir);
  const tus = new Server({
    path: BERKAS_PATH,
    datastore: new FileStore({ directory: dir }),
    maxSize: BERKAS_MAX_BYTES,
    relativeLocation: true,
    namingFunction: (req) => metadataSha(req.headers.get('upload-metadata') ?? undefined) ?? 'tidak-sah',
    generateUrl: (_req, { path, id }) => `${path}/${id}`,
    onUploadFinish: async (_req, upload) => {
      const path = join(dir, upload.id);
      if ((await fileSha256(path)) !== upload.id) {
        rmSync(path, { force: true });
        rmSync(`${path}.json`, { force: true });
        throw {
          status_code: 400,
          body: JSON.stringify({ masalah: ['Isi berkas tidak sesuai dengan hash-nya; dibuang.'] }),
        };
      }
      runCommand(ctx, (unit) => {
        if (!hasBerkas(unit.db, upload.id))
          insertBerkas(unit.db, upload.id, upload.size ?? 0, ctx.clock().toISOString());
        return ok(null);
      });
      return {};
    },
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const sha = req.method === 'POST' ? metadataSha(req.headers['upload-metadata'] as string | undefined) : null;
    if (req.method === 'POST') {
      if (!sha) return answer(res, 400, 'Upload-Metadata harus memuat sha256 berkas.');
      const size = listedSize(ctx, sha);
      const length = Number(req.headers['upload-length']);
      if (size === null) return answer(res, 400, 'Berkas ini tidak tercantum dalam manifest terbuka mana pun.');
      if (length !== size) return answer(res, 400, `Upload-Length harus ${size} (ukuran yang tercantum).`);
      if (hasBerkas(ctx.db, sha) || bytesHeld(sha) > 0 || statExists(join(dir, `${sha}.json`))) {
        req.resume();
        return answer(res, 201, 'Berkas ini sudah ada; lanjutkan dari posisinya.', {
          location: `${BERKAS_PATH}/${sha}`,
        });
      }
    } else if (req.method === 'PATCH' || req.method === 'HEAD') {
      const id = (req.url ?? '').split('?')[0]!.slice(BERKAS_PATH.length + 1);
      if (!HEX64.test(id)) return answer(res, 404, 'Berkas tidak dikenal.');
    } else if (req.method !== 'OPTIONS') {
      return answer(res, 405, 'Metode ini tidak tersedia untuk berkas.');
    }
    await tus.handle(req, res);
  }

  return { handle, bytesHeld };
}

function statExists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}
