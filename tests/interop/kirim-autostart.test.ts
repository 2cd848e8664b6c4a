// Pending pushes resume when the app starts (services/kirim/autostart.ts, called by `pleno serve` and the desktop
// backend host): a D.Hasil issued before a restart reaches the receiver without anyone opening the Kirim screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../electron/main/backend/backend';
import { resumePendingPushes } from '../../electron/main/backend/services/kirim/autostart';
import { penerimaRecap } from '../../electron/main/backend/services/penerima/recap.service';
import { issueOk } from '../support/issue-document';
import { startKirimPair, type KirimPair } from '../support/kirim-pair';
import { createKecamatanFixture, type KecamatanFixture } from '../support/records';

let pair: KirimPair;
let reopened: Backend | null = null;
let plain: KecamatanFixture;

beforeAll(async () => {
  pair = await startKirimPair();
  plain = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1 });
}, 60_000);

afterAll(async () => {
  await reopened?.close();
  await pair?.close();
  await plain?.close();
});

const held = () =>
  penerimaRecap(pair.kab.ctx.db)!
    .pemilihan.find((p) => p.id === 'bupati')!
    .daftar.map((d) => [d.kode, d.status, d.urutan]);

describe('pending pushes at start', () => {
  it('a database without a receiver installed starts no sender', async () => {
    expect(await resumePendingPushes(plain.backend)).toBe(false);
  });

  it('a push issued before a restart is delivered after it, with no call from the Kirim screen', async () => {
    await issueOk(pair.fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    const dbPath = pair.fx.backend.ctx.dbPath;
    await pair.fx.backend.close(); // the app stops with the push still in its outbox
    expect(held()).toEqual([[pair.fx.master.kecamatan.kode, 'belum', null]]);

    reopened = await openBackend({ dbPath, mode: 'web' });
    expect(await resumePendingPushes(reopened)).toBe(true);
    await expect.poll(held, { timeout: 60_000, interval: 200 }).toEqual([[pair.fx.master.kecamatan.kode, 'draf', 1]]);
  }, 90_000);
});
