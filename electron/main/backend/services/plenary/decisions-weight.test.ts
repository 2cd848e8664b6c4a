// Decisions with weight and the sidang, on the hampang demo through the dispatcher (a real SQLite file in a temp
// dir): the deciders' PINs (slow hash, audited, refused without or with a wrong PIN, reset by the ketua), batalkan
// appended (the acceptance stays, the read model stops counting it), the sidang per day with attendance carried to
// the documents' data, kejadian khusus at kecamatan level and closed.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDirFor, openBackend, type Backend } from '../../backend';
import { verifyAudit } from '../../repositories/audit.repo';
import { kehadiranFor } from './sidang.service';
import { issueOk } from '../../../../../tests/support/issue-document';
import { loadSnapshot } from './plenary-snapshot';
import { kejadianEntries } from '../documents/kejadian-entries';
import { loadDataMaster } from '../../repositories/master.repo';
import type { Result } from '../../../../../shared/contracts/result';
import type {
  DashboardView,
  KejadianView,
  MembersView,
  SidangView,
  TpsReview,
} from '../../../../../shared/contracts/plenary.contract';
import type { RecapJson } from '../../../../../shared/domain/recap';

const PIN = '2580';
const DELEGATE_PIN = '7319';
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
const as = (nama: 'ketua' | 'anggota' | 'delegate') => {
  const m =
    nama === 'ketua' ? members.find((x) => x.ketua)! : members.filter((x) => !x.ketua)[nama === 'anggota' ? 0 : 1]!;
  return call('plenary.startSession', { member: m.id });
};

