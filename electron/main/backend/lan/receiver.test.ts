// The LAN receiver over real HTTP on 127.0.0.1, on a real SQLite database through the real import service:
// statuses of docs/design.md §3.5, signed receipts checked against the hello key, quarantine, rate limit, size limits,
// the devices-seen log, and a concurrent run where every record is stored exactly once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../tests/support/records';
import { runningLanReceiver, startLanReceiver, type LanReceiver } from './receiver';
import { pushFile, readHello, type Hello } from './kpps-client';
import { verifyReceipt } from './receipt';
import { generateKeyPair, signPayload } from '../crypto';
import { payloadHash } from '../../../../shared/formats/envelope';
import { nodeCrypto } from '../crypto';
import { utf8Encode } from '../../../../shared/formats/bytes';
import { lanDeviceSummaries } from '../repositories/lan-contact.repo';

let fx: KecamatanFixture;
let rx: LanReceiver;
let url: string;
let hello: Hello;

const count = (sql: string, ...args: unknown[]) => (fx.backend.ctx.db.prepare(sql).get(...args) as { n: number }).n;

async function post(path: string, body: Uint8Array | string, type = 'application/json') {
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': type },
    body: body as unknown as RequestInit['body'],
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as Record<string, unknown> };
}

/** Sends raw bytes on a socket and returns what comes back before the server closes (or after `waitMs`). */
function raw(request: Buffer, opts: { halfClose: boolean; waitMs?: number }): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(rx.port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => (out += d.toString('latin1')));
    s.on('close', () => resolve(out));
    s.on('error', () => resolve(out));
    s.write(request, () => {
      if (opts.halfClose) s.end();
    });
    setTimeout(() => s.destroy(), opts.waitMs ?? 3000);
  });
}

/** Streams `total` bytes as HTTP chunks of `chunk` after `head`, until the server answers; returns what it sent. */
function rawChunked(head: string, chunk: Buffer, total: number): Promise<string> {
  return new Promise((resolve) => {
    const s = connect(rx.port, '127.0.0.1');
    let out = '';
    let sent = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      s.destroy();
      resolve(out);
    };
    s.on('data', (d) => {
      out += d.toString('latin1');
      if (out.includes('\r\n\r\n')) finish();
    });
    s.on('close', finish);
    s.on('error', finish);
    const frame = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const pump = () => {
      while (!done && sent < total) {
        sent += chunk.length;
        if (!s.write(frame)) return void s.once('drain', pump);
      }
      if (!done) s.write('0\r\n\r\n');
    };
    s.write(head, pump);
    setTimeout(finish, 15_000);
  });
}

beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 4 });
  rx = await startLanReceiver(fx.backend.ctx, {
    port: 0,
    host: '127.0.0.1',
    mdns: false,
    rateLimit: { capacity: 6, refillPerSecond: 0.2 },
  });
  url = `http://127.0.0.1:${rx.port}`;
  const h = await readHello(url);
  if (!h.ok) throw new Error(h.reason);
  hello = h.value;
});

afterAll(async () => {
  await rx?.close();
  await fx?.close();
});

