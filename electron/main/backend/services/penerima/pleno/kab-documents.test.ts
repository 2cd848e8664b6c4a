// D.Hasil Kabupaten/Kota-KWK and its D.Kejadian Khusus from a real receiver database (docs/receiver-plenary.md): issued
// through the contract and by `pleno penerima dokumen`, read back with pdftotext (every kecamatan cell of the paslon
// rows against sums computed here from the pushed kecamatan data, the kab/kota correction applied), verified by
// `pleno verify --db` (signature, pages, and each kecamatan column's trace to its push), a final only once every
// kecamatan is locked.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KabDokumenView, KabPlenoView } from '../../../../../../shared/contracts/kabpleno.contract';
import type { CHasilCounts } from '../../../../../../shared/domain/model';
import { formatNumber } from '../../../../../../shared/documents/format';
import { ANGGOTA, KETUA_PIN, startKabReceiver, type KabReceiver } from '../../../../../../tests/support/kab-receiver';
import { makePush, type Push } from '../../../../../../tests/support/push-fixture';

const root = fileURLToPath(new URL('../../../../../../', import.meta.url));
const pleno = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/pleno.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const text = (pdf: string) => spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;

let r: KabReceiver;
beforeEach(async () => {
  r = await startKabReceiver();
});
afterEach(async () => {
  await r.close();
});

/** Per paslon, the sum over the TPS of a push's D.Hasil, computed here from the pushed data. */
function votes(p: Push): number[] {
  const doc = (p.dHasil as { payload: { lampiran: { tps: { counts: CHasilCounts }[] }[] } }).payload;
  const out = [0, 0, 0];
  for (const d of doc.lampiran) for (const t of d.tps) t.counts.suara.paslon.forEach((v, i) => (out[i]! += v));
  return out;
}

function sahOf(p: Push): number {
  const doc = (p.dHasil as { payload: { lampiran: { tps: { counts: CHasilCounts }[] }[] } }).payload;
  return doc.lampiran.flatMap((d) => d.tps).reduce((s, t) => s + t.counts.suara.sah, 0);
}

/** The numbers at the end of the first line that names the paslon's row (IV.A.n, "Nomor Urut n"). */
function paslonRow(page: string, nomor: number): number[] {
  const line = page.split('\n').find((l) => l.includes(`Nomor Urut ${nomor}`) || l.includes(`Paslon ${nomor} (`))!;
  return [...line.matchAll(/(?<![\w.])\d{1,3}(?:\.\d{3})*(?![\w.])/g)].map((m) => Number(m[0].replace(/\./g, '')));
}

async function correctAndLockFinal(): Promise<void> {
  await r.call('kabpleno.accept', { kecamatan: '630214', pemilihan: 'bupati', keputusan: 'diterima', pin: KETUA_PIN });
  await r.call('kabpleno.proposeKoreksi', {
    kecamatan: '630214',
    pemilihan: 'bupati',
    tps: '6302142001001',
    bidang: 'suara.paslon.0',
    menjadi: 95,
    dasar: 'salinan-saksi',
    alasan: 'Salinan saksi dan Panwaslu sama-sama 95',
    oleh: ANGGOTA,
  });
  const v = await r.call<KabPlenoView>('kabpleno.state', { pemilihan: 'bupati' });
  const k = v.model.kecamatan.find((x) => x.kode === '630214')!;
  await r.call('kabpleno.decideKoreksi', {
    id: k.koreksi[0]!.id,
    pemilihan: 'bupati',
    keputusan: 'disetujui',
    pin: KETUA_PIN,
  });
  // Suara sah and the total follow, or the lock refuses the broken sums.
  const { suara } = k.desa[0]!.tps[0]!.counts!;
  for (const [bidang, menjadi] of [
    ['suara.sah', suara.sah - 10],
    ['suara.total', suara.total - 10],
  ] as const) {
    const { id } = await r.call<{ id: number }>('kabpleno.proposeKoreksi', {
      kecamatan: '630214',
      pemilihan: 'bupati',
      tps: '6302142001001',
      bidang,
      menjadi,
      dasar: 'salinan-saksi',
      alasan: 'Menyesuaikan jumlah',
      oleh: ANGGOTA,
    });
    await r.call('kabpleno.decideKoreksi', { id, pemilihan: 'bupati', keputusan: 'disetujui', pin: KETUA_PIN });
  }
  await r.call('kabpleno.lock', { kecamatan: '630214', pemilihan: 'bupati', pin: KETUA_PIN });
}

