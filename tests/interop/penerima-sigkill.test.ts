// The receiver (`pleno penerima serve`, a real process) SIGKILLed with commits in flight and in the middle of a blob
// upload (docs/design.md §4.3): after each restart every commit happened wholly or not at all — no receipt without
// its manifest and every object it lists, none that fails to verify, none ahead of its predecessor, at most one per
// manifest and status, the audit chain valid — and a blob upload resumes from the offset the receiver holds, with a
// real tus client sending only the bytes the receiver lacked. Pushes are built by hand (tests/support/push-fixture.ts)
// and sent by the minimal client written from the text (tests/support/mini-kirim-client.ts).
import { request } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import * as tus from 'tus-js-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor } from '../../electron/main/backend/backend';
import { nodeCrypto } from '../../electron/main/backend/crypto';
import type { SignedEnvelope } from '../../shared/domain/model';
import { verifyTandaTerima, type KirimManifest } from '../../shared/formats/kirim';
import { startFaultProxy } from '../support/fault-proxy';
import * as client from '../support/mini-kirim-client';
import { makeKecamatan, makePush, type Kecamatan, type Push } from '../support/push-fixture';
import {
  auditVerify,
  freePort,
  makeReceiverDb,
  sigkill,
  startReceiverProcess,
  stopGently,
} from '../support/penerima-process';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-penerima-kill-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Everything a commit may leave, checked on the file: wholly or not at all. Returns receipts per status. */
function checkCommits(dbPath: string, receiverKey: string): { lengkap: number; menunggu: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const manifests = new Map(
      (
        db.prepare('SELECT address, urutan, sebelumnya, envelope_json AS e FROM penerima_manifest').all() as {
          address: string;
          urutan: number;
          sebelumnya: string | null;
          e: string;
        }[]
      ).map((r) => [r.address, r]),
    );
    const held = new Set(
      (db.prepare('SELECT address FROM penerima_objek').all() as { address: string }[]).map((r) => r.address),
    );
    const receipts = db.prepare('SELECT manifest, status, receipt_json AS r FROM penerima_tanda_terima').all() as {
      manifest: string;
      status: string;
      r: string;
    }[];
    const seen = new Set<string>();
    const confirmed = new Set(receipts.map((r) => r.manifest));
    for (const r of receipts) {
      const m = manifests.get(r.manifest);
      expect(m, 'a receipt names a manifest the receiver holds').toBeDefined();
      const payload = (JSON.parse(m!.e) as SignedEnvelope<KirimManifest>).payload;
      for (const o of payload.objek) expect(held.has(o.sha256), 'every object of a receipted manifest held').toBe(true);
      const v = verifyTandaTerima(JSON.parse(r.r), receiverKey, { address: r.manifest, payload }, nodeCrypto);
      expect(v.ok && v.value.status).toBe(r.status);
      expect(seen.has(`${r.manifest} ${r.status}`), 'one receipt per manifest and status').toBe(false);
      seen.add(`${r.manifest} ${r.status}`);
      if (m!.urutan > 1) expect(confirmed.has(m!.sebelumnya!), 'no receipt ahead of its predecessor').toBe(true);
    }
    const count = (s: string) => receipts.filter((r) => r.status === s).length;
    return { lengkap: count('lengkap'), menunggu: count('menunggu-berkas') };
  } finally {
    db.close();
  }
}

/**
 * Pushes every chain (manifest, objects, commit; urutan in order) until the receiver goes away. `onCommitSent` is
 * called as each commit request leaves (before its answer). Returns the last commit answer text per manifest.
 */
async function drive(base: string, chains: Push[][], answers: Map<string, string>, onCommitSent: () => void) {
  await Promise.all(
    chains.map(async (chain) => {
      try {
        for (const p of chain) {
          expect((await client.postManifest(base, p.envelope)).status).toBe(200);
          for (const [sha, env] of p.objek)
            expect([200, 201]).toContain((await client.putObjek(base, sha, env)).status);
          const sent = client.commit(base, p.address);
          onCommitSent();
          const r = await sent;
          expect([200, 201]).toContain(r.status);
          answers.set(p.address, r.text);
        }
      } catch (err) {
        if (!(err instanceof TypeError)) throw err; // fetch failed: the receiver was killed
      }
    }),
  );
}

