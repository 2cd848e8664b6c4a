// Entry point of the pure layout model: document data (+ the SHA-256 of its canonical JSON) → pages.
import { layoutDHasil } from './d-hasil.layout';
import { layoutKejadian } from './kejadian.layout';
import { layoutDHasil as layoutDHasilV1 } from './layout-v1/d-hasil.layout';
import { layoutKejadian as layoutKejadianV1 } from './layout-v1/kejadian.layout';
import { layoutKabDHasil, layoutKabKejadian } from './kabko.layout';
import { isKabDocument, type AnyDocumentData, type KabDHasilData, type KabKejadianData } from './kabko-types';
import type { DocumentData, DocumentLayout, TextMeasure } from './types';

/** Pages of the document, drawn with the layout its data names (`meta.layout`). */
export function layoutDocument(input: AnyDocumentData, dataSha256: string, measure: TextMeasure): DocumentLayout {
  // The kab/kota documents of a receiver (docs/receiver-plenary.md): the same layouts with the kab/kota level's data.
  if (isKabDocument(input))
    return input.meta.kind === 'd-hasil-kabko'
      ? layoutKabDHasil(input as KabDHasilData, dataSha256, measure)
      : layoutKabKejadian(input as KabKejadianData, dataSha256, measure);
  const data: DocumentData = input;
  if (data.meta.layout === 'pleno-layout/1') {
    return data.meta.kind === 'd-hasil'
      ? layoutDHasilV1(data as Extract<DocumentData, { meta: { kind: 'd-hasil' } }>, dataSha256, measure)
      : layoutKejadianV1(data as Extract<DocumentData, { meta: { kind: 'kejadian-khusus' } }>, dataSha256, measure);
  }
  return data.meta.kind === 'd-hasil'
    ? layoutDHasil(data as Extract<DocumentData, { meta: { kind: 'd-hasil' } }>, dataSha256, measure)
    : layoutKejadian(data as Extract<DocumentData, { meta: { kind: 'kejadian-khusus' } }>, dataSha256, measure);
}

/** Rough measure for tests and previews without a font: DejaVu Sans Condensed averages about 0.5 em per glyph. */
export const approximateMeasure: TextMeasure = {
  width: (text, size, bold) => text.length * size * (bold ? 0.56 : 0.52),
};
