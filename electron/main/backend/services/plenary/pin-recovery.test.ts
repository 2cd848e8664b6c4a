// The rest of decisions with weight (docs/plenary-decisions.md), on the hampang demo through the dispatcher (a real
// SQLite file in a temp dir): a delegation confirmed with the ketua's PIN; the ketua's own forgotten PIN cleared by
// two delegates with theirs; a mistaken attendance entry withdrawn — appended, out of the list and the D.Hasil.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend, type Backend } from '../../backend';
import { verifyAudit } from '../../repositories/audit.repo';
import { kehadiranFor } from './sidang.service';
import type { Result } from '../../../../../shared/contracts/result';
import type { MembersView, SidangView } from '../../../../../shared/contracts/plenary.contract';

const PIN = '2580';
const PIN_A = '7319';
const PIN_B = '4682';
let dir: string;
let b: Backend;
let now = Date.parse('2024-11-28T09:00:00+08:00');
let members: MembersView['members'];

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function refusal(method: string, input: unknown): Promise<{ code: string; message: string; detail?: string }> {
  const r = (await b.dispatch(method, input)) as Result<unknown>;
  expect(r.ok, `${method} should be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string; detail?: string } }).error;
}
const rows = (sql: string, ...args: unknown[]) => b.ctx.db.prepare(sql).all(...args) as Record<string, unknown>[];
const ketua = () => members.find((m) => m.ketua)!;
const anggota = (i: number) => members.filter((m) => !m.ketua)[i]!;
const as = (id: number) => call('plenary.startSession', { member: id });

/** The demo as created, closed: each test opens its own copy of it (PINs, delegations and attendance are its own). */
let pristine: string;
let copies = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-pin-recovery-'));
  pristine = join(dir, 'hampang.db');
  b = await openBackend({ dbPath: pristine, mode: 'web', clock: () => new Date((now += 1000)) });
  await call('setup.createDemo', { preset: 'hampang' });
  members = (await call<MembersView>('plenary.members', {})).members;
  await b.close();
}, 180_000);
beforeEach(async () => {
  const own = join(dir, `salinan-${++copies}.db`);
  cpSync(pristine, own);
  cpSync(dataDirFor(pristine), dataDirFor(own), { recursive: true });
  b = await openBackend({ dbPath: own, mode: 'web', clock: () => new Date((now += 1000)) });
});
afterEach(async () => {
  await b?.close();
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The ketua sets the PIN and delegates the first two anggota with it. */
async function delegateTwo(): Promise<void> {
  await as(ketua().id);
  await call('plenary.setPin', { pin: PIN });
  await call('plenary.delegate', { member: anggota(0).id, active: true, pin: PIN });
  await call('plenary.delegate', { member: anggota(1).id, active: true, pin: PIN });
}

describe('delegation and the ketua’s own forgotten PIN', () => {
  it('a delegation needs the ketua’s PIN (no one choosing "Ketua" can delegate to themselves)', async () => {
    await as(ketua().id);
    await call('plenary.setPin', { pin: PIN });
    const grant = { member: anggota(0).id, active: true, reason: 'Ketua memimpin sidang desa' };
    expect(await refusal('plenary.delegate', grant)).toMatchObject({ code: 'UNAUTHORIZED', detail: 'pin' });
    expect((await refusal('plenary.delegate', { ...grant, pin: '9999' })).message).toMatch(/salah/);
    expect(rows('SELECT id FROM delegation')).toEqual([]);
    await call('plenary.delegate', { ...grant, pin: PIN });
    await call('plenary.delegate', { member: anggota(1).id, active: true, pin: PIN });
    const view = await call<MembersView>('plenary.members', {});
    expect(view.members.filter((m) => m.delegate).map((m) => m.nama)).toEqual([anggota(0).nama, anggota(1).nama]);
  });

  it('two delegates with their PINs and a reason clear the ketua’s PIN; the ketua then sets a new one', async () => {
    await delegateTwo();
    await as(anggota(0).id);
    await call('plenary.setPin', { pin: PIN_A });
    await as(anggota(1).id);
    await call('plenary.setPin', { pin: PIN_B });
    await as(ketua().id);
    const reason = 'Ketua lupa PIN; disaksikan anggota PPK di rapat pleno';
    const w = (a: string, b2: string) => [
      { member: anggota(0).id, pin: a },
      { member: anggota(1).id, pin: b2 },
    ];
    expect((await refusal('plenary.resetKetuaPin', { reason, witnesses: w(PIN_A, '1357') })).message).toMatch(
      new RegExp(`PIN ${anggota(1).nama} salah`),
    );
    const same = [
      { member: anggota(0).id, pin: PIN_A },
      { member: anggota(0).id, pin: PIN_A },
    ];
    expect((await refusal('plenary.resetKetuaPin', { reason, witnesses: same })).detail).toBe('witnesses');
    const notDelegate = [
      { member: anggota(0).id, pin: PIN_A },
      { member: anggota(2).id, pin: PIN_A },
    ];
    expect((await refusal('plenary.resetKetuaPin', { reason, witnesses: notDelegate })).code).toBe('FORBIDDEN');
    // Still the old PIN until the reset is recorded.
    expect(rows("SELECT id FROM decider_pin WHERE action = 'reset'")).toEqual([]);

    await call('plenary.resetKetuaPin', { reason, witnesses: w(PIN_A, PIN_B) });
    expect(rows("SELECT nama, reason, set_by FROM decider_pin WHERE action = 'reset'")).toEqual([
      { nama: ketua().nama, reason, set_by: `${anggota(0).nama} dan ${anggota(1).nama}` },
    ]);
    expect(rows("SELECT actor FROM audit WHERE action = 'pin.reset'")).toEqual([
      { actor: `${anggota(0).nama} dan ${anggota(1).nama}` },
    ]);
    // The old PIN no longer confirms anything; the ketua sets a new one without the old.
    const revoke = { member: anggota(1).id, active: false, pin: PIN };
    expect((await refusal('plenary.delegate', revoke)).message).toMatch(/belum mengatur PIN/);
    await call('plenary.setPin', { pin: '8461' });
    await call('plenary.delegate', { ...revoke, pin: '8461' });
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });
});

describe('a mistaken attendance entry is withdrawn, never deleted', () => {
  it('leaves the sidang’s list and the D.Hasil attendance; the entry stays with the withdrawal beside it', async () => {
    await as(anggota(2).id);
    await call('plenary.sidangAction', { action: 'buka' });
    await call('plenary.recordHadir', { peran: 'saksi', nama: 'Budi Santoso', pemilihan: 'bupati', paslon: 1 });
    let v = await call<SidangView>('plenary.recordHadir', { peran: 'panwaslu', nama: 'Rahmat Hidayat' });
    const budi = v.hadir.find((h) => h.nama === 'Budi Santoso')!;
    expect((await refusal('plenary.withdrawHadir', { hadirId: budi.id, reason: '  ' })).code).toBe('BAD_REQUEST');
    expect((await refusal('plenary.withdrawHadir', { hadirId: 999, reason: 'salah catat' })).code).toBe('NOT_FOUND');
    v = await call<SidangView>('plenary.withdrawHadir', { hadirId: budi.id, reason: 'Salah paslon; saksi paslon 2' });
    expect(v.hadir.map((h) => h.nama)).toEqual(['Rahmat Hidayat']);
    expect(kehadiranFor(b.ctx, 'bupati').saksi).toEqual([]);
    expect(rows('SELECT nama FROM sidang_hadir WHERE id = ?', budi.id)).toEqual([{ nama: 'Budi Santoso' }]);
    expect(rows('SELECT reason, by FROM sidang_hadir_batal')).toEqual([
      { reason: 'Salah paslon; saksi paslon 2', by: anggota(2).nama },
    ]);
    expect((await refusal('plenary.withdrawHadir', { hadirId: budi.id, reason: 'lagi' })).code).toBe('CONFLICT');
    // Recorded again correctly: the same name is no longer a duplicate.
    await call('plenary.recordHadir', { peran: 'saksi', nama: 'Budi Santoso', pemilihan: 'bupati', paslon: 2 });
    expect(kehadiranFor(b.ctx, 'bupati').saksi).toEqual([{ paslon: 2, nama: 'Budi Santoso' }]);
    expect(rows("SELECT actor FROM audit WHERE action = 'sidang.hadir-batal'")).toEqual([{ actor: anggota(2).nama }]);
    expect(() => b.ctx.db.prepare('DELETE FROM sidang_hadir_batal').run()).toThrow();
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });
});
