// An import batch's bundles go to the reader worker a few per job (readBundlesVerified): one message each way per
// group instead of one per bundle. The reads are the reads of each bundle alone, and a group past the time budget is
// read again one bundle at a time, so only the bundle that exceeds it is refused. Bundles read from files move to
// the worker without a copy; what does not verify comes back with exactly its bytes.
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { comparableRead, tempPhotoDir } from '../../../../../tests/support/bundle-reads';
import { heavyBundle, makeBundle, makeFixture } from '../../../../../tests/support/records';
import {
  BUNDLE_READ_TIMEOUT_MS,
  readBundleInThread,
  readBundlesVerified,
  setBundleReadLimits,
  bundleReaderMode,
  type BundleRead,
} from './bundle-read';

const fx = makeFixture({ desaCount: 1, tpsPerDesa: 4 });
const [t1, t2, t3] = fx.tpsCodes as [string, string, string];
const photoDir = tempPhotoDir();
const calibrationDir = tempPhotoDir();
const common = { master: fx.master, extra: [], photoDir };

afterAll(() => {
  setBundleReadLimits({ timeoutMs: BUNDLE_READ_TIMEOUT_MS });
  // The heavy bundle's photos (80 MiB) staged before the budget stopped it.
  for (const d of [photoDir, calibrationDir]) rmSync(dirname(d), { recursive: true, force: true });
});

const hash = (b: Uint8Array | undefined) => (b ? createHash('sha256').update(b).digest('hex') : null);
const withoutReturned = (r: BundleRead) => comparableRead({ ...r, returned: undefined });

const verdicts = (r: BundleRead) => (r.ok ? `${r.allVerified}` : 'refused' in r ? r.refused.reason : r.error.code);

describe('bundles read a group per job', () => {
  it('answer what each bundle read alone answers, in order', async () => {
    const other = makeFixture({ desaCount: 1, tpsPerDesa: 4 }); // other keys: read, not verified
    const list = [makeBundle(fx, t1), makeBundle(other, t2), makeBundle(fx, t3)];
    const reads = await readBundlesVerified(list, common);
    expect(reads.map(verdicts)).toEqual(['true', 'false', 'true']);
    expect(reads.map(comparableRead)).toEqual(
      list.map((bytes) => comparableRead(readBundleInThread({ ...common, bytes }))),
    );
  });

  it('a group past its time budget is read again one by one: only the heavy bundle is refused', async () => {
    const heavy = heavyBundle(fx, t2, 1);
    // The budget from this machine's own pace: a quarter of the heavy bundle's read here (a small bundle takes a
    // few percent of it), so the heavy one exceeds it at any load and the small ones do not.
    const t0 = performance.now();
    readBundleInThread({ ...common, photoDir: calibrationDir, bytes: heavy });
    setBundleReadLimits({ timeoutMs: Math.max(40, Math.round((performance.now() - t0) / 4)) });
    try {
      const reads = await readBundlesVerified([makeBundle(fx, t1), heavy, makeBundle(fx, t3)], common);
      expect(bundleReaderMode()).toBe('worker');
      expect(reads.map(verdicts)).toEqual(['true', expect.stringContaining('tidak selesai dibaca'), 'true']);
    } finally {
      setBundleReadLimits({ timeoutMs: BUNDLE_READ_TIMEOUT_MS });
    }
  }, 60_000);

  it('moved from files: the buffers leave this thread; a bundle that does not verify comes back with its bytes', async () => {
    const other = makeFixture({ desaCount: 1, tpsPerDesa: 4 });
    const files = [makeBundle(fx, t1), makeBundle(other, t2), makeBundle(fx, t3)].map((b) => b.slice());
    const list = files.map((b) => b.slice());
    const readAgain: number[] = [];
    const reads = await readBundlesVerified(list, common, (k) => {
      readAgain.push(k);
      return files[k]!.slice();
    });
    expect(bundleReaderMode()).toBe('worker');
    expect(list.map((b) => b.byteLength)).toEqual([0, 0, 0]); // moved, not copied
    expect(readAgain).toEqual([]);
    expect(reads.map(verdicts)).toEqual(['true', 'false', 'true']);
    expect(reads.map((r) => hash(r.returned))).toEqual([null, hash(files[1]), null]);
    expect(reads.map(withoutReturned)).toEqual(
      files.map((bytes) => comparableRead(readBundleInThread({ ...common, bytes }))),
    );
  });

  it('a moved group past its time budget is read again from the files, one by one', async () => {
    const files = [makeBundle(fx, t1), heavyBundle(fx, t2, 1), makeBundle(fx, t3)].map((b) => b.slice());
    const t0 = performance.now();
    readBundleInThread({ ...common, photoDir: calibrationDir, bytes: files[1]! });
    setBundleReadLimits({ timeoutMs: Math.max(40, Math.round((performance.now() - t0) / 4)) });
    try {
      const readAgain: number[] = [];
      const reads = await readBundlesVerified(
        files.map((b) => b.slice()),
        common,
        (k) => {
          readAgain.push(k);
          return files[k]!.slice();
        },
      );
      expect(readAgain).toEqual([0, 1, 2]);
      expect(reads.map(verdicts)).toEqual(['true', expect.stringContaining('tidak selesai dibaca'), 'true']);
    } finally {
      setBundleReadLimits({ timeoutMs: BUNDLE_READ_TIMEOUT_MS });
    }
  }, 60_000);
});