describe('LAN receiver (docs/design.md §3.5)', () => {
  it('answers hello with the kecamatan and the PPK key', async () => {
    const res = await fetch(`${url}/v1/hello`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['format', 'kecamatan', 'ppkKey']);
    expect(body.kecamatan).toBe('630214');
    expect(body.format).toBe('pleno.lan/1');
    const key = fx.backend.ctx.db.prepare('SELECT public_key FROM ppk_key ORDER BY id LIMIT 1').get() as {
      public_key: string;
    };
    expect(body.ppkKey).toBe(key.public_key);
    expect(runningLanReceiver(fx.backend.ctx)).toBe(rx);
  });

  it('201 for a new record, 200 for the same again, 409 for different content (first kept, second flagged)', async () => {
    const tps = fx.devices[0]!.tps;
    const first = fx.record(tps, 'bupati');
    const bytes = fx.envelopeBytes(first);
    const r1 = await post('/v1/c-hasil', bytes);
    expect(r1.status).toBe(201);
    expect(r1.body.status).toBe('diterima');
    const receipt = verifyReceipt(r1.body.receipt, hello.ppkKey);
    expect(receipt.ok).toBe(true);
    if (receipt.ok) {
      expect(receipt.receipt.payload).toMatchObject({
        format: 'pleno.receipt/1',
        tps,
        pemilihan: 'bupati',
        sha256: payloadHash(first, nodeCrypto),
      });
    }

    const r2 = await post('/v1/c-hasil', bytes);
    expect(r2.status).toBe(200);
    expect(r2.body.status).toBe('duplikat');
    expect(verifyReceipt(r2.body.receipt, hello.ppkKey).ok).toBe(true);

    const other = fx.record(tps, 'bupati', 5);
    const r3 = await post('/v1/c-hasil', fx.envelopeBytes(other));
    expect(r3.status).toBe(409);
    expect(r3.body.status).toBe('konflik');
    const rc3 = verifyReceipt(r3.body.receipt, hello.ppkKey);
    expect(rc3.ok && rc3.receipt.payload.sha256).toBe(payloadHash(other, nodeCrypto));

    const rows = fx.backend.ctx.db
      .prepare("SELECT sha256, outcome, channel FROM submission WHERE tps = ? AND pemilihan = 'bupati' ORDER BY id")
      .all(tps) as { sha256: string; outcome: string; channel: string }[];
    expect(rows).toEqual([
      { sha256: payloadHash(first, nodeCrypto), outcome: 'diterima', channel: 'lan' },
      { sha256: payloadHash(other, nodeCrypto), outcome: 'konflik', channel: 'lan' },
    ]);
  });

  it('a receipt does not verify under another key', async () => {
    const tps = fx.devices[1]!.tps;
    const r = await post('/v1/c-hasil', fx.envelopeBytes(fx.record(tps, 'gubernur')));
    expect(r.status).toBe(201);
    expect(verifyReceipt(r.body.receipt, generateKeyPair().publicKey).ok).toBe(false);
  });

  it('401 for an unknown device, listed among the devices seen', async () => {
    const stranger = generateKeyPair();
    const rec = { ...fx.record(fx.devices[2]!.tps, 'bupati'), perangkat: 'hp-tak-dikenal' };
    const bytes = utf8Encode(JSON.stringify(signPayload(rec, stranger.privateKey, 'hp-tak-dikenal')));
    const before = count('SELECT count(*) AS n FROM quarantine_log');
    const r = await post('/v1/c-hasil', bytes);
    expect(r.status).toBe(401);
    expect(r.body.status).toBe('ditolak');
    expect(count('SELECT count(*) AS n FROM quarantine_log')).toBe(before + 1);
    expect(count('SELECT count(*) AS n FROM submission WHERE tps = ?', fx.devices[2]!.tps)).toBe(0);
    rx.flush();
    const seen = lanDeviceSummaries(fx.backend.ctx.db).find((d) => d.keyId === 'hp-tak-dikenal');
    expect(seen).toMatchObject({ registered: false, lastStatus: 401, ditolak: 1, lastOutcome: 'ditolak' });
  });

  it('401 for a device registered for another TPS, and for a bad signature', async () => {
    const a = fx.devices[3]!;
    const b = fx.devices[4]!;
    // Device A signs a record of TPS B (naming itself as perangkat).
    const foreign = { ...fx.record(b.tps, 'bupati'), perangkat: a.id };
    const r1 = await post('/v1/c-hasil', fx.envelopeBytes(foreign, a));
    expect(r1.status).toBe(401);
    expect(String((r1.body.error as { message: string }).message)).toContain(b.tps);

    const env = JSON.parse(new TextDecoder().decode(fx.envelopeBytes(fx.record(b.tps, 'bupati')))) as {
      payload: { suara: { paslon: number[] } };
    };
    env.payload.suara.paslon[0] = env.payload.suara.paslon[0]! + 100; // altered after signing
    const r2 = await post('/v1/c-hasil', JSON.stringify(env));
    expect(r2.status).toBe(401);
    expect((r2.body.error as { code: string }).code).toBe('BAD_SIGNATURE');
    expect(count('SELECT count(*) AS n FROM submission WHERE tps = ?', b.tps)).toBe(0);
  });

  it('400 for malformed input (quarantined), wrong content type, and a truncated bundle', async () => {
    const before = count('SELECT count(*) AS n FROM quarantine_log');
    // TPS 5 is also sent whole by the bundle test: compare with its count before, whichever test ran first
    const stored = count('SELECT count(*) AS n FROM submission WHERE tps = ?', fx.devices[5]!.tps);
    const r1 = await post('/v1/c-hasil', '{"payload": {"format": "pleno.c-hasil/1"');
    expect(r1.status).toBe(400);
    const r2 = await post('/v1/c-hasil', fx.envelopeBytes(fx.record(fx.devices[5]!.tps, 'bupati')), 'text/plain');
    expect(r2.status).toBe(400);
    const bundle = fx.bundleBytes(fx.devices[5]!.tps);
    const r3 = await post('/v1/bundle', bundle.subarray(0, Math.floor(bundle.length / 2)), 'application/zip');
    expect(r3.status).toBe(400);
    expect(count('SELECT count(*) AS n FROM quarantine_log')).toBe(before + 2);
    expect(count('SELECT count(*) AS n FROM submission WHERE tps = ?', fx.devices[5]!.tps)).toBe(stored);
  });

  it('a bundle gets 201 with one receipt per record; its photos are stored', async () => {
    const tps = fx.devices[5]!.tps;
    const r = await post('/v1/bundle', fx.bundleBytes(tps), 'application/zip');
    expect(r.status).toBe(201);
    const hasil = r.body.hasil as { status: string; pemilihan: string; receipt: unknown }[];
    expect(hasil.map((h) => [h.pemilihan, h.status]).sort()).toEqual([
      ['bupati', 'diterima'],
      ['gubernur', 'diterima'],
    ]);
    for (const h of hasil) expect(verifyReceipt(h.receipt, hello.ppkKey).ok).toBe(true);
    expect(
      count(
        'SELECT count(*) AS n FROM submission_photo sp JOIN submission s ON s.id = sp.submission_id WHERE s.tps = ?',
        tps,
      ),
    ).toBe(2);
    const again = await post('/v1/bundle', fx.bundleBytes(tps), 'application/zip');
    expect(again.status).toBe(200);
  });

  it('an upload cut short is answered 400 (or dropped) and its bytes quarantined', async () => {
    const bytes = fx.envelopeBytes(fx.record(fx.devices[6]!.tps, 'bupati'));
    const part = Buffer.from(bytes.subarray(0, Math.floor(bytes.length / 2)));
    const head = `POST /v1/c-hasil HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${bytes.length}\r\n\r\n`;
    const before = count('SELECT count(*) AS n FROM quarantine_log');
    const answer = await raw(Buffer.concat([Buffer.from(head), part]), { halfClose: true });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    await new Promise((r) => setTimeout(r, 100));
    expect(count('SELECT count(*) AS n FROM quarantine_log')).toBe(before + 1);
    const q = fx.backend.ctx.db
      .prepare('SELECT reason, size, channel FROM quarantine_log ORDER BY id DESC LIMIT 1')
      .get() as {
      reason: string;
      size: number;
      channel: string;
    };
    expect(q.reason).toContain('unggahan terputus');
    expect(q.size).toBe(part.length);
    expect(q.channel).toBe('lan');
    expect(readdirSync(join(fx.backend.ctx.dataDir, 'quarantine')).some((f) => f.includes('terputus'))).toBe(true);
    expect(count('SELECT count(*) AS n FROM submission WHERE tps = ?', fx.devices[6]!.tps)).toBe(0);
  });

  it('413 for a body over 20 MiB, from Content-Length and from the streamed count', async () => {
    const head = `POST /v1/bundle HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/zip\r\nContent-Length: ${21 * 1024 * 1024}\r\n\r\n`;
    expect(await raw(Buffer.from(head), { halfClose: false, waitMs: 2000 })).toMatch(/^HTTP\/1\.1 413/);

    // Chunked, no Content-Length: refused once the count passes 20 MiB. The status line must come back; an error
    // on the socket without it is a failure.
    const answer = await rawChunked(
      `POST /v1/bundle HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/zip\r\nTransfer-Encoding: chunked\r\n\r\n`,
      Buffer.alloc(256 * 1024),
      21 * 1024 * 1024,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413/);
  });

  it('429 with Retry-After when one device sends too fast; others are not affected', async () => {
    const dev = fx.devices[7]!;
    const bytes = fx.envelopeBytes(fx.record(dev.tps, 'gubernur'));
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const r = await post('/v1/c-hasil', bytes);
      statuses.push(r.status);
      if (r.status === 429) retryAfter = r.headers.get('retry-after');
    }
    expect(statuses.slice(0, 6)).toEqual([201, 200, 200, 200, 200, 200]);
    expect(statuses.slice(6)).toEqual([429, 429]);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(rx.rateLimited()).toBe(2);
    const other = await post('/v1/c-hasil', fx.envelopeBytes(fx.record(fx.devices[0]!.tps, 'gubernur')));
    expect(other.status).toBe(201);
  });

  it('pushFile (the phone side) verifies receipts and reports duplicates', async () => {
    const tps = fx.devices[1]!.tps;
    const r = await pushFile(url, hello, 'c-hasil', fx.envelopeBytes(fx.record(tps, 'bupati')));
    expect(r.status).toBe('diterima');
    const again = await pushFile(url, hello, 'c-hasil', fx.envelopeBytes(fx.record(tps, 'bupati')));
    expect(again.status).toBe('duplikat');
    // A receiver that signs with another key is caught.
    const fake = await pushFile(
      url,
      { ...hello, ppkKey: generateKeyPair().publicKey },
      'c-hasil',
      fx.envelopeBytes(fx.record(tps, 'bupati')),
    );
    expect(fake).toMatchObject({ status: 'ditolak', code: 'BAD_RECEIPT' });
  });
});

