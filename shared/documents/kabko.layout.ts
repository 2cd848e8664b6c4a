// Layout of Model D.Hasil Kabupaten/Kota-KWK (docs/receiver-plenary.md): the opening paragraph, the kab/kota table
// (one column per kecamatan + JUMLAH), an attachment per kecamatan (one column per desa + the kecamatan total), the
// paraf strip on each page, and the signature page of the KPU kab/kota members and saksi. The tables are the
// kecamatan documents' own (formTable, layoutTable): the same rows, marks and column pages. Pure: data in, pages out.
import { fieldLabel } from '../domain/labels';
import { formatKode, type CHasilCounts, type Pilihan } from '../domain/model';
import { formTable } from './d-hasil.layout';
import { formatNumber, landscape, wrapText } from './format';
import { formulaFailures } from './formula';
import { FOOTER_H, HEADER_H, MARGIN_X, PARAF_H, reissueNote } from './frame';
import { finishKabPages, kabHeaderItems, kabParafItems, kabSignatureItems, type KabFrame } from './kabko-frame';
import type { KabDHasilData } from './kabko-types';
import { MARK, layoutTable, type TableSpec } from './table';
import { padaHariIni } from './terbilang';
import type { DocMeta, DocumentLayout, LayoutItem, LayoutPage, TextMeasure } from './types';

const NOTE_FONT = 8;
const NOTE_LH = 10;
const INTRO_FONT = 9;
const INTRO_LH = 11.5;

export function kabFrameOf(data: KabDHasilData, dataSha256: string): KabFrame {
  return {
    meta: data.meta,
    header: data.header,
    dataSha256,
    formTitle: 'MODEL D.HASIL KABUPATEN/KOTA-KWK',
    formSubtitle:
      'BERITA ACARA DAN SERTIFIKAT REKAPITULASI HASIL PENGHITUNGAN PEROLEHAN SUARA DI TINGKAT KABUPATEN/KOTA',
  };
}

export function kabOpeningText(data: KabDHasilData): string {
  const h = data.header;
  return (
    `${padaHariIni(data.meta.issued)}, Komisi Pemilihan Umum ${h.kabkota.nama} melaksanakan rapat pleno terbuka ` +
    `rekapitulasi hasil penghitungan perolehan suara ${h.pemilihan.nama} di tingkat kabupaten/kota, dihadiri saksi ` +
    `pasangan calon dan Bawaslu ${h.kabkota.nama}, dengan hasil sebagai berikut:`
  );
}

/** The form row of a failing total, as the kecamatan D.Hasil names it ("IV.B Jumlah suara sah L"). */
const TOTAL_ROWS: Record<string, string> = {
  'pemilih.jumlah': 'I.A.4 Jumlah pemilih',
  'pengguna.jumlah': 'I.B.4 Jumlah pengguna hak pilih',
  'suara.sah': 'IV.B Jumlah suara sah',
  'suara.total': 'IV.D Jumlah seluruh suara',
};
function failureName(path: string, pilihan: readonly Pilihan[]): string {
  const side = /\.(l|p)$/.exec(path)?.[1];
  const base = side ? path.slice(0, -2) : path;
  return TOTAL_ROWS[base] ? `${TOTAL_ROWS[base]}${side ? ` ${side.toUpperCase()}` : ''}` : fieldLabel(path, pilihan);
}

/** "▲ Tidak sesuai rumus …: Hampang · IV.B …" lines for the failing cells of the given columns. */
function noteLines(
  pilihan: readonly Pilihan[],
  columns: string[],
  values: (CHasilCounts | null)[],
  cols: number[],
  w: number,
  m: TextMeasure,
) {
  const notes: string[] = [];
  for (const c of cols) {
    const v = values[c];
    if (!v) continue;
    for (const f of formulaFailures(v))
      notes.push(
        `${columns[c]} · ${failureName(f.path, pilihan)}: tertulis ${formatNumber(f.written)}, ${f.formula} = ${formatNumber(f.expected)}`,
      );
  }
  if (notes.length === 0) return [];
  return wrapText(`${MARK} Tidak sesuai rumus (angka dicetak seperti diterima): ${notes.join('; ')}.`, w, NOTE_FONT, m);
}

interface TableInput {
  data: KabDHasilData;
  frame: KabFrame;
  spec: TableSpec;
  values: (CHasilCounts | null)[];
  role: string;
  title: (cols: number[], part: number, parts: number) => string;
  intro?: string[];
  m: TextMeasure;
}

