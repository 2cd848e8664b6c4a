// Data master import on a real database: preview, creation in one transaction with audit entries and the PPK key,
// idempotent re-import, and refusals (bad signature, tampered payload, wrong keyId, different master, fingerprint).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlenoEvent } from '../../../../../shared/contracts/events';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { signPayload, generateKeyPair } from '../../crypto';
import { countAudit, verifyAudit } from '../../repositories/audit.repo';
import { getMeta, loadDataMaster } from '../../repositories/master.repo';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { importMaster, previewMaster } from './master.service';
import {
  makeFixture,
  openTestBackend,
  type StorageFixture,
  type TestBackend,
} from '../../../../../tests/support/records';

let tb: TestBackend;
let fx: StorageFixture;
let events: PlenoEvent[];
beforeEach(async () => {
  tb = await openTestBackend();
  fx = makeFixture({ desaCount: 3, tpsPerDesa: 2 });
  events = [];
  tb.backend.ctx.events.subscribe((e) => events.push(e));
});
afterEach(() => tb.close());

const rowCount = (t: string) => (tb.backend.ctx.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;

describe('previewMaster', () => {
  it('verifies the envelope and shows the signer fingerprint grouped by 4, the kecamatan and counts', () => {
    const p = previewMaster(fx.masterBytes);
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    expect(p.value.fingerprintRaw).toBe(fx.kpu.fingerprint);
    expect(p.value.fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    expect(p.value.fingerprint.replace(/ /g, '')).toBe(fx.kpu.fingerprint);
    expect(p.value).toMatchObject({
      kecamatan: { kode: '630214', nama: 'Hampang' },
      desa: 3,
      tps: 6,
      perangkat: 6,
      simulasi: true,
    });
    expect(p.value.pemilihan.map((x) => x.id)).toEqual(['gubernur', 'bupati']);
  });

  it('marks a master without SIMULASI in any pemilihan nama as real', () => {
    const real = makeFixture({ simulasi: false });
    const p = previewMaster(real.masterBytes);
    expect(p.ok && p.value.simulasi).toBe(false);
  });

  it('says once, in words, that a file is not JSON (issue 13: the lead was doubled and the position a number)', () => {
    const p = previewMaster(utf8Encode('Choose File / No file chosen'));
    expect(!p.ok && p.error.message).toBe('Berkas bukan JSON yang sah: karakter tak terduga di awal berkas.');
  });
});

describe('importMaster', () => {
  it('creates the kecamatan with audit entries, the PPK key and a kecamatan-changed event; same master again is OK', () => {
    const ctx = tb.backend.ctx;
    const r = importMaster(ctx, fx.masterBytes, {
      fileName: 'master.json',
      confirmFingerprint: fx.kpu.fingerprint.toUpperCase(),
    });
    expect(r).toMatchObject({
      ok: true,
      value: { status: 'created', kecamatan: { kode: '630214', nama: 'Hampang' }, simulasi: true },
    });
    expect(events).toEqual([{ type: 'kecamatan-changed' }]);
    expect(getMeta(ctx.db)).toMatchObject({ kecamatanKode: '630214', kabkotaNama: 'Kotabaru', simulasi: 1 });
    expect([
      rowCount('desa'),
      rowCount('tps'),
      rowCount('pemilihan'),
      rowCount('pilihan'),
      rowCount('perangkat'),
    ]).toEqual([3, 6, 2, 5, 6]);
    expect(loadDataMaster(ctx.db)).toEqual(fx.master);
    const key = ppkKeyOrNull(ctx);
    expect(key?.keyId).toMatch(/^[0-9a-f]{16}$/);
    // master + meta + 3 desa + 6 tps + 2 pemilihan + 5 pilihan + 2 ppk (ketua, anggota) + 6 perangkat + ppk key
    const audited = countAudit(ctx.db);
    expect(audited).toBe(1 + 1 + 3 + 6 + 2 + 5 + 2 + 6 + 1);
    expect(verifyAudit(ctx.db).ok).toBe(true);
    // The envelope is kept exactly as received.
    const stored = ctx.db.prepare('SELECT envelope_json FROM master').get() as { envelope_json: string };
    expect(stored.envelope_json).toBe(new TextDecoder().decode(fx.masterBytes));

    const again = importMaster(ctx, fx.masterBytes);
    expect(again).toMatchObject({ ok: true, value: { status: 'same' } });
    expect(countAudit(ctx.db)).toBe(audited);
    expect(events).toHaveLength(1);
  });

  it('refuses a master whose signature does not verify (bad signature, tampered payload, wrong keyId)', () => {
    const ctx = tb.backend.ctx;
    const env = fx.masterEnvelope;
    const badSig = {
      ...env,
      signature: { ...env.signature, sig: signPayload({ x: 1 }, fx.kpu.privateKey, fx.kpu.fingerprint).signature.sig },
    };
    const tampered = { ...env, payload: { ...env.payload, kecamatan: { kode: '630214', nama: 'Hampang Palsu' } } };
    const other = generateKeyPair();
    const wrongKeyId = signPayload(fx.master, fx.kpu.privateKey, other.fingerprint, { includePublicKey: true });
    for (const [bad, frag] of [
      [badSig, 'tanda tangan tidak sah'],
      [tampered, 'tanda tangan tidak sah'],
      [wrongKeyId, 'signature.keyId'],
    ] as const) {
      const r = importMaster(ctx, utf8Encode(JSON.stringify(bad)));
      expect(r.ok).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('INVALID_INPUT');
      expect(r.error.message).toContain('Tanda tangan data master tidak sah');
      expect(r.error.message).toContain(frag);
    }
    expect(getMeta(ctx.db)).toBeUndefined();
    expect(countAudit(ctx.db)).toBe(0);
    expect(events).toEqual([]);
  });

  it('refuses malformed content with the field path, and a fingerprint the PPK did not confirm', () => {
    const ctx = tb.backend.ctx;
    const bad = structuredClone(fx.master) as unknown as { desa: { tps: { dpt: { l: number } }[] }[] };
    bad.desa[0]!.tps[0]!.dpt.l = 1.5;
    const env = signPayload(bad, fx.kpu.privateKey, fx.kpu.fingerprint, { includePublicKey: true });
    const r = importMaster(ctx, utf8Encode(JSON.stringify(env)));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('desa[0].tps[0].dpt.l');
    const notJson = importMaster(ctx, utf8Encode('{"payload": '));
    expect(notJson.ok).toBe(false);
    if (!notJson.ok) expect(notJson.error.message).toContain('bukan JSON');
    const wrongFp = importMaster(ctx, fx.masterBytes, { confirmFingerprint: '0000 0000 0000 0000' });
    expect(wrongFp.ok).toBe(false);
    if (!wrongFp.ok) expect(wrongFp.error.message).toContain('Sidik jari penanda tangan tidak cocok');
    expect(getMeta(ctx.db)).toBeUndefined();
  });

  it('refuses a different master on a database that has one, changing nothing', () => {
    const ctx = tb.backend.ctx;
    expect(importMaster(ctx, fx.masterBytes).ok).toBe(true);
    const before = countAudit(ctx.db);
    const other = makeFixture({ kecamatanNama: 'Kelumpang' });
    const r = importMaster(ctx, other.masterBytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('CONFLICT');
      expect(r.error.message).toContain('sudah berisi data master Kecamatan Hampang');
    }
    expect(countAudit(ctx.db)).toBe(before);
    expect(getMeta(ctx.db)?.kecamatanNama).toBe('Hampang');
  });
});
