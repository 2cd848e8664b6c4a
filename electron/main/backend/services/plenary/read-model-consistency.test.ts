// One database state, every reader: the hampang demo built through the dispatcher (setup.createDemo), then a konflik
// choice, an approved correction, a locked desa and an open keberatan, all through the plenary commands. The recap
// JSON, the dashboard, every TPS review, the desa view, the projector and the D.Hasil read back from its signed PDF
// must give the same numbers, and the dashboard, the lock answer and the documents the same "final/blocked" verdict.
// The last test goes on to lock every desa: it works on its own copy of the scenario's database, so the tests hold in
// any order (vitest --sequence.shuffle).
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBackend, type Backend } from '../../backend';
import { readEmbeddedData } from '../documents/verify-pdf';
import { loadSnapshot } from './plenary-snapshot';
import { applyTrace, toSumber } from '../../../../../shared/domain/count-trace';
import type { CHasilCounts } from '../../../../../shared/domain/model';
import type { RecapJson } from '../../../../../shared/domain/recap';
import type { Result } from '../../../../../shared/contracts/result';
import type {
  DashboardTile,
  DashboardView,
  DesaView,
  MembersView,
  ProjectorView,
  TpsReview,
  VoteTotals,
} from '../../../../../shared/contracts/plenary.contract';
import type { DocumentFile, DocumentItem, DocumentsStatus } from '../../../../../shared/contracts/documents.contract';
import type { DHasilData } from '../../../../../shared/documents/types';

/** The ketua's PIN in this test (services/plenary/pins.service.ts). */
const PIN = '2580';

let dir: string;
let b: Backend;
/** Backends opened on copies of the scenario (closed after all). */
const copies: Backend[] = [];
let now = Date.parse('2024-11-28T09:00:00+08:00');
const open = (dbPath: string) => openBackend({ dbPath, mode: 'web', clock: () => new Date((now += 1000)) });