function tablePages(t: TableInput): LayoutPage[] {
  const { w, h } = landscape(t.data.meta.paper);
  const top = h - HEADER_H;
  const noteW = w - 2 * MARGIN_X;
  const introH = t.intro ? t.intro.length * INTRO_LH + 4 : 0;
  const pages = layoutTable(t.spec, w, top, FOOTER_H + PARAF_H + 8, t.m, {
    firstPageDrop: introH,
    reserve: (cols) => {
      const n = noteLines(t.data.header.pilihan, t.spec.columns, t.values, cols, noteW, t.m).length;
      return n > 0 ? n * NOTE_LH + 8 : 0;
    },
  });
  return pages.map((tp, i) => {
    const items: LayoutItem[] = [...kabHeaderItems(t.frame, w, h, t.title(tp.columns, i + 1, pages.length), t.m)];
    if (i === 0 && t.intro)
      t.intro.forEach((line, k) =>
        items.push({ t: 'text', x: MARGIN_X, y: top - 2 - (k + 1) * INTRO_LH + 3, size: INTRO_FONT, text: line }),
      );
    items.push(...tp.items);
    // Notes once per column group, on its last row page.
    const lastOfGroup = i === pages.length - 1 || pages[i + 1]!.columns[0] !== tp.columns[0];
    if (lastOfGroup)
      noteLines(t.data.header.pilihan, t.spec.columns, t.values, tp.columns, noteW, t.m).forEach((line, k) =>
        items.push({ t: 'text', x: MARGIN_X, y: tp.bottomY - 12 - k * NOTE_LH, size: NOTE_FONT, text: line }),
      );
    items.push(...kabParafItems(t.data.header, w));
    return { width: w, height: h, role: t.role, items };
  });
}

function range(cols: number[], n: number, unit: string, total: string): string {
  const inner = cols.filter((c) => c < n);
  const parts: string[] = [];
  if (inner.length > 0) parts.push(`${unit} ${inner[0]! + 1}–${inner[inner.length - 1]! + 1} dari ${n}`);
  if (cols.includes(n)) parts.push(total);
  return parts.join(' dan ');
}

export function layoutKabDHasil(data: KabDHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const { w, h } = landscape(data.meta.paper);
  const frame = kabFrameOf(data, dataSha256);
  const kab = data.header.kabkota.nama;
  const n = data.recap.kecamatan.length;
  const values = [...data.recap.kecamatan.map((k) => k.total), data.recap.total];
  const columns = [...data.recap.kecamatan.map((k) => k.nama), `JUMLAH ${kab.toUpperCase()}`];
  const pages: LayoutPage[] = tablePages({
    data,
    frame,
    m,
    role: 'kabkota',
    spec: formTable(data.header.pilihan, columns, values),
    values,
    intro: wrapText(kabOpeningText(data), w - 2 * MARGIN_X, INTRO_FONT, m),
    title: (cols, part, parts) =>
      `Rekapitulasi per kecamatan (${range(cols, n, 'kecamatan', 'jumlah kabupaten/kota')}) · bagian ${part}/${parts}`,
  });
  for (const kec of data.lampiran) {
    const total = data.recap.kecamatan.find((k) => k.kode === kec.kode)?.total ?? null;
    const v = [...kec.desa.map((d) => d.total), total];
    const cols = [...kec.desa.map((d) => d.nama), 'JUMLAH KECAMATAN'];
    pages.push(
      ...tablePages({
        data,
        frame,
        m,
        role: `lampiran:${kec.kode}`,
        spec: formTable(data.header.pilihan, cols, v),
        values: v,
        title: (c, part, parts) =>
          `Lampiran Kecamatan ${kec.nama} (${formatKode(kec.kode)}): ` +
          `${range(c, kec.desa.length, 'desa', 'jumlah kecamatan')} · bagian ${part}/${parts}`,
      }),
    );
  }
  pages.push({
    width: w,
    height: h,
    role: 'tanda-tangan',
    items: [
      ...kabHeaderItems(frame, w, h, 'Pengesahan', m),
      ...kabSignatureItems(data.header, data.meta, w, h - HEADER_H, kabClosingText(data), m),
    ],
  });
  return { pages: finishKabPages(pages, frame, m) };
}

function kabClosingText(data: KabDHasilData): string {
  const kab = data.header.kabkota.nama;
  const s = data.recap.total.suara;
  const perolehan = data.header.pilihan
    .map(
      (p, i) =>
        `${p.kind === 'kolom-kosong' ? 'Kolom kosong' : `Paslon ${p.nomor} (${p.nama})`} ${formatNumber(s.paslon[i] ?? 0)} suara`,
    )
    .join('; ');
  const locked = data.recap.kecamatan.filter((k) => k.dikunci).length;
  const belum = data.recap.kecamatan.filter((k) => !k.total).map((k) => k.nama);
  const draft = data.meta.final
    ? ''
    : ` Dokumen ini DRAF, bukan hasil final: ${locked} dari ${data.recap.kecamatan.length} kecamatan sudah dikunci ` +
      `pleno` +
      (belum.length > 0 ? `; belum ada D.Hasil dari ${belum.length} kecamatan (${belum.join(', ')})` : '') +
      '.';
  return (
    `Demikian berita acara dan sertifikat rekapitulasi hasil penghitungan perolehan suara ini dibuat dalam rapat ` +
    `pleno terbuka Komisi Pemilihan Umum ${kab}, dari ${data.recap.kecamatan.length} kecamatan, dan ditandatangani ` +
    `oleh ketua dan anggota KPU ${kab} serta saksi yang hadir. Perolehan suara sah di ${kab}: ${perolehan}. ` +
    `Jumlah suara sah ${formatNumber(s.sah)}, tidak sah ${formatNumber(s.tidakSah)}, seluruhnya ` +
    `${formatNumber(s.total)}.${draft}${reissueNote(data.meta as unknown as DocMeta)}`
  );
}
