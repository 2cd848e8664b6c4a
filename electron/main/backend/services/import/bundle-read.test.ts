// The bundle reader's speed measures keep its checks: zlib's native inflater refuses exactly what the pure one
// refuses (with the same sentences), and the worker that keeps the master between jobs verifies against it, is sent
// it again after a restart, and answers what the in-thread read answers.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'fflate';
import { crc32 as zlibCrc32 } from 'node:zlib';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { readBundle } from '../../../../../shared/formats/bundle';
import { ParseFailure } from '../../../../../shared/formats/parse-result';
import {
  extractZipEntry,
  inflateCapped,
  readZipDirectory,
  type ZipLimits,
} from '../../../../../shared/formats/zip-reader';
import { lyingSizeBomb, rawZip } from '../../../../../tests/support/hostile-zip';
import { makeBundle, makeFixture } from '../../../../../tests/support/records';
import { comparableRead, tempPhotoDir } from '../../../../../tests/support/bundle-reads';
import { nodeCrypto } from '../../crypto';
import { createWorkerTask, WorkerJobError } from '../../workers/worker-task';
import {
  CONTEXT_MISSING,
  entriesOf,
  readBundleInThread,
  readOnWorker,
  serveBundleJob,
  zlibInflateCapped,
  type BundleRead,
  type BundleReadJob,
  type SentContext,
} from './bundle-read';

const limits: ZipLimits = {
  maxEntries: 10,
  maxTotalBytes: 1 << 30,
  maxEntryBytes: () => 1 << 30,
  allowName: () => undefined,
};

/** The sentence extractZipEntry throws with this inflater, or 'ok:<bytes>' when it reads the entry. */
function outcome(zip: Uint8Array, inflate = zlibInflateCapped): string {
  const [en] = readZipDirectory(zip, limits);
  try {
    return `ok:${new TextDecoder().decode(extractZipEntry(zip, en!, zlibCrc32, 'bundel', inflate))}`;
  } catch (err) {
    if (err instanceof ParseFailure) return err.message;
    throw err;
  }
}

describe('zlibInflateCapped', () => {
  const text = utf8Encode('hasil penghitungan suara '.repeat(40));

  it('refuses what the pure inflater refuses, with the same sentence, and reads what it reads', () => {
    const cases = [
      rawZip([{ name: 'a', data: text, deflate: true }]),
      rawZip([{ name: 'a', data: text, deflate: true, size: text.length - 1, body: deflateSync(text) }]),
      rawZip([{ name: 'a', data: text, deflate: true, size: text.length + 1 }]),
      rawZip([{ name: 'a', data: text, deflate: true, body: new Uint8Array([0xff, 0xff, 0xff, 0xff]) }]),
      rawZip([{ name: 'a', data: text, deflate: true, body: deflateSync(text).subarray(0, 20) }]),
      rawZip([{ name: 'a', data: new Uint8Array(0), deflate: true, body: new Uint8Array(0) }]),
    ];
    const seen = cases.map((zip) => outcome(zip));
    expect(seen).toEqual(cases.map((zip) => outcome(zip, inflateCapped)));
    expect(seen[0]).toBe(`ok:${new TextDecoder().decode(text)}`);
    expect(seen[1]).toBe('entri "a" rusak (isi lebih besar dari ukuran yang dinyatakan)');
    expect(seen[3]).toBe('entri "a" rusak (gagal dekompresi)');
    expect(seen[5]).toBe('ok:');
  });

  it('stops a lying entry at its declared size (1 KiB declared, 64 MiB real)', () => {
    const bomb = lyingSizeBomb({ entries: 1, real: 64 * 1024 * 1024, declared: 1024 });
    expect(outcome(bomb)).toBe(`entri ${nameOf(bomb)} rusak (isi lebih besar dari ukuran yang dinyatakan)`);
    const r = readBundle(lyingSizeBomb({ entries: 200, real: 16 * 1024 * 1024, declared: 60 * 1024 }), {
      sha256: nodeCrypto.sha256,
      inflate: zlibInflateCapped,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'BUNDLE_UNREADABLE' } });
    expect(!r.ok && r.error.message).toMatch(/lebih besar dari ukuran yang dinyatakan/);
  });
});

function nameOf(zip: Uint8Array): string {
  return JSON.stringify(readZipDirectory(zip, limits)[0]!.name);
}

const unpacked = comparableRead;

