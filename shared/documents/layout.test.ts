// The pure layout model: column splitting with repeated headers, page counts and roles, labels from the domain's
// form labels, "Halaman x dari y", watermarks, signatures, NIHIL, F4 vs A4 and items kept inside the page.
import { describe, expect, it } from 'vitest';
import { formRows } from '../domain/labels';
import { formatNumber, formatTanggal, landscape, wrapText } from './format';
import { approximateMeasure as m, layoutDocument } from './layout';
import { sampleDHasil, sampleKejadian } from './sample-data';
import { splitColumns } from './table';
import type { DocumentLayout, LayoutItem, LayoutPage } from './types';

const HASH = 'c0ffee'.repeat(10) + 'abcd';
const texts = (p: LayoutPage) =>
  p.items.filter((i): i is Extract<LayoutItem, { t: 'text' }> => i.t === 'text').map((i) => i.text);
const allText = (l: DocumentLayout) => l.pages.flatMap(texts);

describe('splitColumns', () => {
  it.each([
    [1, 500, [1]],
    [10, 500, [10]],
    [11, 506, [11]],
    [12, 506, [6, 6]],
    [31, 546, [11, 10, 10]],
    [
      601,
      546,
      Array(55)
        .fill(0)
        .map((_, i) => (i < 601 - 55 * 10 ? 11 : 10)),
    ],
  ])('%i columns in %i pt → %j per page', (count, width, sizes) => {
    const groups = splitColumns(count, width);
    expect(groups.map((g) => g.length)).toEqual(sizes);
    expect(groups.flat()).toEqual(Array.from({ length: count }, (_, i) => i));
  });
});

