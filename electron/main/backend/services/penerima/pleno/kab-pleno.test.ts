// The kab/kota plenary over real receiver databases (docs/receiver-plenary.md), through the contract's dispatcher:
// acceptance of a final push and refusal of a draft, keberatan and kejadian, corrections of a TPS figure (x → y, the
// kecamatan totals follow, the trace lists them), the lock with the ketua's PIN reading out totals computed here,
// a newer push leaving older decisions behind, the §5.2 recap unchanged, the audit chain valid.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KabPlenoView } from '../../../../../../shared/contracts/kabpleno.contract';
import type { PenerimaTrace } from '../../../../../../shared/contracts/penerima.contract';
import type { CHasilCounts } from '../../../../../../shared/domain/model';
import {
  ANGGOTA,
  KETUA,
  KETUA_PIN,
  startKabReceiver,
  type KabReceiver,
} from '../../../../../../tests/support/kab-receiver';
import { makePush, type Push } from '../../../../../../tests/support/push-fixture';
import { join } from 'node:path';
import { openBackend } from '../../../backend';
import { verifyAudit } from '../../../repositories/audit-verify';
import { NOT_RECEIVER } from './kab-anggota.service';
import { penerimaRecap } from '../recap.service';

let r: KabReceiver;
beforeEach(async () => {
  r = await startKabReceiver();
});
afterEach(async () => {
  await r.close();
});

const FINAL = '630214';
const DRAF = '630201';
const state = (pemilihan = 'bupati') => r.call<KabPlenoView>('kabpleno.state', { pemilihan });
const kec = (v: KabPlenoView, kode: string) => v.model.kecamatan.find((k) => k.kode === kode)!;

/** Sum of paslon votes over every TPS the push's D.Hasil lists: computed here from the pushed data. */
function pushedVotes(p: Push): number[] {
  const doc = (p.dHasil as { payload: { lampiran: { tps: { counts: CHasilCounts }[] }[] } }).payload;
  const out = [0, 0, 0];
  for (const d of doc.lampiran) for (const t of d.tps) t.counts.suara.paslon.forEach((v, i) => (out[i]! += v));
  return out;
}

describe('kab/kota plenary: acceptance', () => {
  it('accepts only a final D.Hasil, with the ketua PIN; a draft is recorded as not acceptable with a reason', async () => {
    const draftAccept = await r.refused('kabpleno.accept', {
      kecamatan: DRAF,
      pemilihan: 'bupati',
      keputusan: 'diterima',
      pin: KETUA_PIN,
    });
    expect(draftAccept.message).toMatch(/masih draf/);
    const noReason = await r.refused('kabpleno.accept', {
      kecamatan: DRAF,
      pemilihan: 'bupati',
      keputusan: 'tidak-diterima',
      pin: KETUA_PIN,
    });
    expect(noReason.message).toMatch(/Alasan/);
    await r.call('kabpleno.accept', {
      kecamatan: DRAF,
      pemilihan: 'bupati',
      keputusan: 'tidak-diterima',
      alasan: 'D.Hasil masih draf, dua desa belum dikunci PPK',
      pin: KETUA_PIN,
    });
    const wrongPin = await r.refused('kabpleno.accept', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      keputusan: 'diterima',
      pin: '9731',
    });
    expect([wrongPin.code, wrongPin.message]).toEqual(['UNAUTHORIZED', `PIN ${KETUA} salah. Keputusan tidak dicatat.`]);
    await r.call('kabpleno.accept', { kecamatan: FINAL, pemilihan: 'bupati', keputusan: 'diterima', pin: KETUA_PIN });
    const v = await state();
    expect(kec(v, FINAL).penerimaan).toMatchObject({ keputusan: 'diterima', oleh: KETUA });
    expect(kec(v, DRAF).penerimaan).toMatchObject({ keputusan: 'tidak-diterima', oleh: KETUA });
    expect(kec(v, DRAF).lockBlockers.join(' ')).toMatch(/masih draf/);
  });

  it('refuses decisions while no ketua is registered, and every method on a kecamatan database', async () => {
    const bare = await startKabReceiver({ members: false });
    try {
      const e = await bare.refused('kabpleno.accept', {
        kecamatan: FINAL,
        pemilihan: 'bupati',
        keputusan: 'diterima',
        pin: KETUA_PIN,
      });
      expect(e.message).toMatch(/Ketua KPU kabupaten\/kota belum terdaftar/);
      const who = await bare.refused('kabpleno.raiseKeberatan', {
        kecamatan: FINAL,
        pemilihan: 'bupati',
        pihak: 'Saksi Paslon 1',
        uraian: 'Angka Desa Hampang berbeda dengan salinan',
        oleh: 'Orang Lain',
      });
      expect(who.code).toBe('FORBIDDEN');
      const kecamatanDb = await openBackend({ dbPath: join(bare.dir, 'kecamatan.db'), mode: 'web' });
      try {
        const r2 = await kecamatanDb.dispatch('kabpleno.state', { pemilihan: 'bupati' });
        expect(!r2.ok && r2.error.message).toBe(NOT_RECEIVER);
      } finally {
        await kecamatanDb.close();
      }
    } finally {
      await bare.close();
    }
  });
});

