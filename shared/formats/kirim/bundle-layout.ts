// The offline upload bundle `<kecamatan>-<pemilihan>-<urutan>.pleno-kirim` (docs/design.md §4.4): a stored ZIP of
// `manifest.json`, `objek/<sha256>.json`, `berkas/<sha256>`; and the receipt file written back beside it.
import { type ParseResult, parseFail, parsed } from '../parse-result';

export const KIRIM_BUNDLE_EXT = '.pleno-kirim';
const OBJEK_ENTRY = /^objek\/([0-9a-f]{64})\.json$/;
const BERKAS_ENTRY = /^berkas\/([0-9a-f]{64})$/;
const BUNDLE_NAME = /^(\d{6})-([a-z][a-z0-9-]{0,31})-([1-9]\d{0,15})\.pleno-kirim$/;

export function kirimBundleName(kecamatan: string, pemilihan: string, urutan: number): string {
  return `${kecamatan}-${pemilihan}-${urutan}${KIRIM_BUNDLE_EXT}`;
}

/** `630214-bupati-3.pleno-kirim` → its parts; null for any other name (ordering bundles by urutan on import). */
export function parseKirimBundleName(
  fileName: string,
): { kecamatan: string; pemilihan: string; urutan: number } | null {
  const m = BUNDLE_NAME.exec(fileName);
  return m ? { kecamatan: m[1]!, pemilihan: m[2]!, urutan: Number(m[3]) } : null;
}

/** Where the receiver writes the receipt for a manifest, relative to the drive folder holding the bundle. */
export function receiptPathFor(manifestAddress: string): string {
  return `tanda-terima/${manifestAddress}.json`;
}

export interface KirimBundleEntries {
  objek: Map<string, string>;
  berkas: Map<string, string>;
}

/**
 * Classifies a bundle's entry names: exactly one `manifest.json`, objects and blobs named by lowercase SHA-256,
 * nothing else (no folders entries, no other files, no duplicates). Contents are checked later, against the manifest.
 */
export function classifyKirimEntries(names: readonly string[]): ParseResult<KirimBundleEntries> {
  const out: KirimBundleEntries = { objek: new Map(), berkas: new Map() };
  let manifest = 0;
  for (const n of names) {
    let m: RegExpExecArray | null;
    if (n === 'manifest.json') manifest += 1;
    else if ((m = OBJEK_ENTRY.exec(n))) {
      if (out.objek.has(m[1]!)) return parseFail('BUNDLE_DUPLICATE_ENTRY', 'isian ganda dalam berkas kiriman', n);
      out.objek.set(m[1]!, n);
    } else if ((m = BERKAS_ENTRY.exec(n))) {
      if (out.berkas.has(m[1]!)) return parseFail('BUNDLE_DUPLICATE_ENTRY', 'isian ganda dalam berkas kiriman', n);
      out.berkas.set(m[1]!, n);
    } else return parseFail('BUNDLE_BAD_ENTRY', 'isian yang tidak dikenal dalam berkas kiriman', n);
  }
  if (manifest !== 1) {
    return parseFail('BUNDLE_BAD_ENTRY', manifest === 0 ? 'manifest.json tidak ada' : 'manifest.json lebih dari satu');
  }
  return parsed(out);
}
