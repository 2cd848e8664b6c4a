// The plenary services through the real dispatcher on a real SQLite file: each decision's rows and audit entries,
// locks, authority (ketua/delegate), objections blocking locks, konflik choice and the recap that results.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { PNG } from 'pngjs';
import { openBackend, type Backend } from '../../backend';
import { importMaster } from '../master/master.service';
import { generateKeyPair, nodeCrypto, signPayload } from '../../crypto';
import { payloadHash } from '../../../../../shared/formats/envelope';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import type { ImportSummary } from '../../../../../shared/contracts/import.contract';
import { verifyAudit } from '../../repositories/audit.repo';
import { cleanCounts, withCounts, CLEAN_DPT } from '../../../../../tests/support/counts';
import type { CHasilCounts, DataMaster } from '../../../../../shared/domain/model';
import type { PlenoEvent } from '../../../../../shared/contracts/events';
import type { Result } from '../../../../../shared/contracts/result';
import type { DashboardView, OperatorSession, TpsReview } from '../../../../../shared/contracts/plenary.contract';
import type { RecapJson } from '../../../../../shared/domain/recap';

const DESA_A = '6302142001';
const DESA_B = '6302142002';
const tpsA = (n: number) => `${DESA_A}${String(n).padStart(3, '0')}`;
const tpsB = (n: number) => `${DESA_B}${String(n).padStart(3, '0')}`;

const master: DataMaster = {
  format: 'pleno.master/1',
  provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
  kabkota: { kode: '6302', nama: 'Kotabaru' },
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [
    { kode: DESA_A, nama: 'Hampang', tps: [1, 2, 3].map((nomor) => ({ nomor, dpt: CLEAN_DPT })) },
    { kode: DESA_B, nama: 'Limbur', tps: [1, 2].map((nomor) => ({ nomor, dpt: CLEAN_DPT })) },
  ],
  pemilihan: [
    {
      id: 'bupati',
      nama: 'Pemilihan Bupati SIMULASI',
      wilayah: '6302',
      pilihan: [
        { nomor: 1, nama: 'A – B' },
        { nomor: 2, nama: 'C – D' },
        { nomor: 3, nama: 'E – F' },
      ],
    },
  ],
  ppk: [
    { nama: 'Siti Ketua', jabatan: 'Ketua' },
    { nama: 'Budi Anggota', jabatan: 'Anggota' },
    { nama: 'Rina Anggota', jabatan: 'Anggota' },
  ],
  perangkat: [],
};

// One KPPS device per TPS, listed in the master; the master signed by a KPU key: records go in through the import.
const kpu = generateKeyPair();
const devices = new Map(
  master.desa.flatMap((d) =>
    d.tps.map((t) => {
      const tps = `${d.kode}${String(t.nomor).padStart(3, '0')}`;
      return [tps, { id: `kpps-${tps}`, ...generateKeyPair() }] as const;
    }),
  ),
);
master.perangkat = [...devices].map(([tps, d]) => ({ id: d.id, tps, publicKey: d.publicKey }));
const masterBytes = utf8Encode(
  JSON.stringify(signPayload(master, kpu.privateKey, kpu.fingerprint, { includePublicKey: true })),
);

