// setup.* and audit.* through the real dispatcher (zod input validation, Result values) on a real database.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlenoEvent } from '../../../../shared/contracts/events';
import type { Result } from '../../../../shared/contracts/result';
import type { DemoCreatedView } from '../../../../shared/contracts/setup.contract';
import type { AuditListView } from '../../../../shared/contracts/audit.contract';
import { makeFixture, openTestBackend, type StorageFixture, type TestBackend } from '../../../../tests/support/records';

let tb: TestBackend;
let fx: StorageFixture;
let events: PlenoEvent[];
beforeEach(async () => {
  tb = await openTestBackend('pleno-setup-');
  fx = makeFixture();
  events = [];
  tb.backend.events.subscribe((e) => events.push(e));
});
afterEach(() => tb.close());

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

describe('setup.*', () => {
  it('previews, refuses an unconfirmed fingerprint, imports, and system.info then shows the kecamatan', async () => {
    const d = tb.backend.dispatch;
    const input = { fileName: 'master.json', contentBase64: b64(fx.masterBytes) };
    const p = await d('setup.previewMaster', input);
    expect(p).toMatchObject({
      ok: true,
      value: { kecamatan: { kode: '630214', nama: 'Hampang' }, desa: 2, tps: 4, perangkat: 4, simulasi: true },
    });
    const fp = (p as { value: { fingerprint: string } }).value.fingerprint;
    expect(fp.replace(/ /g, '')).toBe(fx.kpu.fingerprint);
    expect(await d('system.info', {})).toMatchObject({ ok: true, value: { kecamatan: null } });

    const wrong = await d('setup.importMaster', { ...input, confirmFingerprint: '1111 2222 3333 4444' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(events).toEqual([]);

    expect(await d('setup.importMaster', { ...input, confirmFingerprint: fp })).toEqual({
      ok: true,
      value: { kecamatan: { kode: '630214', nama: 'Hampang' } },
    });
    expect(events).toContainEqual({ type: 'kecamatan-changed' });
    expect(await d('system.info', {})).toMatchObject({
      ok: true,
      value: {
        kecamatan: {
          kode: '630214',
          nama: 'Hampang',
          kabkota: 'Kotabaru',
          provinsi: 'Kalimantan Selatan',
          simulasi: true,
        },
      },
    });
    const other = makeFixture({ kecamatanNama: 'Lain' });
    const refused = await d('setup.importMaster', {
      fileName: 'lain.json',
      contentBase64: b64(other.masterBytes),
      confirmFingerprint: other.kpu.fingerprint,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await d('setup.previewMaster', { fileName: 'x', contentBase64: 'bukan base64 !!' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });

  it('createDemo imports the hampang demo through the import service', async () => {
    const r = (await tb.backend.dispatch('setup.createDemo', {
      preset: 'hampang',
      seed: 7,
    })) as Result<DemoCreatedView>;
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.kecamatan).toEqual({ kode: '630214', nama: 'Hampang' });
    expect(r.value.imported.ditolak).toBe(0);
    expect(r.value.imported.diterima).toBeGreaterThan(40);
    expect(r.value.imported.konflik).toBeGreaterThanOrEqual(1);
    expect(r.value.imported.duplikat).toBeGreaterThanOrEqual(1);
    const info = await tb.backend.dispatch('system.info', {});
    expect(info).toMatchObject({ ok: true, value: { kecamatan: { simulasi: true } } });
    expect(events.filter((e) => e.type === 'results-changed').length).toBeGreaterThan(20);
  });
});

describe('audit.*', () => {
  it('lists newest first with paging and filters, and verifies', async () => {
    const d = tb.backend.dispatch;
    await d('setup.importMaster', {
      fileName: 'm.json',
      contentBase64: b64(fx.masterBytes),
      confirmFingerprint: fx.kpu.fingerprint,
    });
    const list = async (input: object) => (await d('audit.list', input)) as Result<AuditListView>;
    const page1 = await list({ limit: 5 });
    expect(page1.ok).toBe(true);
    if (!page1.ok) return;
    const total = page1.value.total;
    expect(page1.value.entries.map((e) => e.seq)).toEqual([total, total - 1, total - 2, total - 3, total - 4]);
    expect(page1.value.nextBefore).toBe(total - 4);
    const page2 = await list({ limit: 5, before: page1.value.nextBefore! });
    expect(page2.ok && page2.value.entries[0]!.seq).toBe(total - 5);
    const tps = await list({ limit: 100, entity: 'tps' });
    expect(tps.ok && tps.value.entries.map((e) => e.action)).toEqual([
      'master.tps',
      'master.tps',
      'master.tps',
      'master.tps',
    ]);
    const prefix = await list({ limit: 100, action: 'master.' });
    const all = await list({ limit: 100 });
    const masterActions = all.ok ? all.value.entries.filter((e) => e.action.startsWith('master.')) : [];
    expect(masterActions.length).toBeGreaterThan(4); // the master itself, its desa, TPS, pemilihan...
    expect(prefix.ok && prefix.value.entries.map((e) => e.seq)).toEqual(masterActions.map((e) => e.seq));
    expect(await d('audit.list', { limit: 0 })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await d('audit.verify', {})).toMatchObject({ ok: true, value: { ok: true, entries: total, problems: [] } });
  });
});
