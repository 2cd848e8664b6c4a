// One reader worker for every kind of untrusted input (reader.ts): QR images and TPS bundles run on the same thread,
// and a QR job between two bundle jobs leaves the bundle context the worker holds (master and devices) in place.
import { describe, expect, it } from 'vitest';
import { makeBundle, makeFixture } from '../../../../tests/support/records';
import { entriesOf, readBundleInThread, readBundleVerified } from '../services/import/bundle-read';
import { comparableRead as unpacked, tempPhotoDir } from '../../../../tests/support/bundle-reads';
import { decodeQrImage } from '../services/qr/qr-image';
import { renderQrPng } from '../services/qr/qr-render';
import { readerMode } from './reader';

describe('the reader worker', () => {
  it('decodes QR images and reads bundles on one thread, keeping the bundle context across kinds', async () => {
    const fx = makeFixture({ desaCount: 1, tpsPerDesa: 3 });
    const photoDir = tempPhotoDir();
    const input = (tps: string) => ({ bytes: makeBundle(fx, tps), master: fx.master, extra: [], photoDir });
    expect(readerMode()).toBe('idle');
    const text = 'PLN1:uji-satu-pekerja';
    expect(await decodeQrImage(await renderQrPng(text))).toEqual([text]);
    expect(readerMode()).toBe('worker');
    const [t1, t2] = fx.tpsCodes as [string, string];
    expect(unpacked(await readBundleVerified(input(t1)))).toEqual(unpacked(readBundleInThread(input(t1))));
    expect(await decodeQrImage(await renderQrPng(`${text}-2`))).toEqual([`${text}-2`]);
    // Sent with its key only: the worker still holds the master the first bundle brought.
    const second = await readBundleVerified(input(t2));
    expect(unpacked(second)).toEqual(unpacked(readBundleInThread(input(t2))));
    expect(second.ok && entriesOf(second).map((e) => e.verified.ok)).toEqual([true, true]);
    expect(readerMode()).toBe('worker');
  });
});
