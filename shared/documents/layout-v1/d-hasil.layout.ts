// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change what it draws; a new drawing is a new layout version.
// Layout 1's D.Hasil is the one D.Hasil (../d-hasil.layout.ts) without opening paragraph, notes, paraf strip, holds
// or attendance, its columns named by number, drawn with layout 1's table, rows, frame and signature block.
import { layoutDHasil as layoutDHasilWith, type DHasilVersion } from '../d-hasil.layout';
import { kecamatanLevel } from '../level';
import type { DHasilData, DocumentLayout, TextMeasure } from '../types';
import { FOOTER_H, HEADER_H, V1_FRAME } from './frame';
import { V1_SIGNATURES, v1Signers } from './signatures';
import { V1_TABLE } from './table';

const V1_DHASIL: DHasilVersion = {
  level: (data) => ({ ...kecamatanLevel(data.header), signers: v1Signers(data.header) }),
  kecamatanColumns: (cols, n) => `kolom ${cols[0]! + 1}–${cols[cols.length - 1]! + 1} dari ${n + 1}`,
  lampiranColumns: () => '',
  tpsColumn: (t) => `TPS ${String(t.nomor).padStart(3, '0')}`,
  opening: false,
  holds: false,
  style: {
    table: V1_TABLE,
    rows: { formulaLabels: false, markFailures: false },
    frame: V1_FRAME,
    signatures: V1_SIGNATURES,
    headerH: HEADER_H,
    bottom: FOOTER_H + 6,
    notes: false,
    paraf: false,
  },
};

export function layoutDHasil(data: DHasilData, dataSha256: string, m: TextMeasure): DocumentLayout {
  return layoutDHasilWith(data, dataSha256, m, V1_DHASIL);
}