/** A TPS of the bupati pemilihan with clean data (masuk, no rule error, no konflik). */
async function plainTps(skip: string[] = []): Promise<TpsReview> {
  const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: 'bupati' });
  for (const d of dash.desa) {
    for (const t of d.tiles) {
      if (t.status === 'masuk' && !skip.includes(t.tps))
        return call<TpsReview>('plenary.tps', { pemilihan: 'bupati', tps: t.tps });
    }
  }
  throw new Error('no plain TPS in the demo');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-weight-'));
  b = await openBackend({ dbPath: join(dir, 'hampang.db'), mode: 'web', clock: () => new Date((now += 1000)) });
  await call('setup.createDemo', { preset: 'hampang' });
  members = (await call<MembersView>('plenary.members', {})).members;
  // The demo before any PIN is set, for the parts that need a state of their own (any order of the tests).
  mkdirSync(join(dir, 'template'));
  await b.ctx.db.backup(join(dir, 'template', 'hampang.db'));
  cpSync(dataDirFor(b.ctx.dbPath), dataDirFor(join(dir, 'template', 'hampang.db')), { recursive: true });
});
afterAll(async () => {
  await b?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// One story in four steps (the ketua sets the PIN, uses it, is locked out by wrong ones, delegates): its tests keep
// their order under --sequence.shuffle; the other blocks take their own copy of the demo.
describe('deciders confirm with a PIN', { shuffle: false }, () => {
  it('an anggota cannot set a PIN; the ketua sets one, stored as a salted scrypt hash with its audit entry', async () => {
    await as('anggota');
    expect((await refusal('plenary.setPin', { pin: PIN })).code).toBe('FORBIDDEN');
    await as('ketua');
    expect((await refusal('plenary.setPin', { pin: '1234' })).message).toMatch(/mudah ditebak/);
    expect((await refusal('plenary.setPin', { pin: '12a4' })).message).toMatch(/4 sampai 8 angka/);
    await call('plenary.setPin', { pin: PIN });
    const [row] = rows('SELECT * FROM decider_pin');
    expect(row).toMatchObject({ action: 'set', params: 'scrypt:N=32768,r=8,p=1' });
    expect(String(row!['hash'])).toHaveLength(44); // 32 bytes, base64
    expect(JSON.stringify(rows('SELECT * FROM decider_pin'))).not.toContain(PIN);
    expect(rows("SELECT actor FROM audit WHERE action = 'pin.set'")).toEqual([
      { actor: members.find((m) => m.ketua)!.nama },
    ]);
    const view = await call<MembersView>('plenary.members', {});
    expect(view.members.find((m) => m.ketua)!.pin).toBe(true);
    // changing it needs the current PIN
    expect((await refusal('plenary.setPin', { pin: '4826' })).detail).toBe('currentPin');
  });

  it('the ketua locking, unlocking or accepting with errors is refused without the PIN or with a wrong one', async () => {
    await as('ketua');
    const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: 'bupati' });
    const bad = dash.desa.flatMap((d) => d.tiles).find((t) => t.status === 'bermasalah')!;
    const input = { tps: bad.tps, pemilihan: 'bupati', overrideReason: 'Sesuai C.Hasil plano yang dibacakan' };
    const none = await refusal('plenary.accept', input);
    expect(none).toMatchObject({ code: 'UNAUTHORIZED', detail: 'pin' });
    expect(none.message).toMatch(/Masukkan PIN/);
    const wrong = await refusal('plenary.accept', { ...input, pin: '9999' });
    expect(wrong.message).toMatch(/PIN .* salah/);
    expect(rows('SELECT id FROM acceptance WHERE tps = ?', bad.tps)).toEqual([]);
    await call('plenary.accept', { ...input, pin: PIN });
    expect(rows('SELECT decided_as FROM acceptance WHERE tps = ?', bad.tps)).toEqual([{ decided_as: 'ketua' }]);
  });

  it('five wrong PINs in a row make the person wait, even for the right one', async () => {
    await as('ketua');
    const anggota = members.filter((m) => !m.ketua)[0]!.id;
    for (let i = 0; i < 5; i++) {
      const r = await refusal('plenary.resetPin', { member: anggota, reason: 'lupa PIN', pin: '0000' });
      expect(r.message).toMatch(/salah/);
    }
    const waited = await refusal('plenary.resetPin', { member: anggota, reason: 'lupa PIN', pin: PIN });
    expect(waited.message).toMatch(/salah 5 kali berturut-turut\. Coba lagi dalam \d+ detik/);
    now += 61_000;
    expect((await refusal('plenary.resetPin', { member: anggota, reason: 'lupa PIN', pin: PIN })).message).toMatch(
      /belum punya PIN/,
    );
  });

  it('a delegate sets a PIN; a forgotten PIN is reset by the ketua with a reason; then refused until set again', async () => {
    await as('ketua');
    const delegate = members.filter((m) => !m.ketua)[1]!;
    await call('plenary.delegate', { member: delegate.id, active: true, reason: 'Ketua memimpin sidang', pin: PIN });
    await as('delegate');
    await call('plenary.setPin', { pin: DELEGATE_PIN });
    await as('anggota');
    expect((await refusal('plenary.resetPin', { member: delegate.id, reason: 'lupa PIN', pin: PIN })).code).toBe(
      'FORBIDDEN',
    );
    await as('ketua');
    expect((await refusal('plenary.resetPin', { member: delegate.id, reason: 'lupa PIN' })).detail).toBe('pin');
    await call('plenary.resetPin', { member: delegate.id, reason: 'Anggota lupa PIN', pin: PIN });
    expect(rows("SELECT nama, reason, set_by FROM decider_pin WHERE action = 'reset'")).toEqual([
      { nama: delegate.nama, reason: 'Anggota lupa PIN', set_by: members.find((m) => m.ketua)!.nama },
    ]);
    await as('delegate');
    const t = await plainTps();
    await call('plenary.accept', { tps: t.tps, pemilihan: 'bupati' });
    const a = (await call<TpsReview>('plenary.tps', { tps: t.tps, pemilihan: 'bupati' })).acceptances.at(-1)!;
    const r = await refusal('plenary.withdraw', {
      kind: 'acceptance',
      id: a.id,
      reason: 'Salah TPS',
      pin: DELEGATE_PIN,
    });
    expect(r.message).toMatch(/belum mengatur PIN/);
    await call('plenary.setPin', { pin: '6142' });
    await call('plenary.withdraw', { kind: 'acceptance', id: a.id, reason: 'Salah TPS', pin: '6142' });
  });
});