describe('LAN receiver rate limit for unknown devices', () => {
  it('invented key ids share one bucket per address', async () => {
    const r = await startLanReceiver(fx.backend.ctx, {
      port: 0,
      host: '127.0.0.1',
      mdns: false,
      rateLimit: { capacity: 4, refillPerSecond: 0.1 },
    }).catch(() => null);
    // The fixture's receiver is already running for this backend: use it through a second fixture instead.
    expect(r).toBe(rx);
    const other = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1 });
    // One token per 1,000 s: on a loaded machine the seven posts took 32 s, and a refill every 10 s let two more in.
    const r2 = await startLanReceiver(other.backend.ctx, {
      port: 0,
      host: '127.0.0.1',
      mdns: false,
      rateLimit: { capacity: 4, refillPerSecond: 0.001 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const k = generateKeyPair();
        const rec = { ...other.record(other.devices[0]!.tps, 'bupati'), perangkat: `palsu-${i}` };
        const res = await fetch(`http://127.0.0.1:${r2.port}/v1/c-hasil`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify(signPayload(rec, k.privateKey, `palsu-${i}`)),
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
      // A registered device is not held back by them.
      const ok = await fetch(`http://127.0.0.1:${r2.port}/v1/c-hasil`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: other.envelopeBytes(other.record(other.devices[0]!.tps, 'bupati')) as unknown as RequestInit['body'],
      });
      expect(ok.status).toBe(201);
    } finally {
      await r2.close();
      await other.close();
    }
  });
});

