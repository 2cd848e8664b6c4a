// R14/R15 warnings marked in the cells they are about (DocPeringatan.bidang), read back from a real PDF by position
// (pdftotext -bbox, tests/support/pdf-cells.ts): "◆ 200" stands at that form row and side, in that TPS's column,
// and nowhere else in the table; the column heading keeps its ◆ and the warnings are listed under the table. An R16
// warning (a photo) marks only its heading. Documents issued before `bidang` existed keep their pages
// (shared/documents/layout-bytes.test.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatNumber } from '../../../../../shared/documents/format';
import { sampleDHasil } from '../../../../../shared/documents/sample-data';
import { getCount } from '../../../../../shared/domain/labels';
import { cellWords, pdfWords, tpsHeadings, type Word } from '../../../../../tests/support/pdf-cells';
import { generateKeyPair, signBytes } from '../../crypto';
import { crossWarnings } from './document-data';
import { buildSignedPdf, signerFingerprint, type DocumentSigner } from './signed-pdf';
import { verifyPdf } from './verify-pdf';

const kp = generateKeyPair();
const signer: DocumentSigner = { publicKey: kp.publicKey, sign: (b) => signBytes(b, kp.privateKey) };
const dir = mkdtempSync(path.join(tmpdir(), 'pleno-warning-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = (ws: Word[]) => ws.map((w) => w.text).join(' ');

describe('R14/R15 warnings marked per cell in the D.Hasil', () => {
  it.each(['a4', 'f4'] as const)(
    '%s: the mark sits at the row and column of each cell a warning is about',
    async (paper) => {
      const data = sampleDHasil({ desa: 2, tpsPerDesa: 4, paper, seed: 5 });
      data.meta.signer = signerFingerprint(signer);
      const tps = data.lampiran[0]!.tps;
      // The read model's violations as the documents service turns them into `peringatan`.
      tps[1]!.peringatan = crossWarnings(
        [
          { code: 'R14', severity: 'warning', fields: ['pemilih.dpt.l'], message: 'DPT L berbeda dengan gubernur' },
          {
            code: 'R15',
            severity: 'warning',
            fields: ['pemilih.dptb.p', 'pengguna.dptb.p'],
            message: 'Pemilih DPTb perempuan tidak sama dengan pengguna DPTb perempuan',
          },
          // R17 is about the record's time, not a count: listed, no cell marked.
          { code: 'R17', severity: 'warning', fields: ['dibuat'], message: 'Dibuat di luar masa pemilihan' },
        ],
        3,
      );
      tps[3]!.peringatan = crossWarnings(
        [{ code: 'R16', severity: 'warning', fields: [], message: 'Foto lembar 3 sama dengan foto TPS lain' }],
        3,
      );
      expect(tps[1]!.peringatan.map((w) => w.bidang)).toEqual([
        ['pemilih.dpt.l'],
        ['pemilih.dptb.p', 'pengguna.dptb.p'],
        undefined,
      ]);
      expect(tps[3]!.peringatan).toEqual([{ kode: 'R16', pesan: 'Foto lembar 3 sama dengan foto TPS lain' }]);

      const pdf = await buildSignedPdf(data, signer);
      const file = path.join(dir, `d-hasil-${paper}.pdf`);
      writeFileSync(file, pdf.bytes);
      expect(await verifyPdf(pdf.bytes)).toMatchObject({ valid: true, problems: [] });
      const desa = data.lampiran[0]!.nama;
      const pages = pdfWords(file).filter((ws) => text(ws).includes(`Lampiran Desa/Kelurahan ${desa} `));
      // Every cell the warnings name, on the lampiran page(s) holding section I.
      const page = pages.find((ws) => ws.some((w) => w.text === 'A.1'))!;
      expect(tpsHeadings(page).map((h) => h.nomor)).toEqual(['001', '002', '003', '004']);
      const counts = tps[1]!.counts!;
      const marked: [string, 'L' | 'P', string][] = [
        ['A.1', 'L', 'pemilih.dpt.l'],
        ['A.3', 'P', 'pemilih.dptb.p'],
        ['B.3', 'P', 'pengguna.dptb.p'],
      ];
      for (const [no, side, p] of marked)
        expect(text(cellWords(page, no, side, '002')), `${no} ${side}`).toBe(`◆ ${formatNumber(getCount(counts, p))}`);
      // Its neighbours are plain: the other side and the Jml line of the same row, the same cell of the other TPS.
      for (const [no, side, nomor] of [
        ['A.1', 'P', '002'],
        ['A.1', 'Jml', '002'],
        ['A.3', 'L', '002'],
        ['A.1', 'L', '001'],
        ['A.1', 'L', '003'],
        ['A.1', 'L', '004'],
        ['A.3', 'P', '004'],
      ] as const)
        expect(text(cellWords(page, no, side, nomor)), `${no} ${side} TPS ${nomor}`).toMatch(/^[\d.]+$/);
      // On the whole page: the two headings, the three cells, and the list under the table; nothing else.
      const diamonds = page.filter((w) => w.text === '◆');
      expect(diamonds.length).toBe(2 + 3 + 1);
      const all = text(page);
      expect(all).toContain('TPS 002 ◆');
      expect(all).toContain('TPS 004 ◆');
      expect(all).toContain('◆ Peringatan pemeriksaan silang (R14–R17):');
      expect(all).toContain('TPS 002 · R17 Dibuat di luar masa pemilihan');
      expect(all).toContain('TPS 002 · R14 DPT L berbeda dengan gubernur');
      expect(all).toContain('TPS 004 · R16 Foto lembar 3 sama dengan foto TPS lain');
    },
  );
});
