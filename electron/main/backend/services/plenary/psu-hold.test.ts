// A TPS put on hold for PSU by a recorded decision with its basis (psu.hold, through the handlers and their guards):
// it leaves the recap, the dashboard totals and the D.Hasil (its lampiran column marked, the closing paragraph naming
// it), blocks locking its desa, and the D.Kejadian Khusus lists the decision; once a result received after the hold is
// chosen by the plenary it counts again with its new numbers. Saksi refusals recorded through documents.recordRefusal
// are listed in the D.Kejadian Khusus with paslon, name and reason. Real database, real PDFs read back.
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../../../shared/contracts/result';
import type { DashboardView } from '../../../../../shared/contracts/plenary.contract';
import type { HoldView } from '../../../../../shared/contracts/psu.contract';
import type { RecapJson } from '../../../../../shared/domain/recap';
import type { DHasilData } from '../../../../../shared/documents/types';
import { tpsCode } from '../../../../../shared/domain/model';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import { issueOk } from '../../../../../tests/support/issue-document';
import { readEmbeddedData } from '../documents/verify-pdf';

const PIN = '482913';
let fx: KecamatanFixture;

async function call<T>(m: string, input: unknown): Promise<T> {
  const r = (await fx.backend.dispatch(m, input)) as Result<T>;
  if (!r.ok) throw new Error(`${m}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function refused(m: string, input: unknown) {
  const r = (await fx.backend.dispatch(m, input)) as Result<unknown>;
  if (r.ok) throw new Error(`${m} was not refused`);
  return r.error;
}
const bundle = (tps: string, variant = 0) => ({
  files: [
    { name: `${tps}-${variant}.pleno`, contentBase64: Buffer.from(fx.bundleBytes(tps, variant)).toString('base64') },
  ],
});
const flat = (file: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
const sah = async () => (await call<RecapJson>('plenary.recap', { pemilihan: 'bupati' })).pemilihan[0]!;

// Each test on its own kecamatan, every TPS imported and accepted: a hold, choice or correction of one test never
// shows in another's recap, hold list or documents, in whichever order they run.
beforeEach(async () => {
  fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 2 });
  for (const d of fx.devices) await call('import.files', bundle(d.tps));
  await call('plenary.startSession', { member: 0 });
  await call('plenary.setPin', { pin: PIN });
  for (const d of fx.master.desa)
    for (const t of d.tps)
      await call('plenary.accept', { tps: tpsCode(d.kode, t.nomor), pemilihan: 'bupati', pin: PIN });
}, 120_000);

afterEach(async () => {
  await fx?.close();
});

describe('PSU/PSS/PSL hold', () => {
  it('leaves the recap and the D.Hasil while held, and counts the new result once chosen', async () => {
    const desa = fx.master.desa[0]!;
    const tps = tpsCode(desa.kode, 1);
    const old = fx.record(tps, 'bupati').suara;
    const before = await sah();

    // A decision needs its basis and the decider's PIN.
    const noPin = {
      tps,
      pemilihan: 'bupati',
      jenis: 'PSU',
      dasar: 'Rekomendasi Panwaslu Kecamatan',
      alasan: 'Surat suara dicoblos petugas',
    };
    expect((await refused('psu.hold', noPin)).code).toBe('UNAUTHORIZED');
    const { holdId } = await call<{ holdId: number }>('psu.hold', { ...noPin, pin: PIN });
    expect((await refused('psu.hold', { ...noPin, pin: PIN })).message).toContain('sudah ditunda (PSU)');

    const held = await sah();
    expect(held.total.suara.sah).toBe(before.total.suara.sah - old.sah);
    expect(held.total.suara.paslon).toEqual(before.total.suara.paslon.map((v, i) => v - old.paslon[i]!));
    expect(held.desa[0]!.total.suara.sah).toBe(before.desa[0]!.total.suara.sah - old.sah);
    expect(held.tps.diputuskan).toBe(before.tps.diputuskan - 1);
    const dash = await call<DashboardView>('plenary.dashboard', { pemilihan: 'bupati' });
    const tile = dash.desa[0]!.tiles.find((t) => t.tps === tps)!;
    expect(tile.status).toBe('ditunda');
    expect((await refused('plenary.lockDesa', { desa: desa.kode, pemilihan: 'bupati', pin: PIN })).message).toContain(
      'TPS 001: ditunda (PSU), menunggu hasil baru diterima pleno',
    );
    expect(await call<HoldView[]>('psu.list', { pemilihan: 'bupati' })).toEqual([
      expect.objectContaining({
        id: holdId,
        tps,
        jenis: 'PSU',
        dasar: 'Rekomendasi Panwaslu Kecamatan',
        berlaku: true,
      }),
    ]);

    const draft = await issueOk(fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    const data = (
      JSON.parse(new TextDecoder().decode((await readEmbeddedData(draft.bytes))!)) as { payload: DHasilData }
    ).payload;
    expect(data.lampiran[0]!.tps[0]).toEqual({
      nomor: 1,
      counts: null,
      sumber: null,
      tunda: { jenis: 'PSU', dasar: 'Rekomendasi Panwaslu Kecamatan' },
    });
    expect(data.recap.total.suara.sah).toBe(held.total.suara.sah);
    const text = flat(draft.path);
    expect(text).toContain('(DITUNDA PSU)');
    expect(text).toContain(`Desa ${desa.nama} TPS 001 (PSU; dasar: Rekomendasi Panwaslu Kecamatan)`);
    const kej = flat(
      (await issueOk(fx.backend.ctx, { kind: 'kejadian-khusus', pemilihan: 'bupati', actor: 'uji' })).path,
    );
    expect(kej).toContain('Pemungutan suara ulang (PSU) ditetapkan');
    expect(kej).toContain('Dasar: Rekomendasi Panwaslu Kecamatan');

    // While the hold stands the old result can be neither accepted nor chosen; the review says it waits.
    type Review = { submissions: { id: number }[]; tunda: { menungguHasilBaru: boolean } | null };
    const heldReview = await call<Review>('plenary.tps', { tps, pemilihan: 'bupati' });
    expect(heldReview.tunda?.menungguHasilBaru).toBe(true);
    const oldAccept = await refused('plenary.accept', { tps, pemilihan: 'bupati', pin: PIN });
    expect(oldAccept.code).toBe('CONFLICT');
    expect(oldAccept.message).toContain(
      'ditunda (PSU): tunggu hasil pemungutan ulang; hasil lama tidak dapat diterima',
    );
    const oldChoice = await refused('plenary.chooseSubmission', {
      tps,
      pemilihan: 'bupati',
      submissionId: heldReview.submissions[0]!.id,
      reason: 'Hasil lama',
    });
    expect(oldChoice.message).toContain('ditunda (PSU): pilih hasil yang masuk setelah penundaan');
    expect((await sah()).total.suara.sah).toBe(held.total.suara.sah);
    expect((await call<HoldView[]>('psu.list', { pemilihan: 'bupati' }))[0]!.berlaku).toBe(true);

    // The PSU result arrives (different numbers), the plenary chooses it: the TPS counts again, with the new numbers.
    await call('import.files', bundle(tps, 7));
    const review = (await fx.backend.dispatch('plenary.tps', { tps, pemilihan: 'bupati' })) as Result<Review>;
    if (!review.ok) throw new Error(review.error.message);
    const newest = review.value.submissions.map((s) => s.id).sort((a, b) => b - a)[0]!;
    await call('plenary.chooseSubmission', {
      tps,
      pemilihan: 'bupati',
      submissionId: newest,
      reason: 'Hasil PSU',
    });
    const fresh = fx.record(tps, 'bupati', 7).suara;
    const after = await sah();
    expect(after.total.suara.sah).toBe(held.total.suara.sah + fresh.sah);
    expect(after.total.suara.paslon).toEqual(held.total.suara.paslon.map((v, i) => v + fresh.paslon[i]!));
    expect((await call<HoldView[]>('psu.list', { pemilihan: 'bupati' }))[0]!.berlaku).toBe(false);
    expect((await call<Review>('plenary.tps', { tps, pemilihan: 'bupati' })).tunda).toBeNull();
    const again = await issueOk(fx.backend.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'uji' });
    const back = (
      JSON.parse(new TextDecoder().decode((await readEmbeddedData(again.bytes))!)) as { payload: DHasilData }
    ).payload;
    expect(back.lampiran[0]!.tps[0]!.counts!.suara).toEqual(fresh);
    expect(back.lampiran[0]!.tps[0]!.tunda).toBeUndefined();
    expect(flat(again.path)).not.toContain('DITUNDA');
  });

  it('refuses a correction on the old result of a held TPS; once the new result is chosen it can be corrected', async () => {
    const desa = fx.master.desa[1]!;
    const tps = tpsCode(desa.kode, 1);
    const old = fx.record(tps, 'bupati').suara;
    // One vote moved from paslon 1 to paslon 2: the sums still hold, only the paslon figures change.
    const move = (s: { paslon: readonly number[] }) => ({
      tps,
      pemilihan: 'bupati',
      changes: [
        { path: 'suara.paslon.0', value: s.paslon[0]! - 1 },
        { path: 'suara.paslon.1', value: s.paslon[1]! + 1 },
      ],
      reason: 'Salah baca saat rekapitulasi',
      basis: 'c-hasil-plano',
    });
    const proposed = await call<{ correctionId: number }>('plenary.proposeCorrection', move(old));
    await call('psu.hold', {
      tps,
      pemilihan: 'bupati',
      jenis: 'PSS',
      dasar: 'Rekomendasi Panwaslu Kecamatan',
      alasan: 'Penghitungan dilanjutkan di tempat lain',
      pin: PIN,
    });
    const held = await sah();
    const WORDS = 'ditunda (PSS): tunggu hasil pemungutan ulang; hasil lama tidak dapat dikoreksi';

    // Approving the correction proposed on the old result would put its numbers back into the recap: refused.
    const approve = { correctionId: proposed.correctionId, decision: 'approved', pin: PIN };
    const refusedApproval = await refused('plenary.decideCorrection', approve);
    expect(refusedApproval.code).toBe('CONFLICT');
    expect(refusedApproval.message).toBe(`TPS 001 ${WORDS}.`);
    expect(await sah()).toEqual(held);
    // Rejecting changes no number and stays possible; a new proposal on the old result is refused in the same words.
    await call('plenary.decideCorrection', { ...approve, decision: 'rejected', reason: 'Menunggu hasil PSS' });
    const again = await refused('plenary.proposeCorrection', move(old));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain(WORDS);
    type Review = { submissions: { id: number }[]; corrections: { id: number; state: string }[] };
    const review = await call<Review>('plenary.tps', { tps, pemilihan: 'bupati' });
    expect(review.corrections).toEqual([expect.objectContaining({ id: proposed.correctionId, state: 'rejected' })]);

    // The PSS result arrives and is chosen: it counts, and it can be corrected like any other result.
    await call('import.files', bundle(tps, 5));
    const chosen = await call<Review>('plenary.tps', { tps, pemilihan: 'bupati' });
    const newest = Math.max(...chosen.submissions.map((s) => s.id));
    await call('plenary.chooseSubmission', { tps, pemilihan: 'bupati', submissionId: newest, reason: 'Hasil PSS' });
    const fresh = fx.record(tps, 'bupati', 5).suara;
    const fixed = await call<{ correctionId: number }>('plenary.proposeCorrection', move(fresh));
    await call('plenary.decideCorrection', { correctionId: fixed.correctionId, decision: 'approved', pin: PIN });
    const after = await sah();
    expect(after.total.suara.sah).toBe(held.total.suara.sah + fresh.sah);
    expect(after.total.suara.paslon[0]).toBe(held.total.suara.paslon[0]! + fresh.paslon[0]! - 1);
    expect(after.total.suara.paslon[1]).toBe(held.total.suara.paslon[1]! + fresh.paslon[1]! + 1);
  });

  it('lists a saksi refusal recorded as such in the D.Kejadian Khusus', async () => {
    expect(
      (await refused('documents.recordRefusal', { pemilihan: 'bupati', paslon: 9, nama: 'X', alasan: 'abc' })).detail,
    ).toBe('paslon');
    await call('documents.recordRefusal', {
      pemilihan: 'bupati',
      paslon: 2,
      nama: 'Rahmat Hidayat',
      alasan: 'Keberatan atas TPS 001 belum dijawab tertulis',
    });
    expect(await call('documents.refusals', { pemilihan: 'bupati' })).toEqual([
      expect.objectContaining({ paslon: 2, nama: 'Rahmat Hidayat' }),
    ]);
    const kej = flat(
      (await issueOk(fx.backend.ctx, { kind: 'kejadian-khusus', pemilihan: 'bupati', actor: 'uji' })).path,
    );
    expect(kej).toContain('Menolak tanda tangan');
    // pdftotext interleaves the narrow columns: the sentence and the reason are read separately.
    expect(kej).toContain('Saksi Paslon 2 G – H (Rahmat Hidayat)');
    expect(kej).toContain('Saksi Rahmat Hidayat menolak menandatangani. Alasan:');
    expect(kej).toContain('Keberatan atas TPS 001 belum dijawab tertulis');
    expect(kej).toContain('dokumen tetap sah');
  });
});
