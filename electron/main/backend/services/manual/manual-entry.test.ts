// Manual double entry on a real database through the real dispatcher: two operators, a mismatch highlighted, the
// resolution, and the agreed record signed by the PPK key going through the import service (channel 'manual').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import type { ManualStatus, ManualTargets } from '../../../../../shared/contracts/import.contract';
import { setCount } from '../../../../../shared/domain/labels';
import { verifyEnvelopeSignature } from '../../crypto';
import { verifyAudit } from '../../repositories/audit.repo';
import { parseJson } from '../../../../../shared/formats/json';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import { isoWithOffset } from './manual-entry.service';

let fx: KecamatanFixture;
beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 2 });
});
afterAll(async () => {
  await fx?.close();
});

async function call<T>(method: string, input: unknown) {
  return (await fx.backend.dispatch(method, input)) as
    { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
}

function countsOf(tps: string) {
  const {
    format: _f,
    tps: _t,
    pemilihan: _p,
    foto: _fo,
    perangkat: _pe,
    dibuat: _d,
    ...counts
  } = fx.record(tps, 'bupati');
  return counts;
}

describe('manual double entry', () => {
  it('lists the TPS and pemilihan to choose from', async () => {
    const r = await call<ManualTargets>('import.manualTargets', {});
    expect(r.ok && r.value.desa[0]!.tps.map((t) => t.kode)).toEqual(fx.devices.map((d) => d.tps));
    expect(r.ok && r.value.pemilihan.map((p) => [p.id, p.pilihan.length])).toEqual([
      ['gubernur', 2],
      ['bupati', 3],
    ]);
    expect(r.ok && r.value.ppk).toEqual([
      { nama: 'Ketua Uji', jabatan: 'Ketua' },
      { nama: 'Anggota Uji', jabatan: 'Anggota' },
    ]);
  });

  it("takes the operator from the PPK list of the data master, under the master's spelling", async () => {
    const tps = fx.devices[1]!.tps;
    const key = { tps, pemilihan: 'bupati' };
    const counts = countsOf(tps);
    const stranger = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: 'Orang Lain',
      slot: 1,
      counts,
    });
    expect(!stranger.ok && stranger.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(!stranger.ok && stranger.error.message).toBe(
      'Orang Lain tidak ada dalam daftar anggota PPK di data master; pilih operator dari daftar.',
    );
    const db = fx.backend.ctx.db;
    const entries = () =>
      db.prepare('SELECT operator FROM manual_entry WHERE tps = ?').all(tps) as { operator: string }[];
    expect(entries()).toEqual([]);
    const spelled = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: '  anggota uji ',
      slot: 1,
      counts,
    });
    expect(spelled.ok && spelled.value.entry1?.operator).toBe('Anggota Uji');
    expect(entries()).toEqual([{ operator: 'Anggota Uji' }]);
  });

  it('compares two operators field by field and creates the record only when they agree', async () => {
    const tps = fx.devices[0]!.tps;
    const key = { tps, pemilihan: 'bupati' };
    const good = countsOf(tps);
    expect((await call<ManualStatus>('import.manualStatus', key)).ok && 1).toBe(1);
    // Only this test's audit entries are counted below (the fixture is shared by the file's tests).
    const seqBefore = (fx.backend.ctx.db.prepare('SELECT coalesce(max(seq), 0) AS n FROM audit').get() as { n: number })
      .n;

    const s1 = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: 'Ketua Uji',
      slot: 1,
      counts: good,
    });
    if (!s1.ok) throw new Error(s1.error.message);
    expect(s1.value.state).toBe('menunggu');
    expect(s1.value.entry1?.operator).toBe('Ketua Uji');
    expect(s1.value.entry1?.violations.filter((v) => v.severity === 'error')).toEqual([]);

    // The same person cannot type the second entry.
    const same = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: ' ketua  UJI ',
      slot: 2,
      counts: good,
    });
    expect(!same.ok && same.error.code).toBe('CONFLICT');

    // The anggota misreads one number (105 → 905 style): highlighted, nothing stored yet; the rules flag the sum too.
    const typo = setCount(good, 'suara.paslon.1', good.suara.paslon[1]! + 800);
    const s2 = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: 'Anggota Uji',
      slot: 2,
      counts: typo,
    });
    if (!s2.ok) throw new Error(s2.error.message);
    expect(s2.value.state).toBe('berbeda');
    expect(s2.value.mismatches).toEqual(['suara.paslon.1']);
    expect(s2.value.entry2?.violations.map((v) => v.code)).toContain('R05');
    const db = fx.backend.ctx.db;
    const subs = () => db.prepare('SELECT * FROM submission WHERE tps = ?').all(tps) as Record<string, unknown>[];
    expect(subs()).toHaveLength(0);

    // The anggota re-checks the paper and corrects: both agree, the record is created.
    // `dibuat` is the laptop's time when the agreed record is made: read before and after (whole seconds).
    const before = Math.floor(Date.now() / 1000) * 1000;
    const s3 = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: 'Anggota Uji',
      slot: 2,
      counts: good,
    });
    const after = Date.now();
    if (!s3.ok) throw new Error(s3.error.message);
    expect(s3.value.state).toBe('sepakat');
    expect(s3.value.result).toMatchObject({ operators: ['Ketua Uji', 'Anggota Uji'], outcome: 'diterima' });
    const rows = subs();
    expect(rows).toHaveLength(1);
    const ppk = db.prepare('SELECT key_id, public_key FROM ppk_key ORDER BY id LIMIT 1').get() as {
      key_id: string;
      public_key: string;
    };
    expect(rows[0]).toMatchObject({
      channel: 'manual',
      device_key_id: ppk.key_id,
      outcome: 'diterima',
      sha256: s3.value.result!.sha256,
    });
    const env = parseJson(String(rows[0]!.envelope_json));
    if (!env.ok) throw new Error('stored envelope unreadable');
    const e = env.value as SignedEnvelope<Record<string, unknown>>;
    expect(verifyEnvelopeSignature(e, ppk.public_key)).toBe(true);
    expect(e.payload.perangkat).toBe(ppk.key_id);
    expect((e.payload.suara as { paslon: number[] }).paslon).toEqual(good.suara.paslon);
    const dibuat = String(e.payload.dibuat);
    expect(dibuat).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
    expect(Date.parse(dibuat)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(dibuat)).toBeLessThanOrEqual(after);

    // The entries, the result and the record are all in the audit chain, and it verifies.
    const actions = (
      db.prepare("SELECT action FROM audit WHERE action LIKE 'manual.%' AND seq > ? ORDER BY seq").all(seqBefore) as {
        action: string;
      }[]
    ).map((r) => r.action);
    expect(actions).toEqual(['manual.entry', 'manual.entry', 'manual.entry', 'manual.result']);
    expect(verifyAudit(db).ok).toBe(true);

    // A new round starts empty; typing the same again is a duplicate of the stored record, also when the clock has
    // moved on to another second (the record keeps the first round's dibuat).
    const s4 = await call<ManualStatus>('import.manualStatus', key);
    expect(s4.ok && s4.value.state).toBe('sepakat');
    await new Promise((r) => setTimeout(r, 1100));
    await call('import.manualSubmit', { ...key, operator: 'Anggota Uji', slot: 1, counts: good });
    const s5 = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: 'Ketua Uji',
      slot: 2,
      counts: good,
    });
    expect(s5.ok && s5.value.result).toMatchObject({ outcome: 'duplikat', sha256: s3.value.result!.sha256 });
    expect(subs()).toHaveLength(1);
    // Other numbers in a later round are a second record (a konflik the plenary decides).
    const other = setCount(good, 'suara.tidakSah', good.suara.tidakSah + 1);
    await call('import.manualSubmit', { ...key, operator: 'Ketua Uji', slot: 1, counts: other });
    const s6 = await call<ManualStatus>('import.manualSubmit', {
      ...key,
      operator: 'Anggota Uji',
      slot: 2,
      counts: other,
    });
    expect(s6.ok && s6.value.result?.outcome).toBe('konflik');
    expect(subs()).toHaveLength(2);
  });

  it('rejects an entry with the wrong number of choices', async () => {
    const tps = fx.devices[1]!.tps;
    const counts = countsOf(tps);
    const r = await call<ManualStatus>('import.manualSubmit', {
      tps,
      pemilihan: 'gubernur',
      operator: 'Ketua Uji',
      slot: 1,
      counts,
    });
    expect(!r.ok && r.error.code).toBe('INVALID_INPUT');
  });

  it('writes dibuat with the local UTC offset', () => {
    // Exact in any time zone: the expected text is built from the Date's own local fields.
    const two = (n: number) => String(n).padStart(2, '0');
    for (const iso of ['2024-11-27T06:05:09Z', '2024-12-31T23:59:59Z', '2024-01-01T00:00:00Z']) {
      const d = new Date(iso);
      const off = -d.getTimezoneOffset();
      const zone = `${off >= 0 ? '+' : '-'}${two(Math.floor(Math.abs(off) / 60))}:${two(Math.abs(off) % 60)}`;
      const local =
        `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}` +
        `T${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
      expect(isoWithOffset(d)).toBe(`${local}${zone}`);
      expect(Date.parse(isoWithOffset(d))).toBe(d.getTime());
    }
  });
});
