// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change what it draws; a new drawing is a new layout version.
// Layout 1's frame is the one frame (../frame.ts) with a smaller title block, its own footer (full data hash, PPK key,
// paper) and a text watermark: these values.
import { fitText } from '../format';
import { MARGIN_X, issuedAt, type FrameInput, type FrameStyle } from '../frame';
import type { LayoutItem, TextMeasure } from '../types';

/** Distance from the page top to where content starts. */
export const HEADER_H = 70;
/** Height reserved at the bottom for the footer. */
export const FOOTER_H = 64;

/** Layout 1's footer lines: the document and paper, the full data hash, the PPK key and how to check. */
function footerLines(f: FrameInput, room: number, m: TextMeasure): LayoutItem[] {
  const meta = f.meta;
  const status = meta.final ? 'FINAL' : 'DRAF';
  const line1 =
    `Dokumen ${meta.id} · versi ${meta.version} · ${status} · diterbitkan ${issuedAt(meta)}` +
    ` · kertas ${meta.paper.toUpperCase()}`;
  const line3 = `Kunci PPK: ${meta.signer} · periksa dengan: pleno verify <berkas.pdf>`;
  return [
    { t: 'text', x: MARGIN_X, y: 44, size: 6.5, text: fitText(line1, room, 6.5, m) },
    { t: 'text', x: MARGIN_X, y: 35, size: 6.5, text: `SHA-256 data: ${f.dataSha256}` },
    { t: 'text', x: MARGIN_X, y: 26, size: 6.5, text: fitText(line3, room, 6.5, m), gray: true },
  ];
}

export const V1_FRAME: FrameStyle = {
  header: {
    top: 22,
    lines: [
      [8, 10.5],
      [19, 7.5],
      [29, 8],
      [41, 7.5],
    ],
    rule: 45,
    twoLines: false,
  },
  footer: { rule: FOOTER_H - 4, qr: 46, qrY: 12, pageY: 35, pageSize: 8, gap: 12, lines: footerLines },
  outlineWatermark: false,
};