describe('D.Hasil layout', () => {
  it('puts the hampang kecamatan on two table pages (8 pt text), two per desa attachment, then the signatures', () => {
    const data = sampleDHasil({ desa: 9, tpsPerDesa: 3 });
    const l = layoutDocument(data, HASH, m);
    expect(l.pages.map((p) => p.role)).toEqual([
      'kecamatan',
      'kecamatan',
      ...data.lampiran.flatMap((d) => [`lampiran:${d.kode}`, `lampiran:${d.kode}`]),
      'tanda-tangan',
    ]);
    const { w, h } = landscape('a4');
    for (const p of l.pages) expect([p.width, p.height]).toEqual([w, h]);
  });

  it('splits many desa across pages evenly, repeating the row labels and the column headers', () => {
    const data = sampleDHasil({ desa: 25, tpsPerDesa: 2 });
    const l = layoutDocument(data, HASH, m);
    const kec = l.pages.filter((p) => p.role === 'kecamatan');
    expect(kec.length).toBeGreaterThanOrEqual(2);
    // Every kecamatan page repeats the header columns No/Uraian/L/P and the column numbers; every column group
    // starts with section I.
    for (const p of kec) {
      const t = texts(p);
      expect(t).toContain('Uraian');
      expect(t).toContain('(1)');
      expect(t).toContain('(2)');
    }
    const firstPart = kec.filter((p) => texts(p).some((s) => s.includes('bagian 1/')));
    expect(firstPart.length).toBeGreaterThan(0);
    for (const p of firstPart) expect(texts(p)).toContain('Jumlah Pemilih dalam DPT');
    // The column numbers continue across column pages: (4) is the first desa, the total is the last number.
    const nums = kec.flatMap(texts).filter((s) => /^\(\d+\)$/.test(s));
    expect(nums).toContain(`(${data.recap.desa.length + 4})`);
    expect(nums).not.toContain(`(${data.recap.desa.length + 5})`);
    // "desa/kelurahan a–b dari n" counts desa only, never the JUMLAH column.
    // A title too long for one line is drawn as two consecutive items: they are joined back.
    const titles = kec
      .map(texts)
      .flatMap((t) => t.map((s, i) => (s.includes(' · bagian ') ? s : `${s} ${t[i + 1] ?? ''}`)))
      .filter((s) => s.startsWith('Rekapitulasi per desa/kelurahan ('));
    expect(titles).toHaveLength(kec.length);
    expect(titles.some((s) => s.includes(`dari ${data.recap.desa.length} dan jumlah kecamatan`))).toBe(true);
    expect(titles.some((s) => s.includes(`dari ${data.recap.desa.length + 1}`))).toBe(false);
    // Each desa name appears as a column header exactly once across the kecamatan pages; the total once, last.
    const headers = kec.flatMap(texts).join(' ');
    for (const d of data.recap.desa) expect(headers).toContain(d.nama);
    const last = texts(kec[kec.length - 1]!).join(' ');
    expect(last).toContain('KECAMATAN');
    expect(texts(kec[0]!).join(' ')).not.toContain('JUMLAH KECAMATAN');
  });

  it('a desa with 30 TPS gets its attachment split by columns, every TPS once', () => {
    const data = sampleDHasil({ desa: 2, tpsPerDesa: 30 });
    const l = layoutDocument(data, HASH, m);
    const lamp = l.pages.filter((p) => p.role === `lampiran:${data.lampiran[0]!.kode}`);
    expect(lamp.length).toBeGreaterThanOrEqual(3);
    const heads = lamp.flatMap(texts).filter((t) => /^TPS \d{3}$/.test(t));
    expect(new Set(heads).size).toBe(30);
    // Each TPS column appears equally often (once per row page of its column group).
    const counts = new Map<string, number>();
    for (const hd of heads) counts.set(hd, (counts.get(hd) ?? 0) + 1);
    expect(new Set(counts.values()).size).toBe(1);
  });

  it('shows every form row label of the domain and the values formatted with Indonesian separators', () => {
    const data = sampleDHasil({ desa: 3, tpsPerDesa: 2 });
    const t = allText(layoutDocument(data, HASH, m));
    for (const row of formRows(data.header.pilihan)) {
      const label = row.label.replace(/ \(.*$/, '');
      expect(t.some((s) => s.startsWith(label) || label.startsWith(s))).toBe(true);
    }
    // Formulas in the labels, as on the form.
    expect(t).toContain('Jumlah Pemilih (A.1+A.2+A.3)');
    expect(t).toContain('Jumlah Pengguna Hak Pilih (B.1+B.2+B.3)');
    expect(t).toContain('Jumlah Seluruh Suara Sah (A.1+A.2+A.3)');
    expect(t.some((s) => s.endsWith('(B+C)'))).toBe(true);
    expect(t).toContain(formatNumber(data.recap.total.suara.sah));
    expect(t).toContain(formatNumber(data.recap.total.pemilih.jumlah.l + data.recap.total.pemilih.jumlah.p));
  });

  it('numbers every page "Halaman x dari y" and prints id, version and data hash in every footer', () => {
    const data = sampleDHasil({ desa: 4, tpsPerDesa: 12 });
    const l = layoutDocument(data, HASH, m);
    l.pages.forEach((p, i) => {
      const t = texts(p);
      expect(t).toContain(`Halaman ${i + 1} dari ${l.pages.length}`);
      expect(t.some((s) => s.startsWith(`Dokumen ${data.meta.id} · versi ${data.meta.version} (DRAF)`))).toBe(true);
      expect(
        t.some((s) =>
          s.endsWith(`sidik data ${HASH.slice(0, 4)} ${HASH.slice(4, 8)} ${HASH.slice(8, 12)} ${HASH.slice(12, 16)}`),
        ),
      ).toBe(true);
      // A person's words, no command line, no full hash on the page (the QR holds it).
      expect(t.join(' ')).not.toMatch(/pleno verify|<berkas|SHA-256/);
      expect(t.some((s) => s.startsWith('Keaslian dapat diperiksa di aplikasi Pleno'))).toBe(true);
      // The paraf strip on every page but the signature page.
      if (p.role !== 'tanda-tangan') {
        expect(t).toContain('Paraf:');
        for (const who of ['Ketua PPK', 'Anggota PPK 1', 'Saksi Paslon 1']) expect(t).toContain(who);
      }
      expect(p.items.filter((i) => i.t === 'qr')).toEqual([
        expect.objectContaining({ text: `PLENO-DOC:${data.meta.id}:v1:${HASH}` }),
      ]);
    });
  });

  it('marks drafts DRAF and demo data SIMULASI, a real final neither', () => {
    const wm = (final: boolean, demo: boolean) =>
      layoutDocument(sampleDHasil({ final, demo }), HASH, m).pages[0]!.items.find((i) => i.t === 'watermark');
    expect(wm(false, true)).toEqual({ t: 'watermark', texts: ['DRAF', 'SIMULASI'], outline: true });
    expect(wm(true, true)).toEqual({ t: 'watermark', texts: ['SIMULASI'], outline: true });
    expect(wm(false, false)).toEqual({ t: 'watermark', texts: ['DRAF'], outline: true });
    expect(wm(true, false)).toBeUndefined();
  });

  it('signature page: place and date, PPK names, a saksi line per paslon with a refusal box, Panwaslu', () => {
    const data = sampleDHasil({ paslon: 3 });
    const sig = layoutDocument(data, HASH, m).pages.at(-1)!;
    const t = texts(sig);
    expect(t).toContain(`Hampang, ${formatTanggal(data.meta.issued)}`);
    expect(formatTanggal(data.meta.issued)).toBe('30 November 2024');
    for (const p of data.header.ppk) expect(t).toContain(p.nama);
    for (const p of data.header.pilihan) expect(t.join(' ')).toContain(p.nama.split(' ')[0]!);
    expect(t.filter((s) => s.startsWith('menolak menandatangani'))).toHaveLength(3);
    expect(t).toContain('PANWASLU KECAMATAN (menerima salinan)');
  });

  it('states the vote totals, the draft status and a reissue reason on the signature page', () => {
    const data = sampleDHasil({ missingEvery: 5 });
    data.meta.version = 2;
    data.meta.reason = 'Koreksi TPS 003 Desa Lasung';
    const t = texts(layoutDocument(data, HASH, m).pages.at(-1)!).join(' ');
    expect(t).toContain(formatNumber(data.recap.total.suara.paslon[0]!));
    expect(t).toContain('DRAF, bukan hasil final');
    expect(t).toContain(`${data.recap.tps.total - data.recap.tps.masuk} TPS belum masuk`);
    expect(t).toContain('Koreksi TPS 003 Desa Lasung');
  });

  it('a single-candidate election: the kolom kosong is a vote row but has no saksi line', () => {
    const data = sampleDHasil({ paslon: 2 });
    data.header.pilihan = [data.header.pilihan[0]!, { nomor: 2, nama: 'Kolom Kosong', kind: 'kolom-kosong' }];
    const l = layoutDocument(data, HASH, m);
    expect(l.pages.filter((p) => p.role === 'kecamatan').flatMap(texts)).toContain(
      'Suara Sah Kolom Kosong (Nomor Urut 2)',
    );
    expect(texts(l.pages.at(-1)!).filter((s) => s.startsWith('menolak menandatangani'))).toHaveLength(1);
  });

  it('shows a TPS without data as – in a draft', () => {
    const data = sampleDHasil({ desa: 2, tpsPerDesa: 3, missingEvery: 2 });
    const l = layoutDocument(data, HASH, m);
    expect(l.pages.filter((p) => p.role.startsWith('lampiran')).flatMap(texts)).toContain('–');
  });

  it('F4 pages are 215 × 330 mm landscape and keep every item inside the page', () => {
    for (const paper of ['a4', 'f4'] as const) {
      const l = layoutDocument(sampleDHasil({ desa: 14, tpsPerDesa: 17, paper }), HASH, m);
      const { w, h } = landscape(paper);
      if (paper === 'f4') expect([Math.round(w), Math.round(h)]).toEqual([935, 609]);
      for (const p of l.pages) {
        for (const i of p.items) {
          if (i.t === 'text') {
            const width = m.width(i.text, i.size, i.bold);
            const x0 = i.align === 'right' ? i.x - width : i.align === 'center' ? i.x - width / 2 : i.x;
            expect(x0).toBeGreaterThanOrEqual(0);
            expect(x0 + width).toBeLessThanOrEqual(p.width + 0.5);
            expect(i.y).toBeGreaterThan(0);
            expect(i.y).toBeLessThan(p.height);
          }
        }
      }
    }
  });
});

describe('D.Kejadian Khusus layout', () => {
  it('prints NIHIL when there was nothing, with signatures on the same page', () => {
    const l = layoutDocument(sampleKejadian(0), HASH, m);
    expect(l.pages).toHaveLength(1);
    expect(texts(l.pages[0]!)).toContain('NIHIL');
    expect(texts(l.pages[0]!)).toContain('Muhammad Ridwan');
  });

  it('numbers the entries and flows them over pages, with time, place, who, what and resolution', () => {
    const data = sampleKejadian(40);
    const l = layoutDocument(data, HASH, m);
    expect(l.pages.length).toBeGreaterThan(2);
    const t = allText(l);
    for (let i = 1; i <= 40; i++) expect(t).toContain(`${i}.`);
    expect(t).toContain('Panwaslu Kecamatan');
    expect(t).toContain('Belum diselesaikan');
    expect(t.some((s) => s.startsWith('29 November 2024'))).toBe(true);
    expect(t).not.toContain('NIHIL');
    // Column headers repeat on every list page (the 40 entries fill more than one).
    const daftar = l.pages.filter((p) => p.role === 'daftar');
    expect(daftar.length).toBeGreaterThan(1);
    for (const p of daftar) expect(texts(p)).toContain('Penyelesaian');
  });
});

describe('format helpers', () => {
  it('formats numbers and wraps text', () => {
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(1234567)).toBe('1.234.567');
    const lines = wrapText('Jumlah Surat Suara yang Tidak Digunakan (termasuk sisa cadangan)', 80, 7, m);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Jumlah Surat Suara yang Tidak Digunakan (termasuk sisa cadangan)');
  });
});