describe('LAN receiver under concurrency', () => {
  it('stores every record once with 50 concurrent connections; replays answered 200', async () => {
    const big = await createKecamatanFixture({ desa: 10, tpsPerDesa: 12 });
    // 50 phones share one loopback address here; on a LAN each has its own, so lift the per-address caps.
    const r = await startLanReceiver(big.backend.ctx, {
      port: 0,
      host: '127.0.0.1',
      mdns: false,
      addressRateLimit: { capacity: 10_000, refillPerSecond: 10_000 },
      connections: { perAddress: 100 },
    });
    try {
      const base = `http://127.0.0.1:${r.port}`;
      const h = await readHello(base);
      if (!h.ok) throw new Error(h.reason);
      const jobs: Uint8Array[] = [];
      for (const d of big.devices)
        for (const p of ['gubernur', 'bupati'] as const) jobs.push(big.envelopeBytes(big.record(d.tps, p)));
      // Each record twice (a phone retrying after a lost answer), shuffled.
      const all = [...jobs, ...jobs]
        .map((b, i) => ({ b, k: (i * 7919) % 1000 }))
        .sort((x, y) => x.k - y.k)
        .map((x) => x.b);
      const statuses: string[] = [];
      let next = 0;
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          while (next < all.length) {
            const b = all[next++]!;
            const res = await pushFile(base, h.value, 'c-hasil', b);
            statuses.push(res.status);
          }
        }),
      );
      expect(statuses.filter((s) => s === 'diterima')).toHaveLength(jobs.length);
      expect(statuses.filter((s) => s === 'duplikat')).toHaveLength(jobs.length);
      const n = (
        big.backend.ctx.db.prepare("SELECT count(*) AS n FROM submission WHERE channel = 'lan'").get() as { n: number }
      ).n;
      expect(n).toBe(jobs.length);
      const distinct = (
        big.backend.ctx.db.prepare('SELECT count(DISTINCT tps || pemilihan) AS n FROM submission').get() as {
          n: number;
        }
      ).n;
      expect(distinct).toBe(jobs.length);
    } finally {
      await r.close();
      await big.close();
    }
  });
});
