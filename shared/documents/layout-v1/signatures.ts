// FROZEN: layout pleno-layout/1, kept byte for byte so that documents issued with it still verify (pages are
// re-rendered from their data and compared). Never change what it draws; a new drawing is a new layout version.
// Layout 1's signature block is the one block (../signatures.ts) drawn smaller, without attendance names, and with a
// bare "PANWASLU KECAMATAN" name line (no receipt, no note on refusals): these values.
import { kecamatanLevel } from '../level';
import type { SignatureStyle, Signers } from '../signatures';
import type { DocHeader } from '../types';

export const V1_SIGNATURES: SignatureStyle = {
  intro: { size: 8, lh: 10.5, date: 8.5 },
  text: { head: 7, row: 7.5, signNo: 7, paslonNo: 7.5, paslon: 7, refusal: 6.5 },
  salinan: { label: 7, lineFrom: 28, receipt: false },
};

/** Who signs a layout-1 document: the PPK members and the saksi, Panwaslu Kecamatan's line. */
export function v1Signers(header: DocHeader): Signers {
  return { ...kecamatanLevel(header).signers, salinan: 'PANWASLU KECAMATAN' };
}
