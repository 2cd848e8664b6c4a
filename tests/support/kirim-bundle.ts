// A `.pleno-kirim` upload bundle built by hand from docs/design.md §4.4 (a stored ZIP of manifest.json,
// objek/<sha256>.json, berkas/<sha256>), independent of Pleno's exporter, for tests of a receiver's import.
import { zipSync, type Zippable } from 'fflate';
import type { Push } from './push-fixture';

const utf8 = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));

/** The bundle of a push; `edit` may add, drop or replace entries before zipping. */
export function kirimBundle(p: Push, edit?: (files: Zippable) => void): Uint8Array {
  const files: Zippable = { 'manifest.json': utf8(p.envelope) };
  for (const [sha, env] of p.objek) files[`objek/${sha}.json`] = utf8(env);
  for (const [sha, bytes] of p.berkas) files[`berkas/${sha}`] = bytes;
  edit?.(files);
  return zipSync(files, { level: 0 });
}

export function bundleFileName(p: Push): string {
  return `${p.manifest.kecamatan}-${p.manifest.pemilihan}-${p.manifest.urutan}.pleno-kirim`;
}