describe('batalkan appends, never deletes', () => {
  // Its own copy of the demo with the ketua's PIN set here, so that it holds whether the PIN tests ran before or not.
  let shared: Backend;
  beforeAll(async () => {
    shared = b;
    cpSync(join(dir, 'template'), join(dir, 'batalkan'), { recursive: true });
    b = await openBackend({
      dbPath: join(dir, 'batalkan', 'hampang.db'),
      mode: 'web',
      clock: () => new Date((now += 1000)),
    });
    await as('ketua');
    await call('plenary.setPin', { pin: PIN });
  });
  afterAll(async () => {
    await b.close();
    b = shared;
  });

  it('a withdrawn Sesuai stays recorded, no longer counts, and cannot be withdrawn twice', async () => {
    await as('anggota');
    const t = await plainTps();
    await call('plenary.accept', { tps: t.tps, pemilihan: 'bupati' });
    const after = await call<TpsReview>('plenary.tps', { tps: t.tps, pemilihan: 'bupati' });
    expect(after.status).toBe('sesuai');
    const recapBefore = (await call<RecapJson>('plenary.recap', { pemilihan: 'bupati' })).pemilihan[0]!;
    const a = after.acceptances.at(-1)!;
    expect(
      (await refusal('plenary.withdraw', { kind: 'acceptance', id: a.id, reason: 'Salah TPS', pin: PIN })).code,
    ).toBe('FORBIDDEN');
    await as('ketua');
    expect((await refusal('plenary.withdraw', { kind: 'acceptance', id: a.id, reason: 'Salah TPS' })).code).toBe(
      'UNAUTHORIZED',
    );
    await call('plenary.withdraw', {
      kind: 'acceptance',
      id: a.id,
      reason: 'Sesuai diklik untuk TPS yang salah',
      pin: PIN,
    });
    const back = await call<TpsReview>('plenary.tps', { tps: t.tps, pemilihan: 'bupati' });
    expect(back.status).toBe('masuk');
    expect(back.acceptances.find((x) => x.id === a.id)).toMatchObject({
      withdrawn: { reason: 'Sesuai diklik untuk TPS yang salah', by: members.find((m) => m.ketua)!.nama },
    });
    expect(rows('SELECT id FROM acceptance WHERE id = ?', a.id)).toHaveLength(1);
    const recapAfter = (await call<RecapJson>('plenary.recap', { pemilihan: 'bupati' })).pemilihan[0]!;
    expect(recapAfter.tps.diputuskan).toBe(recapBefore.tps.diputuskan - 1);
    expect(rows("SELECT entity FROM audit WHERE action = 'acceptance.withdraw'").length).toBeGreaterThanOrEqual(1);
    const twice = await refusal('plenary.withdraw', { kind: 'acceptance', id: a.id, reason: 'lagi', pin: PIN });
    expect(twice.message).toMatch(/sudah dibatalkan/);
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });
});