/** Proposes a correction of one TPS figure and approves it with the ketua's PIN. */
async function correctTps(tps: string, bidang: string, menjadi: number): Promise<void> {
  const { id } = await r.call<{ id: number }>('kabpleno.proposeKoreksi', {
    kecamatan: FINAL,
    pemilihan: 'bupati',
    tps,
    bidang,
    menjadi,
    dasar: 'salinan-saksi',
    alasan: 'Menyesuaikan jumlah dengan koreksi suara paslon',
    oleh: ANGGOTA,
  });
  await r.call('kabpleno.decideKoreksi', { id, pemilihan: 'bupati', keputusan: 'disetujui', pin: KETUA_PIN });
}

describe('kab/kota plenary: keberatan, corrections and the lock', () => {
  it('locks only once accepted, keberatan resolved and corrections decided; reads out totals summed here', async () => {
    const votes = pushedVotes(r.pushes.final);
    await r.call('kabpleno.accept', { kecamatan: FINAL, pemilihan: 'bupati', keputusan: 'diterima', pin: KETUA_PIN });
    const { id: keb } = await r.call<{ id: number }>('kabpleno.raiseKeberatan', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      pihak: 'Saksi Paslon 2',
      uraian: 'Suara paslon 1 di Hampang TPS 001 tertulis 105, salinan saksi 95',
      oleh: ANGGOTA,
    });
    const tps = '6302142001001';
    const { dari } = await r.call<{ dari: number }>('kabpleno.proposeKoreksi', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      tps,
      bidang: 'suara.paslon.0',
      menjadi: 95,
      dasar: 'salinan-saksi',
      alasan: 'Salinan saksi dan Panwaslu sama-sama 95',
      oleh: ANGGOTA,
    });
    expect(dari).toBe(105);
    let v = await state();
    expect(kec(v, FINAL).lockBlockers).toEqual([
      '1 keberatan tentang kecamatan ini belum diselesaikan.',
      '1 usulan koreksi belum diputuskan.',
    ]);
    const early = await r.refused('kabpleno.lock', { kecamatan: FINAL, pemilihan: 'bupati', pin: KETUA_PIN });
    expect(early.message).toMatch(/belum dapat dikunci/);
    const id = kec(v, FINAL).koreksi[0]!.id;
    await r.call('kabpleno.decideKoreksi', { id, pemilihan: 'bupati', keputusan: 'disetujui', pin: KETUA_PIN });
    await r.call('kabpleno.resolveKeberatan', {
      id: keb,
      hasil: 'diterima',
      alasan: 'Dikoreksi menurut salinan saksi',
      pin: KETUA_PIN,
    });
    v = await state();
    const k = kec(v, FINAL);
    const cell = k.desa[0]!.tps[0]!;
    expect([cell.diterima!.suara.paslon[0], cell.counts!.suara.paslon[0]]).toEqual([105, 95]);
    expect(k.totalDiterima!.suara.paslon).toEqual(votes);
    expect(k.total!.suara.paslon).toEqual([votes[0]! - 10, votes[1], votes[2]]);
    // Paslon 1 alone changed: suara sah no longer equals the paslon sum, so the lock refuses and says where.
    const sah = cell.counts!.suara.sah;
    const broken = await r.refused('kabpleno.lock', { kecamatan: FINAL, pemilihan: 'bupati', pin: KETUA_PIN });
    const p = cell.counts!.suara.paslon;
    expect(broken.message).toContain(
      `TPS 001: Jumlah suara sah (${sah}) tidak sama dengan jumlah perolehan suara paslon (${p.join(' + ')} = ${sah - 10})`,
    );
    expect(broken.message).toMatch(/^Kecamatan Kecamatan 630214 belum dapat dikunci: Desa Hampang TPS 001: /);
    expect(kec(await state(), FINAL).lockBlockers).toHaveLength(1);
    await correctTps(tps, 'suara.sah', sah - 10);
    expect(kec(await state(), FINAL).lockBlockers[0]).toMatch(/Jumlah seluruh suara \(\d+\) tidak sama/);
    await correctTps(tps, 'suara.total', cell.counts!.suara.total - 10);
    const locked = await r.call<{ total: CHasilCounts; final: boolean }>('kabpleno.lock', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      pin: KETUA_PIN,
    });
    expect(locked.total.suara.paslon).toEqual([votes[0]! - 10, votes[1], votes[2]]);
    expect(locked.final).toBe(false); // 630201 is not locked
    v = await state();
    expect(v.model.final.reasons.join(' ')).toMatch(/1 kecamatan belum dikunci: Kecamatan 630201/);
    expect(v.model.totalTerkunci.suara.paslon).toEqual(locked.total.suara.paslon);

    // The trace of that TPS lists the kab/kota correction after the kecamatan's own.
    const trace = await r.call<PenerimaTrace>('penerima.trace', { kecamatan: FINAL, pemilihan: 'bupati', tps });
    expect(trace.koreksiKab[0]).toEqual(
      expect.objectContaining({ bidang: 'suara.paslon.0', dari: 105, menjadi: 95, disetujui: KETUA }),
    );
    expect(trace.koreksiKab.map((x) => x.bidang)).toEqual(['suara.paslon.0', 'suara.sah', 'suara.total']);
    // §5.2 stays the kecamatan's documents as received (docs/spec-readings.md).
    const recap = penerimaRecap(r.b.ctx.db)!;
    expect(recap.pemilihan.find((p) => p.id === 'bupati')!.total.suara.paslon).toEqual(votes);
    expect(verifyAudit(r.b.ctx.db).problems).toEqual([]);
  });

  it('a newer push of the kecamatan leaves the lock and corrections of the older one behind', async () => {
    await r.call('kabpleno.accept', { kecamatan: FINAL, pemilihan: 'bupati', keputusan: 'diterima', pin: KETUA_PIN });
    await r.call('kabpleno.lock', { kecamatan: FINAL, pemilihan: 'bupati', pin: KETUA_PIN });
    expect(kec(await state(), FINAL).locked).toBe(true);
    const again = await r.refused('kabpleno.proposeKoreksi', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      tps: '6302142001001',
      bidang: 'suara.paslon.0',
      menjadi: 95,
      dasar: 'salinan-saksi',
      alasan: 'Salinan saksi',
      oleh: ANGGOTA,
    });
    expect(again.code).toBe('LOCKED');
    await r.push(
      makePush(r.kec.final, {
        urutan: 2,
        sebelumnya: r.pushes.final.address,
        tamper: (d) => ((d.meta as { version: number }).version = 2),
      }),
    );
    const k = kec(await state(), FINAL);
    expect([k.urutan, k.locked, k.penerimaan]).toEqual([2, false, null]);
  });

  it('unlocks with a reason and the PIN; kejadian khusus are listed', async () => {
    await r.call('kabpleno.accept', { kecamatan: FINAL, pemilihan: 'bupati', keputusan: 'diterima', pin: KETUA_PIN });
    await r.call('kabpleno.lock', { kecamatan: FINAL, pemilihan: 'bupati', pin: KETUA_PIN });
    const noReason = await r.refused('kabpleno.unlock', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      alasan: '',
      pin: KETUA_PIN,
    });
    expect(noReason.message).toMatch(/Alasan membuka kunci/);
    await r.call('kabpleno.unlock', {
      kecamatan: FINAL,
      pemilihan: 'bupati',
      alasan: 'Saksi meminta pembacaan ulang',
      pin: KETUA_PIN,
    });
    await r.call('kabpleno.addKejadian', {
      kecamatan: null,
      pemilihan: null,
      pihak: 'KPU Kabupaten',
      uraian: 'Listrik padam 20 menit, sidang diskors',
      oleh: KETUA,
    });
    const v = await state();
    expect(kec(v, FINAL).kunci).toMatchObject({ aksi: 'buka', alasan: 'Saksi meminta pembacaan ulang' });
    expect(v.kejadian.map((x) => x.uraian)).toEqual(['Listrik padam 20 menit, sidang diskors']);
  });
});
