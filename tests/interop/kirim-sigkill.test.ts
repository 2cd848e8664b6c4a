// A `pleno kirim` process SIGKILLed in the middle of a blob upload resumes after a restart from the offset the
// receiver holds (docs/design.md §4.3, §4.5): real CLI processes, Pleno's own receiver over real HTTP on 127.0.0.1,
// the fault-injecting proxy throttling the link so the kill lands mid-upload.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedEnvelope } from '../../shared/domain/model';
import type { KirimManifest } from '../../shared/formats/kirim';
import { issueDocument } from '../../electron/main/backend/services/documents/documents.service';
import { listManifests } from '../../electron/main/backend/repositories/kirim.repo';
import { penerimaRecap } from '../../electron/main/backend/services/penerima/recap.service';
import { startKirimPair, type KirimPair } from '../support/kirim-pair';

const BIN = fileURLToPath(new URL('../../bin/pleno.mjs', import.meta.url));
let pair: KirimPair;

function kirim(dbPath: string) {
  const child = spawn(process.execPath, [
    BIN,
    'kirim',
    '--db',
    dbPath,
    '--batas',
    '60',
    '--potongan',
    '8192',
    '--tunggu',
    '5',
  ]);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const done = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, done, out: () => out };
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function heldOffset(sha256: string): Promise<number> {
  const res = await fetch(new URL(`/v1/berkas/${sha256}`, pair.server.url), {
    method: 'HEAD',
    headers: { 'Tus-Resumable': '1.0.0' },
  });
  return res.status === 200 ? Number(res.headers.get('upload-offset')) : 0;
}

beforeAll(async () => {
  pair = await startKirimPair();
});
afterAll(async () => {
  await pair?.close();
});

describe('pleno kirim killed mid-push', () => {
  it('resumes the blob from the held offset after a restart and ends lengkap, one delivery', async () => {
    await issueDocument(pair.fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    const row = listManifests(pair.fx.backend.ctx.db)[0]!;
    const berkas = (JSON.parse(row.envelopeJson) as SignedEnvelope<KirimManifest>).payload.berkas;
    const pdf = berkas.find((b) => b.jenis === 'pdf')!;
    const blobBytes = berkas.reduce((n, b) => n + b.ukuran, 0);
    await pair.fx.backend.close(); // one process per database: the CLI takes it over
    const stats = pair.proxy.stats;
    pair.proxy.plan.bitsPerSecond = 160_000; // 20 KB/s: the PDF takes seconds to upload
    const first = kirim(pair.fx.dbPath);
    // kill once a good part of the PDF is on its way
    await until(() => (stats.bodyBytesUpByMethod.get('PATCH') ?? 0) > pdf.ukuran / 3, 60_000);
    first.child.kill('SIGKILL');
    expect((await first.done).signal).toBe('SIGKILL');
    pair.proxy.plan.bitsPerSecond = undefined;
    const held = await heldOffset(pdf.sha256);
    expect(held, first.out()).toBeGreaterThan(0);
    expect(held).toBeLessThan(pdf.ukuran);
    const patchedBefore = stats.bodyBytesUpByMethod.get('PATCH') ?? 0;

    const second = kirim(pair.fx.dbPath);
    const end = await second.done;
    expect(end.code, second.out()).toBe(0);
    expect(second.out()).toMatch(/^630214 bupati urutan 1: lengkap$/m);
    const patchedAfter = (stats.bodyBytesUpByMethod.get('PATCH') ?? 0) - patchedBefore;
    // the restart sends only what the receiver lacked: never the held part of the PDF again
    expect(patchedAfter).toBeLessThanOrEqual(blobBytes - held);
    // bytes re-sent over both runs: at most the one 8 KiB chunk in flight at the kill
    expect(patchedBefore + patchedAfter - blobBytes).toBeLessThanOrEqual(8192);
    const bupati = penerimaRecap(pair.kab.ctx.db)!.pemilihan.find((p) => p.id === 'bupati')!;
    expect(bupati.daftar.map((d) => [d.kode, d.urutan])).toEqual([['630214', 1]]);
  }, 120_000);
});