describe('D.Hasil Kabupaten/Kota-KWK', () => {
  it('a draft: one column per kecamatan and JUMLAH, numbers as summed here with the correction, verified with --db', async () => {
    await correctAndLockFinal();
    const final = refusedFinal(
      await r.refused('kabpleno.issue', { kind: 'd-hasil-kabko', pemilihan: 'bupati', final: true }),
    );
    expect(final).toMatch(/1 kecamatan belum dikunci: Kecamatan 630201/);
    const doc = await r.call<KabDokumenView>('kabpleno.issue', { kind: 'd-hasil-kabko', pemilihan: 'bupati' });
    expect([doc.docId, doc.version, doc.final]).toEqual(['DHASILKAB-6302-bupati', 1, false]);
    const file = await r.call<{ base64: string }>('kabpleno.file', { id: doc.id });
    const pdf = join(r.dir, 'dhasil-kab.pdf');
    writeFileSync(pdf, Buffer.from(file.base64, 'base64'));

    const a = votes(r.pushes.draf); // 630201, first in master order
    const b = votes(r.pushes.final); // 630214, TPS 001 paslon 1 corrected 105 → 95
    b[0]! -= 10;
    const pages = text(pdf).split('\f');
    expect(pages[0]).toContain('MODEL D.HASIL KABUPATEN/KOTA-KWK');
    expect(pages[0]).toMatch(/Kecamatan 630201\s+Kecamatan 630214\s+JUMLAH KOTABARU/);
    const kab = pages.filter((p) => p.includes('Rekapitulasi per kecamatan')).join('\n');
    for (const i of [0, 1, 2]) expect(paslonRow(kab, i + 1).slice(-3)).toEqual([a[i], b[i], a[i]! + b[i]!]);
    // A lampiran per kecamatan by desa: 630214's first desa holds the corrected TPS.
    const lampiran = pages.filter((p) => p.includes('Lampiran Kecamatan Kecamatan 630214')).join('\n');
    expect(lampiran).toContain('Hampang');
    expect(paslonRow(lampiran, 1).at(-1)).toBe(b[0]);
    const last = pages.at(-2)!.replace(/\s+/g, ' ');
    expect(last).toContain('KOMISI PEMILIHAN UMUM KOTABARU');
    // Suara sah and the total were corrected with paslon 1 (the lock refuses a broken sum), so nothing is marked ▲.
    const sah = sahOf(r.pushes.draf) + sahOf(r.pushes.final) - 10;
    expect(last).toContain(`Jumlah suara sah ${formatNumber(sah)}`);
    expect(kab).not.toContain('Tidak sesuai rumus');
    expect(last).toContain('DRAF, bukan hasil final: 1 dari 2 kecamatan sudah dikunci');

    await r.closeDb();
    const v = pleno('verify', '--db', join(r.dir, 'kotabaru.db'), pdf);
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('sah — DHASILKAB-6302-bupati versi 1 DRAF');
    expect(v.stdout).toContain('jejak Kecamatan Kecamatan 630214: cocok (kiriman urutan 1');
    expect(v.stdout).toContain('3 koreksi kabupaten/kota)');
    // One byte of the file changed: not valid any more.
    const bytes = readFileSync(pdf);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    const edited = join(r.dir, 'ubah.pdf');
    writeFileSync(edited, bytes);
    expect(pleno('verify', '--db', join(r.dir, 'kotabaru.db'), edited).status).toBe(1);
  });

  it('a final once every kecamatan is locked, by `pleno penerima dokumen`; its D.Kejadian lists the correction', async () => {
    await correctAndLockFinal();
    await r.push(
      makePush(r.kec.draf, {
        urutan: 2,
        sebelumnya: r.pushes.draf.address,
        tamper: (d) => ((d.meta as { version: number }).version = 2),
      }),
    );
    await r.call('kabpleno.accept', {
      kecamatan: '630201',
      pemilihan: 'bupati',
      keputusan: 'diterima',
      pin: KETUA_PIN,
    });
    await r.call('kabpleno.lock', { kecamatan: '630201', pemilihan: 'bupati', pin: KETUA_PIN });
    await r.closeDb();
    const db = join(r.dir, 'kotabaru.db');
    const out = join(r.dir, 'final.pdf');
    const issued = pleno(
      'penerima',
      'dokumen',
      'd-hasil',
      '--db',
      db,
      '--pemilihan',
      'bupati',
      '--final',
      '--out',
      out,
    );
    expect(issued.stderr).toBe('');
    expect(issued.stdout).toMatch(/^DHASILKAB-6302-bupati versi 1 FINAL: \d+ halaman/);
    expect(text(out)).not.toContain('DRAF, bukan hasil final');
    const kej = join(r.dir, 'kejadian.pdf');
    expect(
      pleno('penerima', 'dokumen', 'kejadian-khusus', '--db', db, '--pemilihan', 'bupati', '--out', kej).status,
    ).toBe(0);
    const k = text(kej).replace(/\s+/g, ' ');
    expect(k).toContain('Koreksi IV.A.1 Suara Sah Paslon Nomor Urut 1 (E – F)');
    expect(k).toContain('105 → 95');
    const v = pleno('verify', '--db', db, out, kej);
    expect([v.status, v.stderr]).toEqual([0, '']);
    expect(v.stdout).toContain('jejak: semua cocok — 2 kecamatan dengan sumber');
  });
});

function refusedFinal(e: { message: string }): string {
  return e.message;
}
