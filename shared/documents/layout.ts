// Entry point of the pure layout model: document data (+ the SHA-256 of its canonical JSON) → pages.
import { layoutDHasil } from './d-hasil.layout';
import { layoutKejadian } from './kejadian.layout';
import type { DocumentData, DocumentLayout, TextMeasure } from './types';

export function layoutDocument(data: DocumentData, dataSha256: string, measure: TextMeasure): DocumentLayout {
  return data.meta.kind === 'd-hasil'
    ? layoutDHasil(data as Extract<DocumentData, { meta: { kind: 'd-hasil' } }>, dataSha256, measure)
    : layoutKejadian(data as Extract<DocumentData, { meta: { kind: 'kejadian-khusus' } }>, dataSha256, measure);
}

/** Rough measure for tests and previews without a font: DejaVu Sans Condensed averages about 0.5 em per glyph. */
export const approximateMeasure: TextMeasure = {
  width: (text, size, bold) => text.length * size * (bold ? 0.56 : 0.52),
};