async function callOn<T>(on: Backend, method: string, input: unknown): Promise<T> {
  const r = (await on.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function refusalOn(on: Backend, method: string, input: unknown): Promise<{ code: string; detail?: string }> {
  const r = (await on.dispatch(method, input)) as Result<unknown>;
  expect(r.ok, `${method} should be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; detail?: string } }).error;
}
const call = <T>(method: string, input: unknown) => callOn<T>(b, method, input);
const refusal = (method: string, input: unknown) => refusalOn(b, method, input);

const votesOf = (c: CHasilCounts): VoteTotals => ({
  paslon: c.suara.paslon,
  sah: c.suara.sah,
  tidakSah: c.suara.tidakSah,
  total: c.suara.total,
});
const settled = (t: DashboardTile) => t.base === 'sesuai' || t.base === 'dikoreksi';

/** What the scenario did, for the checks. */
const s = { pemilihan: '', lockedDesa: '', corrected: '', konflik: '', objectionTps: '', objectionId: 0, ketua: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-read-model-'));
  mkdirSync(join(dir, 'scenario'));
  b = await open(join(dir, 'scenario', 'hampang.db'));
  await call('setup.createDemo', { preset: 'hampang' });
  const { members } = await call<MembersView>('plenary.members', {});
  const ketua = members.find((m) => m.ketua)!;
  const anggota = members.find((m) => !m.ketua)!;
  s.ketua = ketua.nama;
  // The pemilihan of the demo's second, differing submission (a konflik).
  const first = await call<DashboardView>('plenary.dashboard', {});
  const all = await Promise.all(
    first.pemilihanList.map((p) => call<DashboardView>('plenary.dashboard', { pemilihan: p.id })),
  );
  const dash = all.find((d) => d.counts.konflik > 0)!;
  const P = (s.pemilihan = dash.pemilihan.id);

  // The desa to lock: every TPS has data. Its first plain TPS gets a correction (proposed by an anggota, approved by
  // the ketua, basis 'lainnya' with a note); every konflik of the demo gets a choice of the second submission.
  const desa = dash.desa.find((d) => d.tiles.length > 0 && d.tiles.every((t) => t.base !== 'belum-masuk'))!;
  s.lockedDesa = desa.kode;
  const plain = desa.tiles.find((t) => t.status === 'masuk')!;
  s.corrected = plain.tps;
  const konflik = dash.desa.flatMap((d) => d.tiles).filter((t) => t.konflik);
  expect(konflik.length).toBeGreaterThan(0);
  s.konflik = konflik[0]!.tps;
  await call('plenary.startSession', { member: anggota.id });
  for (const t of konflik) {
    const r = await call<TpsReview>('plenary.tps', { tps: t.tps, pemilihan: P });
    const reason = 'Sesuai salinan C.Hasil saksi';
    await call('plenary.chooseSubmission', {
      tps: t.tps,
      pemilihan: P,
      submissionId: r.submissions.at(-1)!.id,
      reason,
    });
  }
  const before = await call<TpsReview>('plenary.tps', { tps: plain.tps, pemilihan: P });
  const [a, c] = before.current!.suara.paslon;
  const { correctionId } = await call<{ correctionId: number }>('plenary.proposeCorrection', {
    tps: plain.tps,
    pemilihan: P,
    changes: [
      { path: 'suara.paslon.0', value: a! - 1 },
      { path: 'suara.paslon.1', value: c! + 1 },
    ],
    reason: 'Satu suara paslon 2 tercatat pada paslon 1',
    basis: 'lainnya',
    basisNote: 'Berita acara rapat pleno desa',
  });
  await call('plenary.startSession', { member: ketua.id });
  await call('plenary.setPin', { pin: PIN, currentPin: PIN });
  await call('plenary.decideCorrection', { pin: PIN, correctionId, decision: 'approved' });

  // Accept the rest of the desa (with a reason where the rules found errors), then lock it.
  const inDesa = (await call<DashboardView>('plenary.dashboard', { pemilihan: P })).desa.find(
    (d) => d.kode === desa.kode,
  );
  for (const t of inDesa!.tiles.filter((x) => x.base === 'masuk')) {
    const overrideReason = t.bermasalah ? 'Diterima apa adanya sesuai C.Hasil' : undefined;
    await call('plenary.accept', { pin: PIN, tps: t.tps, pemilihan: P, ...(overrideReason ? { overrideReason } : {}) });
  }
  const lock = await call<{ final: boolean }>('plenary.lockDesa', { pin: PIN, desa: desa.kode, pemilihan: P });
  expect(lock.final).toBe(false);

  // An open keberatan about a TPS with data in another desa.
  const other = dash.desa.find((d) => d.kode !== desa.kode)!;
  s.objectionTps = other.tiles.find((t) => t.base !== 'belum-masuk')!.tps;
  s.objectionId = (
    await call<{ objectionId: number }>('plenary.raiseObjection', {
      scope: 'tps',
      pemilihan: P,
      tps: s.objectionTps,
      by: { kind: 'saksi', paslon: 1 },
      text: 'Saksi menyatakan jumlah suara sah berbeda dengan salinannya',
    })
  ).objectionId;
  // Closed (WAL checkpointed, lock released) so that a test can take a file copy of this state, then reopened.
  await b.close();
  b = await open(join(dir, 'scenario', 'hampang.db'));
}, 120_000);

afterAll(async () => {
  await b?.close();
  for (const c of copies) await c.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A backend on a copy of the scenario's database as beforeAll left it (database file and data folder). */
async function scenarioCopy(name: string): Promise<Backend> {
  mkdirSync(join(dir, name));
  cpSync(join(dir, 'scenario', 'hampang.db'), join(dir, name, 'hampang.db'));
  cpSync(join(dir, 'scenario', 'hampang.pleno-data'), join(dir, name, 'hampang.pleno-data'), { recursive: true });
  const c = await open(join(dir, name, 'hampang.db'));
  copies.push(c);
  return c;
}

describe('one database state, every reader', () => {
  it('the scenario left what it meant to: a correction, a konflik choice, a locked desa, an open keberatan', async () => {
    const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: s.pemilihan });
    const tiles = new Map(dash.desa.flatMap((d) => d.tiles).map((t) => [t.tps, t]));
    expect(tiles.get(s.corrected)!.status).toBe('dikoreksi');
    expect(tiles.get(s.konflik)!.konflik).toBe(false);
    expect(tiles.get(s.objectionTps)!.status).toBe('sengketa');
    expect(dash.desa.find((d) => d.kode === s.lockedDesa)!.locked).toBe(true);
    expect(dash.openObjections).toBe(1);
  });

  it('recap JSON, dashboard, reviews, desa view, projector and the D.Hasil data give the same numbers', async () => {
    const P = s.pemilihan;
    const recap = (await call<RecapJson>('plenary.recap', { pemilihan: P })).pemilihan[0]!;
    const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: P });
    const doc = await call<DocumentItem>('documents.issue', { kind: 'd-hasil', pemilihan: P });
    const file = await call<DocumentFile>('documents.file', { id: doc.id });
    const embedded = await readEmbeddedData(new Uint8Array(Buffer.from(file.base64, 'base64')));
    const data = (JSON.parse(Buffer.from(embedded!).toString('utf8')) as { payload: DHasilData }).payload;

    // The D.Hasil's recap is the recap JSON's, byte for byte once canonical.
    expect(data.recap).toEqual({ tps: recap.tps, desa: recap.desa, total: recap.total });
    expect(dash.totals).toEqual(votesOf(recap.total));
    expect(dash.desa.map((d) => d.kode)).toEqual(recap.desa.map((d) => d.kode));
    let compared = 0;
    for (const [i, d] of dash.desa.entries()) {
      const r = recap.desa[i]!;
      expect(d.totals, d.kode).toEqual(votesOf(r.total));
      expect(r.tps).toEqual({
        total: d.tiles.length,
        masuk: d.tiles.filter((t) => t.base !== 'belum-masuk').length,
        diputuskan: d.tiles.filter(settled).length,
        konflik: d.tiles.filter((t) => t.konflik).length,
      });
      const lampiran = data.lampiran[i]!;
      expect(lampiran.kode).toBe(d.kode);
      for (const [j, tile] of d.tiles.entries()) {
        const review = await call<TpsReview>('plenary.tps', { tps: tile.tps, pemilihan: P });
        expect(review.status, tile.tps).toBe(tile.status);
        expect(review.locked).toBe(d.locked);
        expect(lampiran.tps[j]!.counts, tile.tps).toEqual(review.current);
        compared += 1;
      }
      const desaView = await call<DesaView>('plenary.desa', { desa: d.kode, pemilihan: P });
      expect(desaView.totals).toEqual(d.totals);
      expect(desaView.tiles).toEqual(d.tiles);
      expect(desaView.locked).toBe(d.locked);
    }
    expect(compared).toBe(recap.tps.total);

    await call('plenary.setFocus', { pemilihan: P, desa: s.lockedDesa, tps: s.corrected });
    const proj = await call<ProjectorView>('plenary.projector', {});
    expect(proj.totals).toEqual(dash.totals);
    expect(proj.counts).toEqual(dash.counts);
    expect(proj.desaProgress).toEqual(
      dash.desa.map((d) => ({
        kode: d.kode,
        nama: d.nama,
        settled: d.tiles.filter(settled).length,
        total: d.tiles.length,
        locked: d.locked,
      })),
    );
    const review = await call<TpsReview>('plenary.tps', { tps: s.corrected, pemilihan: P });
    expect(proj.tps!.current).toEqual(review.current);
  });

  it('the trace of the corrected TPS replays from its record to the counted numbers', async () => {
    const review = await call<TpsReview>('plenary.tps', { tps: s.corrected, pemilihan: s.pemilihan });
    const snap = loadSnapshot(b.ctx, s.pemilihan);
    if (!snap.ok) throw new Error(snap.error.message);
    const t = snap.value.byTps.get(s.corrected)!;
    const record = review.submissions.find((x) => x.counted)!;
    expect(t.trace!.record).toEqual({ submissionId: record.id, sha256: record.sha256 });
    expect(applyTrace(record.counts, t.trace!.changes)).toEqual(review.current);
    const sumber = toSumber(t.trace)!;
    expect(sumber.koreksi.map((k) => [k.bidang, k.menjadi - k.dari, k.dasar, k.disetujui])).toEqual([
      ['suara.paslon.0', -1, 'lainnya', s.ketua],
      ['suara.paslon.1', 1, 'lainnya', s.ketua],
    ]);
    expect(sumber.koreksi[0]!.alasan).toContain('Berita acara rapat pleno desa');
  });

  it('the dashboard, the documents and a final issue agree that the pemilihan is blocked, and why', async () => {
    const P = s.pemilihan;
    const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: P });
    const status = (await call<DocumentsStatus>('documents.status', {})).pemilihan.find((p) => p.id === P)!;
    expect(dash.final).toBe(false);
    expect(status.final).toBe(false);
    const unlocked = dash.desa.filter((d) => !d.locked);
    expect(status.blockers).toEqual([
      ...unlocked.map((d) => expect.stringMatching(new RegExp(`^Desa ${d.nama} \\(.*\\) belum dikunci$`)) as string),
      `Keberatan tentang Desa ${dash.desa.find((d) => d.kode === s.objectionTps.slice(0, 10))!.nama} TPS ${s.objectionTps.slice(10)} belum diselesaikan`,
    ]);
    const refused = await refusal('documents.issue', { kind: 'd-hasil', pemilihan: P, final: true });
    expect(refused.code).toBe('CONFLICT');
    expect(refused.detail).toBe(status.blockers.join('\n'));
    // The locked desa's own answer agrees: nothing blocks it, and the lock is what every reader shows.
    const desaView = await call<DesaView>('plenary.desa', { desa: s.lockedDesa, pemilihan: P });
    expect(desaView).toMatchObject({ locked: true, lockBlockers: [] });
  });
  it('with every desa locked, an open procedure keberatan alone blocks the final in every reader; resolved, all agree', async () => {
    const P = s.pemilihan;
    const mine = await scenarioCopy('every-desa-locked');
    const call = <T>(method: string, input: unknown) => callOn<T>(mine, method, input);
    const refusal = (method: string, input: unknown) => refusalOn(mine, method, input);
    const { members } = await call<MembersView>('plenary.members', {});
    const [one, two] = members.filter((m) => !m.ketua);
    const template = (await call<TpsReview>('plenary.tps', { tps: s.corrected, pemilihan: P })).current!;
    let dash = await call<DashboardView>('plenary.dashboard', { pemilihan: P });
    // The TPS with no record yet get one by manual double entry (the paper C.Hasil typed twice).
    for (const t of dash.desa.flatMap((d) => d.tiles).filter((x) => x.base === 'belum-masuk')) {
      for (const [slot, op] of [
        [1, one!],
        [2, two!],
      ] as const) {
        await call('import.manualSubmit', { tps: t.tps, pemilihan: P, operator: op.nama, slot, counts: template });
      }
    }
    await call('plenary.resolveObjection', {
      pin: PIN,
      objectionId: s.objectionId,
      outcome: 'ditolak',
      reason: 'Salinan saksi sama',
    });
    dash = await call<DashboardView>('plenary.dashboard', { pemilihan: P });
    let lastLock = { final: false };
    for (const d of dash.desa.filter((x) => !x.locked)) {
      for (const t of d.tiles.filter((x) => x.base === 'masuk')) {
        const overrideReason = t.bermasalah ? 'Diterima apa adanya sesuai C.Hasil' : undefined;
        await call('plenary.accept', {
          pin: PIN,
          tps: t.tps,
          pemilihan: P,
          ...(overrideReason ? { overrideReason } : {}),
        });
      }
      lastLock = await call<{ final: boolean }>('plenary.lockDesa', { pin: PIN, desa: d.kode, pemilihan: P });
    }
    expect(lastLock.final).toBe(true);

    const verdict = async () => {
      const board = await call<DashboardView>('plenary.dashboard', { pemilihan: P });
      const docs = (await call<DocumentsStatus>('documents.status', {})).pemilihan.find((p) => p.id === P)!;
      expect(board.desa.filter((d) => !d.locked)).toEqual([]);
      expect(board.desa.length).toBeGreaterThan(0);
      expect(docs.final).toBe(board.final);
      return { final: board.final, blockers: docs.blockers };
    };
    expect(await verdict()).toEqual({ final: true, blockers: [] });
    const { objectionId } = await call<{ objectionId: number }>('plenary.raiseObjection', {
      scope: 'prosedur',
      pemilihan: P,
      by: { kind: 'panwascam' },
      text: 'Rekapitulasi dimulai sebelum saksi hadir',
    });
    const blocked = { final: false, blockers: ['Keberatan tentang prosedur belum diselesaikan'] };
    expect(objectionId).toBeGreaterThan(0);
    expect(await verdict()).toEqual(blocked);
    expect((await refusal('documents.issue', { kind: 'd-hasil', pemilihan: P, final: true })).detail).toBe(
      blocked.blockers[0],
    );
    await call('plenary.resolveObjection', {
      pin: PIN,
      objectionId,
      outcome: 'ditolak',
      reason: 'Saksi hadir sejak awal',
    });
    expect(await verdict()).toEqual({ final: true, blockers: [] });
    const doc = await call<DocumentItem>('documents.issue', { kind: 'd-hasil', pemilihan: P, final: true });
    const file = await call<DocumentFile>('documents.file', { id: doc.id });
    const embedded = await readEmbeddedData(new Uint8Array(Buffer.from(file.base64, 'base64')));
    const data = (JSON.parse(Buffer.from(embedded!).toString('utf8')) as { payload: DHasilData }).payload;
    const recap = (await call<RecapJson>('plenary.recap', { pemilihan: P })).pemilihan[0]!;
    expect(data.meta.final).toBe(true);
    expect(data.recap).toEqual({ tps: recap.tps, desa: recap.desa, total: recap.total });
    expect(recap.tps).toMatchObject({ masuk: recap.tps.total, diputuskan: recap.tps.total, konflik: 0 });
  }, 60_000);
});
