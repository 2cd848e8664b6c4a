// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change what it draws; a new drawing is a new layout version.
// Layout 1's D.Kejadian Khusus is the one list (../kejadian.layout.ts) drawn with 7.5 pt rows, no paraf strip, its
// frame and signature block, and two kinds only (keberatan, kejadian khusus): these values.
import { layoutKejadianList, type KejadianList, type KejadianStyle } from '../kejadian.layout';
import { kecamatanLevel } from '../level';
import type { DocumentLayout, KejadianData, TextMeasure } from '../types';
import { FOOTER_H, HEADER_H, V1_FRAME } from './frame';
import { V1_SIGNATURES, v1Signers } from './signatures';

const V1_KEJADIAN: KejadianStyle = {
  font: 7.5,
  lineH: 9.5,
  headerH: HEADER_H,
  bottom: { rows: FOOTER_H + 6, closing: FOOTER_H + 6 },
  paraf: false,
  frame: V1_FRAME,
  signatures: V1_SIGNATURES,
};

/** Layout 1 named every kind but a keberatan "Kejadian khusus". */
const V1_LIST: KejadianList = {
  tempat: 'TPS / Desa',
  jenisW: 58,
  jenis: { koreksi: 'Kejadian khusus', penerimaan: 'Kejadian khusus', 'penolakan-tanda-tangan': 'Kejadian khusus' },
};

export function layoutKejadian(data: KejadianData, dataSha256: string, m: TextMeasure): DocumentLayout {
  const level = { ...kecamatanLevel(data.header), signers: v1Signers(data.header) };
  return layoutKejadianList(level, V1_LIST, data.meta, data.entries, dataSha256, m, V1_KEJADIAN);
}
