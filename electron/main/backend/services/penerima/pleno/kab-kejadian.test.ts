// Kejadian khusus of the kab/kota plenary declared settled (docs/receiver-plenary.md), as the kecamatan level does:
// through the contract on a real receiver database, recorded by a KPU member with how it was settled, once only,
// audited, shown on the screen's state and printed as its penyelesaian on the D.Kejadian Khusus Kabupaten/Kota
// (read back with pdftotext).
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KabDokumenView, KabPlenoView } from '../../../../../../shared/contracts/kabpleno.contract';
import { ANGGOTA, startKabReceiver, type KabReceiver } from '../../../../../../tests/support/kab-receiver';
import { verifyAudit } from '../../../repositories/audit-verify';

let r: KabReceiver;
beforeEach(async () => {
  r = await startKabReceiver();
});
afterEach(async () => {
  await r.close();
});

const state = () => r.call<KabPlenoView>('kabpleno.state', { pemilihan: 'bupati' });

describe('kab/kota kejadian khusus declared settled', () => {
  it('once, by a member, with how; listed on the state; audited; printed as its penyelesaian', async () => {
    const { id } = await r.call<{ id: number }>('kabpleno.addKejadian', {
      kecamatan: null,
      pemilihan: 'bupati',
      pihak: 'Bawaslu Kabupaten/Kota',
      uraian: 'Listrik padam 20 menit, sidang diskors',
      oleh: ANGGOTA,
    });
    expect((await state()).kejadian.map((k) => k.selesai)).toEqual([null]);

    const short = await r.refused('kabpleno.closeKejadian', { id, catatan: ' ', oleh: ANGGOTA });
    expect([short.code, short.message]).toEqual(['INVALID_INPUT', 'Tulis bagaimana kejadian ini diselesaikan.']);
    const stranger = await r.refused('kabpleno.closeKejadian', { id, catatan: 'Genset menyala', oleh: 'Orang Lain' });
    expect(stranger.message).toMatch(/Orang Lain/);
    const missing = await r.refused('kabpleno.closeKejadian', { id: id + 99, catatan: 'Genset', oleh: ANGGOTA });
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', 'Kejadian khusus tidak ditemukan.']);

    await r.call('kabpleno.closeKejadian', {
      id,
      catatan: 'Genset menyala; rapat dilanjutkan pukul 14.20',
      oleh: ANGGOTA,
    });
    const k = (await state()).kejadian[0]!;
    expect(k.selesai).toMatchObject({ catatan: 'Genset menyala; rapat dilanjutkan pukul 14.20', oleh: ANGGOTA });
    const again = await r.refused('kabpleno.closeKejadian', { id, catatan: 'Lagi', oleh: ANGGOTA });
    expect([again.code, again.message]).toEqual(['CONFLICT', 'Kejadian khusus ini sudah dinyatakan selesai.']);

    const audit = r.b.ctx.db.prepare("SELECT action, actor FROM audit WHERE entity = 'kab_kejadian_selesai'").all() as {
      action: string;
      actor: string;
    }[];
    expect(audit).toEqual([{ action: 'kab.kejadian.selesai', actor: ANGGOTA }]);
    expect(verifyAudit(r.b.ctx.db).problems).toEqual([]);

    const doc = await r.call<KabDokumenView>('kabpleno.issue', { kind: 'kejadian-kabko', pemilihan: 'bupati' });
    const file = await r.call<{ base64: string }>('kabpleno.file', { id: doc.id });
    const pdf = join(r.dir, 'kejadian.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain('Listrik padam 20 menit');
    expect(text).toMatch(/Genset menyala; rapat dilanjutkan pukul 14\.20 \(Fitriani/);
  });
});
