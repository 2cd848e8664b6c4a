// The kab/kota documents drawn by the kecamatan documents' frame, tables and signature block with the kab/kota level's
// data (shared/documents/level.ts), read back from real PDFs with pdftotext: long page titles printed whole on A4 and
// F4 (they were once cut with "…"), the KPU members and saksi initialling every table page, the KPU members and saksi
// signing with Bawaslu receiving the copy, the footer naming the KPU kab/kota as signer; the PDFs verify.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KabKejadianData } from '../../../../../../shared/documents/kabko-types';
import { approximateMeasure, layoutDocument } from '../../../../../../shared/documents/layout';
import { KOTABARU_KECAMATAN, sampleKabDHasil } from '../../../../../../shared/documents/sample-data';
import { generateKeyPair, signBytes } from '../../../crypto';
import { buildSignedPdf, signerFingerprint, type DocumentSigner } from '../../documents/signed-pdf';
import { verifyPdf } from '../../documents/verify-pdf';

const kp = generateKeyPair();
const signer: DocumentSigner = { publicKey: kp.publicKey, sign: (b) => signBytes(b, kp.privateKey) };
const dir = mkdtempSync(path.join(tmpdir(), 'pleno-kab-layout-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text of each page, whitespace collapsed. */
function pages(bytes: Uint8Array): string[] {
  const f = path.join(dir, `d-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(f, bytes);
  const out = execFileSync('pdftotext', ['-enc', 'UTF-8', f, '-'], { encoding: 'utf8' });
  return out
    .split('\f')
    .slice(0, -1)
    .map((s) => s.replace(/\s+/g, ' '));
}

describe('kab/kota documents in the one frame', () => {
  it.each(['a4', 'f4'] as const)(
    'D.Hasil Kabupaten/Kota on %s: whole titles, KPU paraf and signatures',
    async (paper) => {
      const data = sampleKabDHasil({ paper, kecamatan: 4, desa: 14 });
      data.meta.signer = signerFingerprint(signer);
      // The longest title does not fit beside the wilayah line: it takes two lines in the layout.
      const layout = layoutDocument(data, 'ab'.repeat(32), approximateMeasure);
      const titleLines = (p: (typeof layout.pages)[number]) =>
        p.items.filter((i) => i.t === 'text' && i.bold && i.align === 'right' && i.size === 8 && i.y > p.height - 75);
      expect(layout.pages.some((p) => titleLines(p).length === 2)).toBe(true);

      const pdf = await buildSignedPdf(data, signer);
      const text = pages(pdf.bytes);
      expect(text.join(' ')).not.toContain('…');
      for (const [kode, nama] of KOTABARU_KECAMATAN) {
        const titled = text.filter((t) => t.includes(`Lampiran Kecamatan ${nama} `));
        expect(titled.length).toBeGreaterThan(0);
        const k = `63\\.02\\.${kode.slice(4)}`;
        for (const t of titled)
          expect(t).toMatch(
            new RegExp(
              `Lampiran Kecamatan ${nama} \\(${k}\\): (desa \\d+–\\d+ dari 14( dan jumlah kecamatan)?|jumlah kecamatan) · bagian \\d+/\\d+`,
            ),
          );
      }
      const tables = text.slice(0, -1);
      for (const t of tables) {
        for (const who of ['Paraf:', 'Ketua KPU', 'Anggota KPU 1', 'Saksi Paslon 1', 'Saksi Paslon 3'])
          expect(t).toContain(who);
        expect(t).toContain('data bertanda tangan KPU kabupaten/kota di dalam berkas PDF ini');
      }
      const sign = text.at(-1)!;
      expect(sign).toContain('KOMISI PEMILIHAN UMUM KOTABARU');
      for (const who of ['Rusdiansyah Noor', 'Fitriani Hasanah', 'Ketua', 'Anggota']) expect(sign).toContain(who);
      expect(sign).toContain('SAKSI PASANGAN CALON');
      expect(sign).toContain('Ahmad Fauzi – Siti Rahmah');
      expect(sign).toContain('menolak menandatangani; alasan:');
      expect(sign).toContain('BAWASLU KOTABARU (menerima salinan)');
      expect(sign).toContain('Anggota KPU atau saksi yang hadir tetapi tidak bersedia menandatangani');
      expect(sign).toContain('dari 4 kecamatan, dan ditandatangani oleh ketua dan anggota KPU Kotabaru');
      expect(await verifyPdf(pdf.bytes)).toMatchObject({ valid: true, problems: [] });
    },
  );

  it('D.Kejadian Khusus Kabupaten/Kota: NIHIL at the kab/kota level, then a list with the kab/kota kinds', async () => {
    const d = sampleKabDHasil();
    const base: KabKejadianData = {
      format: d.format,
      meta: { ...d.meta, id: 'DKEJADIANKAB-6302-bupati', kind: 'kejadian-kabko', signer: signerFingerprint(signer) },
      header: d.header,
      entries: [],
    };
    const nihil = pages((await buildSignedPdf(base, signer)).bytes).join(' ');
    expect(nihil).toContain('CATATAN KEJADIAN KHUSUS DAN/ATAU KEBERATAN SAKSI DALAM REKAPITULASI');
    expect(nihil).toContain('DI TINGKAT KABUPATEN/KOTA');
    expect(nihil).toContain('NIHIL');
    expect(nihil).toContain('selama rapat pleno rekapitulasi di kabupaten/kota.');
    expect(nihil).toContain('rapat pleno terbuka rekapitulasi Komisi Pemilihan Umum Kotabaru (0 catatan)');
    const entry = {
      waktu: '2024-12-05T09:00:00+08:00',
      tempat: 'Kecamatan Hampang',
      pihak: 'KPU Kabupaten/Kota',
      jenis: 'penerimaan' as const,
      uraian: 'Hasil kecamatan tidak dapat diterima pleno: segel kotak rusak',
      penyelesaian: 'Diputuskan Rusdiansyah Noor',
    };
    const listed = { ...base, entries: [entry] };
    const pdf = await buildSignedPdf(listed, signer);
    const text = pages(pdf.bytes).join(' ');
    expect(text).toMatch(/No Waktu Kecamatan Pihak Jenis/);
    expect(text).toContain('Penerimaan hasil');
    expect(text).toContain('BAWASLU KOTABARU (menerima salinan)');
    expect(await verifyPdf(pdf.bytes)).toMatchObject({ valid: true, problems: [] });
  });
});