describe('penerima SIGKILLed with commits in flight', () => {
  it('after each restart every commit happened wholly or not at all; the end holds each receipt once', async () => {
    const kpu = makeKecamatan().kpu;
    const ks: Kecamatan[] = Array.from({ length: 6 }, (_, i) => makeKecamatan(kpu, `63020${i + 1}`));
    const chains = ks.map((k) => {
      const out: Push[] = [];
      for (let u = 1; u <= 4; u++) out.push(makePush(k, { urutan: u, sebelumnya: out.at(-1)?.address ?? null }));
      return out;
    });
    const dbPath = join(dir, 'commit.db');
    const key = await makeReceiverDb(dbPath, ks);
    const port = await freePort();
    const answers = new Map<string, string>();
    let killsWithCommitSent = 0;
    for (const killAt of [2, 5, 9, 14]) {
      const rx = await startReceiverProcess(dbPath, port);
      let sent = 0;
      await drive(rx.base, chains, answers, () => {
        if (++sent === killAt) {
          rx.child.kill('SIGKILL'); // the commit request has left; its transaction may be anywhere
          killsWithCommitSent++;
        }
      });
      expect(await rx.exited).toBe('SIGKILL');
      checkCommits(dbPath, key);
      const audit = auditVerify(dbPath);
      expect(audit.status, audit.out).toBe(0);
    }
    expect(killsWithCommitSent).toBe(4);
    const rx = await startReceiverProcess(dbPath, port);
    await drive(rx.base, chains, answers, () => {});
    await stopGently(rx);
    // every push of the photo-less chains committed exactly once (menunggu-berkas: the photo was never sent)
    expect(checkCommits(dbPath, key)).toEqual({ lengkap: 0, menunggu: 24 });
    const db = new Database(dbPath, { readonly: true });
    for (const chain of chains)
      for (const p of chain) {
        const row = db.prepare('SELECT receipt_json AS r FROM penerima_tanda_terima WHERE manifest = ?').get(p.address);
        expect((row as { r: string }).r).toBe(answers.get(p.address)); // a repeat answers the stored bytes
      }
    db.close();
    expect(auditVerify(dbPath).status).toBe(0);
  }, 360_000); // four SIGKILLs and restarts: past 180 s at load 28
});

/** A PATCH that trickles `bytes` from offset 0 in 8 KiB pieces; resolves when the connection ends or breaks. */
function tricklePatch(base: string, sha: string, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    const url = new URL(`/v1/berkas/${sha}`, base);
    const req = request(url, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
        'content-length': String(bytes.length),
      },
    });
    req.on('error', () => resolve());
    req.on('response', (res) => (res.resume(), res.on('end', resolve)));
    let at = 0;
    const next = () => {
      if (at >= bytes.length || req.destroyed) return;
      req.write(bytes.subarray(at, at + 8192));
      at += 8192;
      setTimeout(next, 15);
    };
    next();
  });
}

function tusResume(url: string, sha: string, bytes: Uint8Array): Promise<void> {
  return new Promise((resolve, reject) => {
    new tus.Upload(Buffer.from(bytes), {
      endpoint: `${url}/v1/berkas`,
      uploadUrl: `${url}/v1/berkas/${sha}`,
      chunkSize: 32 * 1024,
      metadata: { sha256: sha },
      retryDelays: [],
      storeFingerprintForResuming: false,
      onSuccess: () => resolve(),
      onError: reject,
    }).start();
  });
}

describe('penerima SIGKILLed in the middle of a blob', () => {
  it('holds the bytes written, answers HEAD with that offset, and a tus client resumes from it to lengkap', async () => {
    const k = makeKecamatan(undefined, '630214');
    const dbPath = join(dir, 'blob.db');
    const key = await makeReceiverDb(dbPath, [k]);
    const port = await freePort();
    const p = makePush(k);
    const [sha, photo] = [...p.berkas][0]!;
    const onDisk = join(dataDirFor(dbPath), 'berkas', sha);

    const first = await startReceiverProcess(dbPath, port);
    expect((await client.postManifest(first.base, p.envelope)).status).toBe(200);
    for (const [o, env] of p.objek) expect((await client.putObjek(first.base, o, env)).status).toBe(201);
    expect((await client.createUpload(first.base, sha, photo.length)).status).toBe(201);
    const trickle = tricklePatch(first.base, sha, photo);
    const deadline = Date.now() + 30_000;
    while (!(existsSync(onDisk) && statSync(onDisk).size >= 48 * 1024)) {
      if (Date.now() > deadline) throw new Error('no blob bytes reached the disk');
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(await sigkill(first)).toBe('SIGKILL');
    await trickle;
    const kept = statSync(onDisk).size;
    expect(kept).toBeGreaterThanOrEqual(48 * 1024);
    expect(kept).toBeLessThan(photo.length);
    expect(checkCommits(dbPath, key)).toEqual({ lengkap: 0, menunggu: 0 });

    const second = await startReceiverProcess(dbPath, port);
    const proxy = await startFaultProxy(second.base);
    try {
      const head = await client.headUpload(second.base, sha);
      expect([head.status, Number(head.headers.get('upload-offset'))]).toEqual([200, kept]);
      const posted = await client.postManifest(second.base, p.envelope);
      expect((posted.json as { kurang: unknown }).kurang).toEqual({
        objek: [],
        berkas: [{ sha256: sha, diterima: kept }],
      });
      await tusResume(proxy.url, sha, photo);
      // only what the receiver lacked crossed the link again
      expect(proxy.stats.bodyBytesUpByMethod.get('PATCH')).toBe(photo.length - kept);
      expect(new Uint8Array(readFileSync(onDisk))).toEqual(photo);
      const done = await client.commit(second.base, p.address);
      expect(done.status).toBe(201);
      const v = verifyTandaTerima(done.json, key, { address: p.address, payload: p.manifest }, nodeCrypto);
      expect(v.ok && v.value.status).toBe('lengkap');
    } finally {
      await proxy.close();
      await stopGently(second);
    }
    expect(checkCommits(dbPath, key)).toEqual({ lengkap: 1, menunggu: 0 });
    expect(auditVerify(dbPath).status).toBe(0);
  }, 120_000);
});