let dir: string;
let b: Backend;
let events: PlenoEvent[];
let seq = 0;
let now = Date.parse('2024-11-28T09:00:00+08:00');

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-plenary-'));
  now = Date.parse('2024-11-28T09:00:00+08:00');
  // Each clock read is one second later, so decisions and submissions have distinct, ordered times.
  b = await openBackend({ dbPath: join(dir, 'hampang.db'), mode: 'web', clock: () => new Date((now += 1000)) });
  events = [];
  b.events.subscribe((e) => events.push(e));
  const imported = importMaster(b.ctx, masterBytes, { fileName: 'master.json', confirmFingerprint: kpu.fingerprint });
  if (!imported.ok) throw new Error(imported.error.message);
});
afterEach(async () => {
  await b.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A record signed by the TPS's device, imported through the import service; returns the stored submission's id. */
async function submit(
  tps: string,
  counts: CHasilCounts,
  outcome: 'diterima' | 'konflik' = 'diterima',
): Promise<number> {
  seq += 1;
  const dev = devices.get(tps)!;
  const record = {
    format: 'pleno.c-hasil/1',
    tps,
    pemilihan: 'bupati',
    ...counts,
    foto: [],
    perangkat: dev.id,
    dibuat: `2024-11-27T14:${String(seq % 60).padStart(2, '0')}:00+08:00`,
  };
  const envelope = JSON.stringify(signPayload(record, dev.privateKey, dev.id));
  const r = await call<ImportSummary>('import.files', {
    files: [{ name: `${tps}-${seq}.json`, contentBase64: Buffer.from(envelope).toString('base64') }],
  });
  expect(r[outcome], JSON.stringify(r.results)).toBe(1);
  const sha = payloadHash(record, nodeCrypto);
  return (b.ctx.db.prepare('SELECT id FROM submission WHERE sha256 = ?').get(sha) as { id: number }).id;
}

async function call<T>(method: string, input: unknown): Promise<T> {
  const r = (await b.dispatch(method, input)) as Result<T>;
  if (!r.ok) throw new Error(`${method} failed: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function refused(method: string, input: unknown): Promise<{ code: string; message: string }> {
  const r = (await b.dispatch(method, input)) as Result<unknown>;
  expect(r.ok, `${method} should be refused`).toBe(false);
  return (r as { ok: false; error: { code: string; message: string } }).error;
}
/** The deciders' PIN in these tests (pins.service.ts); set when a decider starts a session without one. */
const PIN = '2580';
const as = async (member: number) => {
  const s = await call<OperatorSession>('plenary.startSession', { member });
  if ((s.member.ketua || s.member.delegate) && !s.member.pin) await call('plenary.setPin', { pin: PIN });
};
const audit = (action: string) =>
  b.ctx.db.prepare('SELECT actor, entity, entity_id FROM audit WHERE action = ? ORDER BY seq').all(action) as {
    actor: string;
    entity: string;
    entity_id: string;
  }[];
const recapTotal = async (): Promise<RecapJson['pemilihan'][number]> =>
  (await call<RecapJson>('plenary.recap', { pemilihan: 'bupati' })).pemilihan[0]!;

describe('plenary services', () => {
  it('refuses decisions before an operator is chosen, then records sesuai with its audit entry', async () => {
    await submit(tpsA(1), cleanCounts());
    expect((await refused('plenary.accept', { pin: PIN, tps: tpsA(1), pemilihan: 'bupati' })).code).toBe('FORBIDDEN');
    await as(1);
    const { acceptanceId } = await call<{ acceptanceId: number }>('plenary.accept', {
      pin: PIN,
      tps: tpsA(1),
      pemilihan: 'bupati',
    });
    const row = b.ctx.db.prepare('SELECT * FROM acceptance WHERE id = ?').get(acceptanceId) as Record<string, unknown>;
    expect(row).toMatchObject({
      tps: tpsA(1),
      decided_by: 'Budi Anggota',
      decided_as: 'operator',
      override_reason: null,
    });
    expect(audit('acceptance.create')).toEqual([
      { actor: 'Budi Anggota', entity: 'acceptance', entity_id: String(acceptanceId) },
    ]);
    const review = await call<TpsReview>('plenary.tps', { tps: tpsA(1), pemilihan: 'bupati' });
    expect(review.status).toBe('sesuai');
    expect(events.some((e) => e.type === 'pleno-changed' && e.tps === tpsA(1))).toBe(true);
    expect((await recapTotal()).tps).toEqual({ total: 5, masuk: 1, diputuskan: 1, konflik: 0 });
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });

  it('a record with rule errors is bermasalah; accepting it needs a reason and the ketua or a delegate', async () => {
    // 105 read as 905: votes no longer add up to the sah total (R05) and more (R06/R07...).
    await submit(tpsA(2), withCounts({ 'suara.paslon.0': 905 }));
    const review = await call<TpsReview>('plenary.tps', { tps: tpsA(2), pemilihan: 'bupati' });
    expect(review.status).toBe('bermasalah');
    const r05 = review.violations.find((v) => v.code === 'R05');
    expect(r05?.fields).toContain('suara.paslon.0');
    await as(1);
    expect((await refused('plenary.accept', { pin: PIN, tps: tpsA(2), pemilihan: 'bupati' })).code).toBe(
      'INVALID_INPUT',
    );
    expect(
      (
        await refused('plenary.accept', {
          pin: PIN,
          tps: tpsA(2),
          pemilihan: 'bupati',
          overrideReason: 'sesuai C.Hasil plano',
        })
      ).code,
    ).toBe('FORBIDDEN');
    await as(0);
    await call('plenary.accept', {
      pin: PIN,
      tps: tpsA(2),
      pemilihan: 'bupati',
      overrideReason: 'sesuai C.Hasil plano',
    });
    const row = b.ctx.db.prepare('SELECT * FROM acceptance').get() as Record<string, unknown>;
    expect(row).toMatchObject({
      override_reason: 'sesuai C.Hasil plano',
      decided_by: 'Siti Ketua',
      decided_as: 'ketua',
    });
    expect((await call<TpsReview>('plenary.tps', { tps: tpsA(2), pemilihan: 'bupati' })).status).toBe('sesuai');
  });

  it('correction: proposed by an anggota, refused to a non-delegate, approved by the ketua; recap and dashboard change', async () => {
    await submit(tpsA(2), withCounts({ 'suara.paslon.0': 905 }));
    await submit(tpsA(1), cleanCounts());
    const before = await recapTotal();
    expect(before.total.suara.paslon[0]).toBe(905 + 105);
    await as(1);
    const p = await call<{ correctionId: number; changes: { path: string; from: number; to: number }[] }>(
      'plenary.proposeCorrection',
      {
        tps: tpsA(2),
        pemilihan: 'bupati',
        changes: [{ path: 'suara.paslon.0', value: 105 }],
        reason: 'Salah baca angka 105 menjadi 905',
        basis: 'salinan-saksi',
      },
    );
    expect(p.changes).toEqual([expect.objectContaining({ path: 'suara.paslon.0', from: 905, to: 105 })]);
    // A proposal alone changes nothing counted.
    expect((await recapTotal()).total.suara.paslon[0]).toBe(905 + 105);
    expect(
      (await refused('plenary.decideCorrection', { pin: PIN, correctionId: p.correctionId, decision: 'approved' }))
        .code,
    ).toBe('FORBIDDEN');
    await as(2);
    expect(
      (await refused('plenary.decideCorrection', { pin: PIN, correctionId: p.correctionId, decision: 'approved' }))
        .code,
    ).toBe('FORBIDDEN');
    await as(0);
    await call('plenary.decideCorrection', { pin: PIN, correctionId: p.correctionId, decision: 'approved' });
    expect(
      (
        await refused('plenary.decideCorrection', {
          pin: PIN,
          correctionId: p.correctionId,
          decision: 'rejected',
          reason: 'x y z',
        })
      ).code,
    ).toBe('CONFLICT');
    const after = await recapTotal();
    expect(after.total.suara.paslon[0]).toBe(105 + 105);
    expect(after.tps.diputuskan).toBe(1);
    const review = await call<TpsReview>('plenary.tps', { tps: tpsA(2), pemilihan: 'bupati' });
    expect(review.status).toBe('dikoreksi');
    expect(review.violations.filter((v) => v.severity === 'error')).toEqual([]);
    expect(review.corrections[0]).toMatchObject({
      state: 'approved',
      proposedBy: 'Budi Anggota',
      decidedBy: 'Siti Ketua',
      basis: 'salinan-saksi',
    });
    expect(review.corrections[0]!.changes).toEqual([expect.objectContaining({ from: 905, to: 105 })]);
    const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: 'bupati' });
    expect(dash.totals.paslon[0]).toBe(210);
    expect(dash.counts.dikoreksi).toBe(1);
    expect(audit('correction.propose').map((a) => a.actor)).toEqual(['Budi Anggota']);
    expect(audit('correction.approve').map((a) => a.actor)).toEqual(['Siti Ketua']);
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });

  it('an evidence photo is stored by hash with the correction and served back through plenary.photo', async () => {
    await submit(tpsA(1), cleanCounts());
    await as(0);
    const png = new PNG({ width: 3, height: 2 });
    png.data.fill(200);
    const bytes = PNG.sync.write(png);
    const p = await call<{ correctionId: number }>('plenary.proposeCorrection', {
      tps: tpsA(1),
      pemilihan: 'bupati',
      changes: [{ path: 'suara.tidakSah', value: 17 }],
      reason: 'Hitung ulang suara tidak sah',
      basis: 'hitung-ulang',
      evidence: { base64: bytes.toString('base64'), ext: 'png' },
    });
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(b.ctx.db.prepare('SELECT evidence_photo FROM correction WHERE id = ?').get(p.correctionId)).toEqual({
      evidence_photo: sha,
    });
    const photo = await call<{ mime: string; base64: string }>('plenary.photo', { sha256: sha });
    expect(photo.mime).toBe('image/png');
    expect(Buffer.from(photo.base64, 'base64').equals(bytes)).toBe(true);
    expect(
      (
        await refused('plenary.proposeCorrection', {
          tps: tpsA(1),
          pemilihan: 'bupati',
          changes: [{ path: 'suara.tidakSah', value: 18 }],
          reason: 'x y z',
          basis: 'hitung-ulang',
        })
      ).code,
    ).toBe('CONFLICT'); // one pending proposal at a time
  });

  it('a delegate named by the ketua may approve; the grant is recorded', async () => {
    await submit(tpsA(1), cleanCounts());
    await as(1);
    const p = await call<{ correctionId: number }>('plenary.proposeCorrection', {
      tps: tpsA(1),
      pemilihan: 'bupati',
      changes: [{ path: 'suara.tidakSah', value: 17 }],
      reason: 'Hitung ulang suara tidak sah',
      basis: 'hitung-ulang',
    });
    await as(2);
    expect((await refused('plenary.delegate', { member: 2, active: true })).code).toBe('FORBIDDEN');
    await as(0);
    await call('plenary.delegate', { member: 2, active: true, reason: 'Ketua memimpin sidang desa lain', pin: PIN });
    expect(audit('delegation.grant').map((a) => a.actor)).toEqual(['Siti Ketua']);
    await as(2);
    await call('plenary.decideCorrection', { pin: PIN, correctionId: p.correctionId, decision: 'approved' });
    const d = b.ctx.db.prepare('SELECT decided_by, decided_as FROM correction_decision').get();
    expect(d).toEqual({ decided_by: 'Rina Anggota', decided_as: 'delegate' });
  });

  it('an open objection blocks locking the desa until resolved; a locked desa refuses every change; unlock needs a reason', async () => {
    for (const n of [1, 2, 3]) await submit(tpsA(n), cleanCounts());
    await as(0);
    for (const n of [1, 2, 3]) await call('plenary.accept', { pin: PIN, tps: tpsA(n), pemilihan: 'bupati' });
    const { objectionId } = await call<{ objectionId: number }>('plenary.raiseObjection', {
      scope: 'tps',
      tps: tpsA(3),
      pemilihan: 'bupati',
      by: { kind: 'saksi', paslon: 2 },
      text: 'Saksi paslon 2 menyatakan jumlah suara tidak sah berbeda dengan salinannya',
    });
    expect((await call<TpsReview>('plenary.tps', { tps: tpsA(3), pemilihan: 'bupati' })).status).toBe('sengketa');
    const blocked = await refused('plenary.lockDesa', { pin: PIN, desa: DESA_A, pemilihan: 'bupati' });
    expect(blocked.code).toBe('CONFLICT');
    expect(blocked.message).toContain('keberatan');
    expect(b.ctx.db.prepare('SELECT count(*) AS n FROM lock_event').get()).toEqual({ n: 0 });
    await call('plenary.resolveObjection', {
      pin: PIN,
      objectionId,
      outcome: 'ditolak',
      reason: 'Salinan saksi sama dengan C.Hasil plano',
    });
    expect(audit('objection.ditolak').map((a) => a.actor)).toEqual(['Siti Ketua']);
    const locked = await call<{ final: boolean }>('plenary.lockDesa', { pin: PIN, desa: DESA_A, pemilihan: 'bupati' });
    expect(locked.final).toBe(false);
    expect(audit('lock.lock')).toHaveLength(1);

    // Locked: every change to the desa is refused.
    expect(
      (
        await refused('plenary.proposeCorrection', {
          tps: tpsA(1),
          pemilihan: 'bupati',
          changes: [{ path: 'suara.tidakSah', value: 1 }],
          reason: 'coba ubah',
          basis: 'hitung-ulang',
        })
      ).code,
    ).toBe('LOCKED');
    expect((await refused('plenary.accept', { pin: PIN, tps: tpsA(1), pemilihan: 'bupati' })).code).toBe('LOCKED');
    expect(
      (
        await refused('plenary.raiseObjection', {
          scope: 'desa',
          desa: DESA_A,
          pemilihan: 'bupati',
          by: { kind: 'panwascam' },
          text: 'keberatan baru',
        })
      ).code,
    ).toBe('LOCKED');
    expect(
      (await refused('plenary.addKejadian', { tps: tpsA(1), pemilihan: 'bupati', text: 'catatan baru' })).code,
    ).toBe('LOCKED');

    // Unlock needs a reason (validated at the contract and by the domain).
    expect(
      (await refused('plenary.unlockDesa', { pin: PIN, desa: DESA_A, pemilihan: 'bupati', reason: '' })).code,
    ).toBe('BAD_REQUEST');
    await call('plenary.unlockDesa', {
      pin: PIN,
      desa: DESA_A,
      pemilihan: 'bupati',
      reason: 'Panwascam meminta pemeriksaan ulang TPS 001',
    });
    const ev = b.ctx.db.prepare('SELECT action, reason, decided_by FROM lock_event ORDER BY id').all();
    expect(ev).toEqual([
      { action: 'lock', reason: null, decided_by: 'Siti Ketua' },
      { action: 'unlock', reason: 'Panwascam meminta pemeriksaan ulang TPS 001', decided_by: 'Siti Ketua' },
    ]);
    await call('plenary.addKejadian', {
      tps: tpsA(1),
      pemilihan: 'bupati',
      text: 'Pemeriksaan ulang atas permintaan Panwascam',
    });
    expect(verifyAudit(b.ctx.db).ok).toBe(true);
  });

  it('a correction awaiting its decision blocks the lock', async () => {
    for (const n of [1, 2]) await submit(tpsB(n), cleanCounts());
    await as(0);
    for (const n of [1, 2]) await call('plenary.accept', { pin: PIN, tps: tpsB(n), pemilihan: 'bupati' });
    const p = await call<{ correctionId: number }>('plenary.proposeCorrection', {
      tps: tpsB(2),
      pemilihan: 'bupati',
      changes: [{ path: 'suara.tidakSah', value: 15 }],
      reason: 'Salinan saksi berbeda',
      basis: 'salinan-saksi',
    });
    const r = await refused('plenary.lockDesa', { pin: PIN, desa: DESA_B, pemilihan: 'bupati' });
    expect(r.message).toContain('TPS 002: usulan koreksi belum diputuskan');
    expect(p.correctionId).toBeGreaterThan(0);
    await call('plenary.decideCorrection', {
      pin: PIN,
      correctionId: p.correctionId,
      decision: 'rejected',
      reason: 'Plano sudah benar',
    });
    await call('plenary.lockDesa', { pin: PIN, desa: DESA_B, pemilihan: 'bupati' });
  });

  it('an objection accepted must be followed up: a correction of its TPS, or a recount note', async () => {
    await submit(tpsA(1), cleanCounts());
    await submit(tpsA(2), cleanCounts());
    await as(0);
    const { objectionId } = await call<{ objectionId: number }>('plenary.raiseObjection', {
      scope: 'tps',
      tps: tpsA(1),
      pemilihan: 'bupati',
      by: { kind: 'saksi', paslon: 1 },
      text: 'Suara paslon 1 kurang satu',
    });
    const other = await call<{ correctionId: number }>('plenary.proposeCorrection', {
      tps: tpsA(2),
      pemilihan: 'bupati',
      changes: [{ path: 'suara.tidakSah', value: 15 }],
      reason: 'Koreksi TPS lain',
      basis: 'salinan-panwascam',
    });
    expect(
      (await refused('plenary.resolveObjection', { pin: PIN, objectionId, outcome: 'diterima', reason: 'Diterima' }))
        .code,
    ).toBe('INVALID_INPUT');
    expect(
      (
        await refused('plenary.resolveObjection', {
          pin: PIN,
          objectionId,
          outcome: 'diterima',
          reason: 'Diterima',
          correctionId: other.correctionId,
        })
      ).code,
    ).toBe('INVALID_INPUT');
    await call('plenary.resolveObjection', {
      pin: PIN,
      objectionId,
      outcome: 'diterima',
      reason: 'Diterima',
      recountNote: 'Dihitung ulang: 106 suara',
    });
    const review = await call<TpsReview>('plenary.tps', { tps: tpsA(1), pemilihan: 'bupati' });
    expect(review.objections[0]).toMatchObject({
      state: 'diterima',
      byLabel: 'Saksi paslon nomor urut 1',
      resolution: {
        outcome: 'diterima',
        reason: 'Diterima',
        recountNote: 'Dihitung ulang: 106 suara',
        correctionId: null,
      },
    });
    expect(
      (await refused('plenary.resolveObjection', { pin: PIN, objectionId, outcome: 'ditolak', reason: 'lagi' })).code,
    ).toBe('CONFLICT');
  });

  it('the pemilihan is final when every desa is locked; locking needs every TPS settled', async () => {
    for (const n of [1, 2, 3]) await submit(tpsA(n), cleanCounts());
    await submit(tpsB(1), cleanCounts());
    await as(0);
    const r = await refused('plenary.lockDesa', { pin: PIN, desa: DESA_B, pemilihan: 'bupati' });
    expect(r.message).toContain('TPS 002: data C.Hasil belum masuk');
    for (const n of [1, 2, 3]) await call('plenary.accept', { pin: PIN, tps: tpsA(n), pemilihan: 'bupati' });
    await submit(tpsB(2), cleanCounts());
    for (const n of [1, 2]) await call('plenary.accept', { pin: PIN, tps: tpsB(n), pemilihan: 'bupati' });
    expect(
      (await call<{ final: boolean }>('plenary.lockDesa', { pin: PIN, desa: DESA_A, pemilihan: 'bupati' })).final,
    ).toBe(false);
    expect(
      (await call<{ final: boolean }>('plenary.lockDesa', { pin: PIN, desa: DESA_B, pemilihan: 'bupati' })).final,
    ).toBe(true);
    expect((await call<DashboardView>('plenary.dashboard', {})).final).toBe(true);
  });

  it('konflik: two differing submissions; choosing the second makes it the counted version', async () => {
    const first = await submit(tpsB(1), cleanCounts());
    const second = await submit(tpsB(1), withCounts({ 'suara.paslon.1': 121, 'suara.paslon.2': 86 }), 'konflik');
    const review = await call<TpsReview>('plenary.tps', { tps: tpsB(1), pemilihan: 'bupati' });
    expect(review.status).toBe('konflik');
    expect(review.conflictDiff.map((d) => [d.path, d.values])).toEqual([
      ['suara.paslon.1', [120, 121]],
      ['suara.paslon.2', [87, 86]],
    ]);
    expect(review.submissions.map((s) => [s.id, s.counted])).toEqual([
      [first, true],
      [second, false],
    ]);
    expect((await recapTotal()).tps.konflik).toBe(1);
    await as(1);
    expect((await refused('plenary.accept', { pin: PIN, tps: tpsB(1), pemilihan: 'bupati' })).code).toBe('CONFLICT');
    await call('plenary.chooseSubmission', {
      tps: tpsB(1),
      pemilihan: 'bupati',
      submissionId: second,
      reason: 'Sesuai C.Hasil plano',
    });
    const r = await recapTotal();
    expect(r.tps.konflik).toBe(0);
    expect(r.total.suara.paslon).toEqual([105, 121, 86]);
    const after = await call<TpsReview>('plenary.tps', { tps: tpsB(1), pemilihan: 'bupati' });
    expect(after.submissions.find((s) => s.id === second)?.counted).toBe(true);
    expect(audit('conflict-choice.create').map((a) => a.actor)).toEqual(['Budi Anggota']);
  });

  it('dashboard: tiles in desa order with statuses, running totals and the next problem', async () => {
    await submit(tpsA(1), cleanCounts());
    await submit(tpsA(2), withCounts({ 'suara.paslon.0': 905 }));
    await submit(tpsB(1), cleanCounts());
    await submit(tpsB(1), withCounts({ 'suara.paslon.1': 121, 'suara.paslon.2': 86 }), 'konflik');
    await as(0);
    await call('plenary.accept', { pin: PIN, tps: tpsA(1), pemilihan: 'bupati' });
    const d = await call<DashboardView>('plenary.dashboard', {});
    expect(d.kecamatan.nama).toBe('Hampang');
    expect(d.desa.map((x) => [x.nama, x.tiles.map((t) => t.status)])).toEqual([
      ['Hampang', ['sesuai', 'bermasalah', 'belum-masuk']],
      ['Limbur', ['konflik', 'belum-masuk']],
    ]);
    expect(d.counts).toMatchObject({ sesuai: 1, bermasalah: 1, konflik: 1, 'belum-masuk': 2 });
    expect(d.tpsTotal).toBe(5);
    expect(d.totals.paslon).toEqual([105 + 905 + 105, 360, 261]);
    expect(d.nextProblem).toMatchObject({ tps: tpsA(2), status: 'bermasalah' });
    expect(d.desa[0]!.lockBlockers.length).toBeGreaterThan(0);
  });

  it('focus is pushed as focus-changed and drives the projector view', async () => {
    await submit(tpsA(2), cleanCounts());
    await call('plenary.setFocus', { pemilihan: 'bupati', desa: null, tps: tpsA(2) });
    expect(events).toContainEqual({ type: 'focus-changed', pemilihan: 'bupati', desa: DESA_A, tps: tpsA(2) });
    const p = await call<{ tps: TpsReview | null; desa: { nama: string } | null }>('plenary.projector', {});
    expect(p.tps?.tps).toBe(tpsA(2));
    expect(p.desa?.nama).toBe('Hampang');
  });
});