describe('sidang per day with attendance; kejadian khusus at kecamatan level, closable', () => {
  it('opens, suspends (with a reason), resumes and closes; attendance only while open; carried to the documents', async () => {
    await as('anggota');
    expect((await refusal('plenary.recordHadir', { peran: 'panwaslu', nama: 'Rahmat' })).code).toBe('CONFLICT');
    let v = await call<SidangView>('plenary.sidangAction', { action: 'buka' });
    expect(v).toMatchObject({ hari: 1, status: 'berjalan' });
    const ketua = members.find((m) => m.ketua)!;
    await call('plenary.recordHadir', { peran: 'ppk', nama: ketua.nama });
    expect((await refusal('plenary.recordHadir', { peran: 'ppk', nama: 'Orang Lain' })).detail).toBe('nama');
    await call('plenary.recordHadir', { peran: 'saksi', nama: 'Siti Aminah', pemilihan: 'bupati', paslon: 2 });
    expect(
      (await refusal('plenary.recordHadir', { peran: 'saksi', nama: 'X Y', pemilihan: 'bupati', paslon: 9 })).detail,
    ).toBe('paslon');
    await call('plenary.recordHadir', { peran: 'panwaslu', nama: 'Rahmat Hidayat' });
    expect((await refusal('plenary.sidangAction', { action: 'skors' })).detail).toBe('note');
    v = await call<SidangView>('plenary.sidangAction', { action: 'skors', note: 'Istirahat salat' });
    expect(v.status).toBe('skors');
    expect((await refusal('plenary.sidangAction', { action: 'buka' })).code).toBe('CONFLICT');
    await call('plenary.sidangAction', { action: 'lanjut' });
    v = await call<SidangView>('plenary.sidangAction', { action: 'tutup' });
    expect(v).toMatchObject({ hari: 1, status: 'ditutup' });
    expect(v.hadir.map((h) => h.nama)).toEqual([ketua.nama, 'Siti Aminah', 'Rahmat Hidayat']);
    v = await call<SidangView>('plenary.sidangAction', { action: 'buka' });
    expect(v).toMatchObject({ hari: 2, status: 'berjalan', hadir: [] });
    await call('plenary.recordHadir', { peran: 'saksi', nama: 'Budi Santoso', pemilihan: 'bupati', paslon: 1 });
    expect(kehadiranFor(b.ctx, 'bupati')).toEqual({
      ppk: [{ nama: ketua.nama, jabatan: ketua.jabatan }],
      saksi: [
        { paslon: 1, nama: 'Budi Santoso' },
        { paslon: 2, nama: 'Siti Aminah' },
      ],
      panwaslu: ['Rahmat Hidayat'],
    });
    expect(kehadiranFor(b.ctx, 'gubernur').saksi).toEqual([]);
    // The D.Hasil signature page prints the saksi who attended on their paslon's line, and the Panwaslu.
    const issued = await issueOk(b.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji', final: false });
    const pdf = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', issued.path, '-'], { encoding: 'utf8' });
    const sign = pdf.slice(pdf.lastIndexOf('SAKSI PASANGAN CALON'));
    expect(sign).toContain('Budi Santoso');
    expect(sign).toContain('Siti Aminah');
    expect(sign).toMatch(/Nama:\s+Rahmat Hidayat/);
    expect(sign.indexOf('Budi Santoso')).toBeLessThan(sign.indexOf('Siti Aminah'));
    expect(rows("SELECT action FROM audit WHERE action LIKE 'sidang.%' ORDER BY seq").map((r) => r['action'])).toEqual([
      'sidang.buka',
      'sidang.hadir',
      'sidang.hadir',
      'sidang.hadir',
      'sidang.skors',
      'sidang.lanjut',
      'sidang.tutup',
      'sidang.buka',
      'sidang.hadir',
    ]);
  });

  it('a kejadian for the whole kecamatan is recorded and closed once, with how it was settled', async () => {
    await as('anggota');
    const { kejadianId } = await call<{ kejadianId: number }>('plenary.addKejadian', {
      text: 'Listrik padam di aula kecamatan selama 15 menit',
    });
    const list = await call<KejadianView[]>('plenary.kejadian', {});
    expect(list.find((k) => k.id === kejadianId)).toMatchObject({ desa: null, tps: null, selesai: null });
    expect((await refusal('plenary.closeKejadian', { kejadianId, note: '  ' })).code).toBe('BAD_REQUEST');
    await call('plenary.closeKejadian', { kejadianId, note: 'Genset dinyalakan; rapat dilanjutkan' });
    const closed = (await call<KejadianView[]>('plenary.kejadian', {})).find((k) => k.id === kejadianId)!;
    expect(closed.selesai).toMatchObject({ note: 'Genset dinyalakan; rapat dilanjutkan' });
    // Model D.Kejadian Khusus prints how it was settled instead of "Belum diselesaikan".
    const snap = loadSnapshot(b.ctx, 'bupati');
    if (!snap.ok) throw new Error(snap.error.message);
    const entry = kejadianEntries(b.ctx, loadDataMaster(b.ctx.db)!, snap.value).find(
      (e) => e.uraian === 'Listrik padam di aula kecamatan selama 15 menit',
    );
    expect(entry).toMatchObject({ jenis: 'kejadian', penyelesaian: 'Genset dinyalakan; rapat dilanjutkan' });
    expect((await refusal('plenary.closeKejadian', { kejadianId, note: 'lagi' })).code).toBe('CONFLICT');
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });
});