describe('the bundle-read worker keeps the master between jobs', () => {
  const fx = makeFixture({ desaCount: 1, tpsPerDesa: 3 });
  const [t1, t2] = fx.tpsCodes as [string, string];
  const photoDir = tempPhotoDir();
  const input = (tps: string) => ({ bytes: makeBundle(fx, tps), master: fx.master, extra: [], photoDir });
  const task = createWorkerTask<BundleReadJob, BundleRead>({
    name: 'bundle-read-test',
    entry: new URL('../../workers/reader.worker.ts', import.meta.url),
    timeoutMs: 60_000,
    maxHeapMb: 256,
  });
  afterAll(() => task.close());

  it('answers what the in-thread read answers, sends the master once, and again to a restarted worker', async () => {
    const sent: SentContext = { key: null };
    const answer = await readOnWorker(task, input(t1), sent);
    // Packed into one buffer that moves without a copy (bundle-read.ts packResults).
    expect(answer.ok && answer.results).toBeInstanceOf(Uint8Array);
    const first = unpacked(answer);
    expect(first).toEqual(unpacked(readBundleInThread(input(t1))));
    expect(answer.ok && entriesOf(answer).map((e) => e.verified.ok)).toEqual([true, true]);
    const key = sent.key!;
    // The next job carries only the key: the worker verifies with the master it holds.
    const second = unpacked(await task.run({ bytes: input(t2).bytes, photoDir, context: { key } }));
    expect(second).toEqual(unpacked(readBundleInThread(input(t2))));

    task.close(); // a fresh worker holds nothing: a key-only job is refused, readOnWorker sends the master again
    await expect(task.run({ bytes: input(t2).bytes, photoDir, context: { key } })).rejects.toMatchObject({
      kind: CONTEXT_MISSING,
    });
    task.close();
    expect(unpacked(await readOnWorker(task, input(t2), sent))).toEqual(second);
  });

  it('after its worker closed (idle), the next job carries the master at once', async () => {
    const sent: SentContext = { key: null };
    await readOnWorker(task, input(t1), sent);
    task.close();
    const posted: BundleReadJob[] = [];
    const watched = {
      run: (job: BundleReadJob) => (posted.push(job), task.run(job)),
      mode: () => task.mode(),
    };
    const r = await readOnWorker(watched, input(t2), sent);
    expect(r.ok && entriesOf(r).map((e) => e.verified.ok)).toEqual([true, true]);
    expect(posted.map((j) => j.context.master !== undefined)).toEqual([true]);
  });

  it('a signature by a key the held master does not know is refused', async () => {
    const other = makeFixture({ desaCount: 1, tpsPerDesa: 3 });
    const sent: SentContext = { key: null };
    // Same TPS codes, other device keys: the worker must verify against the master sent with this job's key.
    const r = await readOnWorker(task, { bytes: makeBundle(other, t1), master: fx.master, extra: [], photoDir }, sent);
    expect(r.ok && entriesOf(r).map((e) => !e.verified.ok && e.verified.error.code)).toEqual([
      'BAD_SIGNATURE',
      'BAD_SIGNATURE',
    ]);
  });

  it('the worker side refuses a job whose context it does not hold', () => {
    let err: unknown;
    try {
      serveBundleJob({ bytes: new Uint8Array(0), photoDir, context: { key: 'never-sent' } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).name).toBe(CONTEXT_MISSING);
    expect(err).not.toBeInstanceOf(WorkerJobError);
  });
});

describe('the bundle-read worker in a process started with node --import tsx (bench, development)', () => {
  it('starts and reads there, instead of falling back to the calling thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-bundle-read-'));
    try {
      const here = fileURLToPath(new URL('.', import.meta.url));
      const script = join(dir, 'read.mts');
      writeFileSync(
        script,
        [
          `import { makeBundle, makeFixture } from ${JSON.stringify(join(here, '../../../../../tests/support/records.ts'))};`,
          `import * as br from ${JSON.stringify(join(here, 'bundle-read.ts'))};`,
          'const fx = makeFixture({ desaCount: 1, tpsPerDesa: 1 });',
          `const r = await br.readBundleVerified({ bytes: makeBundle(fx, fx.tpsCodes[0]), master: fx.master, extra: [], photoDir: ${JSON.stringify(join(dir, 'photos'))} });`,
          'console.log(JSON.stringify({ mode: br.bundleReaderMode(), ok: r.ok && br.entriesOf(r).every((e) => e.verified.ok) }));',
          'process.exit(0);',
        ].join('\n'),
      );
      const root = join(here, '../../../../..');
      const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout.trim().split('\n').pop()!)).toEqual({ mode: 'worker', ok: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
