// The read model is derived once per committed database state (plenary-snapshot.ts wholeSet, db/state-cache.ts):
// every read after a change must show it at once — a decision through the dispatcher, a write by another connection
// to the same file, and never the rows of a command that rolled back, even when that command read the model itself.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../backend';
import { runCommand } from '../../db/command';
import { insertLockEvent } from '../../repositories/plenary.repo';
import { fail } from '../../../../../shared/domain/result';
import { loadSnapshot } from './plenary-snapshot';
import type { Result } from '../../../../../shared/contracts/result';
import type { DashboardView, MembersView, ProjectorView } from '../../../../../shared/contracts/plenary.contract';
import type { RecapJson } from '../../../../../shared/domain/recap';

const PIN = '2580';
let dir: string;
let dbPath: string;
let b: Backend;
let now = Date.parse('2024-11-28T09:00:00+08:00');

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
const dashboard = (pemilihan: string) => call<DashboardView>('plenary.dashboard', { pemilihan });
const tileOf = (d: DashboardView, tps: string) => d.desa.flatMap((x) => x.tiles).find((t) => t.tps === tps)!;
const desaOf = (d: DashboardView, kode: string) => d.desa.find((x) => x.kode === kode)!;
const lockEvent = (pemilihan: string, desa: string) => ({
  pemilihan: pemilihan as 'bupati',
  desa,
  action: 'lock' as const,
  reason: null,
  decidedBy: 'Ketua uji',
  decidedAs: 'ketua' as const,
  decidedAt: new Date((now += 1000)).toISOString(),
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-model-cache-'));
  dbPath = join(dir, 'hampang.db');
  b = await openBackend({ dbPath, mode: 'web', clock: () => new Date((now += 1000)) });
  await call('setup.createDemo', { preset: 'hampang' });
  const { members } = await call<MembersView>('plenary.members', {});
  await call('plenary.startSession', { member: members.find((m) => m.ketua)!.id });
  await call('plenary.setPin', { pin: PIN, currentPin: PIN });
}, 180_000);

afterAll(async () => {
  await b?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the read model kept per database state', () => {
  it('is not derived again while nothing changed, and is after any commit', async () => {
    const first = loadSnapshot(b.ctx);
    const again = loadSnapshot(b.ctx);
    expect(first.ok && again.ok).toBe(true);
    if (!first.ok || !again.ok) return;
    // The same derived TPS (kept), in a new snapshot object each time (the integrity check is added per read).
    expect(again.value.byTps).toBe(first.value.byTps);
    expect(again.value).not.toBe(first.value);
    // A write that changes no plenary number: the kept model is still dropped (any commit is a new state).
    await call('plenary.addKejadian', { text: 'Listrik padam sepuluh menit; rapat diskors lalu dilanjutkan' });
    const after = loadSnapshot(b.ctx);
    expect(after.ok && after.value.byTps).not.toBe(first.value.byTps);
  });

  it('shows a decision in the next dashboard, recap and projector at once', async () => {
    const P = (await call<DashboardView>('plenary.dashboard', {})).pemilihanList[0]!.id;
    const before = await dashboard(P);
    // A TPS of a desa no other test locked (they lock the first unlocked desa, in whichever order they run).
    const open = before.desa.filter((d) => !d.locked);
    const tps = open.flatMap((d) => d.tiles).find((t) => t.status === 'masuk' && !t.bermasalah)!.tps;
    const recapBefore = (await call<RecapJson>('plenary.recap', { pemilihan: P })).pemilihan[0]!;
    await call('plenary.setFocus', { pemilihan: P, desa: null, tps });
    expect((await call<ProjectorView>('plenary.projector', {})).tps!.status).toBe('masuk');
    // Read twice: the second answer comes from the kept model.
    expect(tileOf(await dashboard(P), tps).status).toBe('masuk');

    await call('plenary.accept', { pin: PIN, tps, pemilihan: P });

    expect(tileOf(await dashboard(P), tps).status).toBe('sesuai');
    const recapAfter = (await call<RecapJson>('plenary.recap', { pemilihan: P })).pemilihan[0]!;
    expect(recapAfter.tps.diputuskan).toBe(recapBefore.tps.diputuskan + 1);
    expect((await call<ProjectorView>('plenary.projector', {})).tps!.status).toBe('sesuai');
  });

  it('shows a write committed by another connection to the same file at once', async () => {
    const P = (await call<DashboardView>('plenary.dashboard', {})).pemilihanList[0]!.id;
    const desa = (await dashboard(P)).desa.find((d) => !d.locked)!.kode;
    expect(desaOf(await dashboard(P), desa).locked).toBe(false);
    const other = new Database(dbPath);
    try {
      const r = runCommand({ db: other }, (unit) => ({
        ok: true,
        value: insertLockEvent(unit.db, lockEvent(P, desa)),
      }));
      expect(r.ok).toBe(true);
    } finally {
      other.close();
    }
    expect(desaOf(await dashboard(P), desa).locked).toBe(true);
  });

  it('never shows the rows of a command that rolled back, even one that read the model before failing', async () => {
    const P = (await call<DashboardView>('plenary.dashboard', {})).pemilihanList[0]!.id;
    const desa = (await dashboard(P)).desa.find((d) => !d.locked)!.kode;
    const r = runCommand(b.ctx, (unit) => {
      insertLockEvent(unit.db, lockEvent(P, desa));
      const inside = loadSnapshot(b.ctx, P);
      expect(inside.ok && inside.value.desa.find((d) => d.row.kode === desa)!.locked).toBe(true);
      return fail('CONFLICT', 'dibatalkan oleh uji');
    });
    expect(r.ok).toBe(false);
    expect(desaOf(await dashboard(P), desa).locked).toBe(false);
    const snap = loadSnapshot(b.ctx, P);
    expect(snap.ok && snap.value.desa.find((d) => d.row.kode === desa)!.locked).toBe(false);
  });
});
