// Upload bundles on the drives a PPK brings to the KPU kabupaten/kota (docs/design.md §4.4), for the receiver's
// "Flashdisk" screen: every `.pleno-kirim` found on a mounted drive (bounded walk), with what the receiver already
// holds of it, and the import of a drive's bundles in (kecamatan, pemilihan, urutan) order — each through the very
// checks of the online path (bundle-import.service.ts), its receipt written back beside it as
// `tanda-terima/<manifest>.json` and returned as a QR picture and in words for the screen.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import type {
  DriveBundleView,
  DriveBundlesView,
  DriveImportView,
} from '../../../../../shared/contracts/penerima-drive.contract';
import { parseEnvelope } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import {
  envelopeAddress,
  KIRIM_BUNDLE_EXT,
  parseManifest,
  parseTandaTerima,
  type KirimManifest,
} from '../../../../../shared/formats/kirim';
import { nodeCrypto } from '../../crypto';
import { latestReceipt, listPenerimaMasters } from '../../repositories/penerima.repo';
import { driveLabel, driveParents, listMounts } from '../drives/drive-scan';
import { importKirimBundle, type BundleCtx } from './bundle-import.service';
import { peekManifestBytes } from './bundle-import-read';
import { quarantine } from '../quarantine/quarantine';
import { BUNDLE_MAX_BYTES } from './limits';
import { receiptQrPngs, writeReceiptBeside } from './receipt-file';
import type { Ctx } from './receive.service';

const MAX_DEPTH = 4;
const MAX_ENTRIES = 5000;
const MAX_BUNDLES = 200;
const SKIP = new Set(['system volume information', '$recycle.bin', 'lost+found', 'android', 'node_modules']);

/** `.pleno-kirim` files under `root`, breadth-first, bounded like the kecamatan's drive scan. */
function findBundles(root: string): { paths: string[]; truncated: boolean } {
  const paths: string[] = [];
  let queue = [root];
  let visited = 0;
  for (let depth = 0; depth <= MAX_DEPTH && queue.length > 0; depth++) {
    const next: string[] = [];
    for (const dir of queue) {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
        if (++visited > MAX_ENTRIES || paths.length >= MAX_BUNDLES) return { paths, truncated: true };
        if (e.name.startsWith('.')) continue;
        const p = join(dir, e.name);
        if (e.isDirectory() && !SKIP.has(e.name.toLowerCase())) next.push(p);
        else if (e.isFile() && e.name.toLowerCase().endsWith(KIRIM_BUNDLE_EXT)) paths.push(p);
      }
    }
    queue = next;
  }
  return { paths, truncated: false };
}

export interface Peeked {
  address: string;
  manifest: KirimManifest;
}

/** The manifest of a bundle file and its address, or null when unreadable (refused with its reason on import). */
export function peekBundle(bytes: Uint8Array): Peeked | null {
  // Only the manifest entry is read (no CRC of the blobs): listing a drive costs milliseconds per bundle.
  const manifest = peekManifestBytes(bytes);
  if (!manifest) return null;
  const json = parseJson(manifest);
  const env = json.ok ? parseEnvelope(json.value) : null;
  const m = env?.ok ? parseManifest(env.value.payload) : null;
  return m?.ok && env?.ok ? { address: envelopeAddress(env.value, nodeCrypto), manifest: m.value } : null;
}

/** Reads a bundle file, refusing one too large to be a bundle before reading it. */
function readBundle(path: string): Uint8Array | null {
  try {
    if (statSync(path).size > BUNDLE_MAX_BYTES) return null;
    return new Uint8Array(readFileSync(path));
  } catch {
    return null;
  }
}

/** Bundles are peeked once per (path, size, mtime): the screen polls every 2 s and a bundle can be tens of MB. */
export function createBundlePeeker(): (path: string) => Peeked | null {
  const cache = new Map<string, Peeked | null>();
  return (path) => {
    let key: string;
    try {
      const s = statSync(path);
      key = `${path}\0${s.size}\0${s.mtimeMs}`;
    } catch {
      return null;
    }
    if (!cache.has(key)) {
      const bytes = readBundle(path);
      cache.set(key, bytes ? peekBundle(bytes) : null);
    }
    return cache.get(key)!;
  };
}

function namesOf(ctx: Ctx): Map<string, string> {
  return new Map(listPenerimaMasters(ctx.db).map((m) => [m.kecamatan, m.nama]));
}

function bundleView(ctx: Ctx, root: string, path: string, peek: Peeked | null, names: Map<string, string>) {
  const receipt = peek ? latestReceipt(ctx.db, peek.address) : undefined;
  const view: DriveBundleView = {
    path,
    name: basename(path),
    folder: relative(root, dirname(path)) || '.',
    kecamatan: peek?.manifest.kecamatan ?? null,
    nama: peek ? (names.get(peek.manifest.kecamatan) ?? null) : null,
    pemilihan: peek?.manifest.pemilihan ?? null,
    urutan: peek?.manifest.urutan ?? null,
    diterima: receipt?.status ?? null,
    terbaca: peek !== null,
  };
  return view;
}

/** Every mounted drive that holds at least one `.pleno-kirim` bundle. */
export function listDriveBundles(ctx: Ctx, peek: (path: string) => Peeked | null): DriveBundlesView {
  const names = namesOf(ctx);
  const drives = listMounts(driveParents()).flatMap((root) => {
    const found = findBundles(root);
    if (found.paths.length === 0) return [];
    const bundles = found.paths.map((p) => bundleView(ctx, root, p, peek(p), names));
    return [{ root, label: driveLabel(root), bundles, truncated: found.truncated }];
  });
  return { drives };
}

const PEMILIHAN: Record<string, string> = {
  bupati: 'Bupati dan Wakil Bupati',
  gubernur: 'Gubernur dan Wakil Gubernur',
};

/** The receipt in words, as shown beside its QR (the PPK reads it aloud or checks it on the phone). */
export function receiptWords(receiptJson: string, names: Map<string, string>): string {
  const env = parseEnvelope(JSON.parse(receiptJson));
  const t = env.ok ? parseTandaTerima(env.value.payload) : null;
  if (!t?.ok) return 'Tanda terima tidak dapat dibaca.';
  const r = t.value;
  const state = r.status === 'lengkap' ? 'lengkap' : `menunggu ${r.berkasKurang} berkas (foto atau PDF)`;
  const when = new Intl.DateTimeFormat('id-ID', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Makassar',
  }).format(new Date(r.diterima));
  return (
    `Tanda terima: Kecamatan ${names.get(r.kecamatan) ?? r.kecamatan} (${r.kecamatan}), ` +
    `pemilihan ${PEMILIHAN[r.pemilihan] ?? r.pemilihan}, kiriman urutan ${r.urutan}: ${state}. ` +
    `Diterima ${when} WITA.`
  );
}

/** Bundle paths in (kecamatan, pemilihan, urutan) order of their manifests (§4.4); unreadable ones last, as given. */
export function orderByManifest(paths: readonly string[], peek: (path: string) => Peeked | null): string[] {
  const keyed = paths.map((path, i) => {
    const m = peek(path)?.manifest;
    const key = m
      ? `0 ${m.kecamatan} ${m.pemilihan} ${String(m.urutan).padStart(16, '0')}`
      : `1 ${String(i).padStart(8, '0')}`;
    return { path, key };
  });
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((x) => x.path);
}

/** A bundle file that cannot be read (or is too large to be one) is refused in words and quarantined. */
function unreadable(ctx: BundleCtx, path: string) {
  const masalah = [
    `Berkas ${basename(path)} tidak dapat dibaca dari drive atau lebih besar dari batas berkas kiriman.`,
  ];
  let size = 0;
  try {
    size = statSync(path).size;
  } catch {
    // gone from the drive: the reason alone is recorded
  }
  const head = new TextEncoder().encode(`${path} (${size} byte)`);
  quarantine(ctx, head, basename(path), masalah[0]!, {
    channel: 'kirim',
    english: 'unreadable or oversized bundle file',
  });
  return { status: 400, masalah, manifest: null, receiptJson: null };
}

/** Imports the bundles on a drive (those given, or all), in (kecamatan, pemilihan, urutan) order. */
export async function importDriveBundles(
  ctx: BundleCtx,
  root: string,
  peek: (path: string) => Peeked | null,
): Promise<DriveImportView> {
  const names = namesOf(ctx);
  const paths = orderByManifest(findBundles(root).paths, peek);
  const hasil: DriveImportView['hasil'] = [];
  for (const path of paths) {
    const bytes = readBundle(path);
    const o = bytes ? await importKirimBundle(ctx, basename(path), bytes) : unreadable(ctx, path);
    const base = { name: basename(path), folder: relative(root, dirname(path)) || '.' };
    if (!o.manifest || !o.receiptJson) {
      hasil.push({ ...base, ok: false, masalah: o.masalah, tandaTerima: null });
      continue;
    }
    const file = writeReceiptBeside(path, o.manifest.address, o.receiptJson);
    const [png] = await receiptQrPngs(o.receiptJson, 4); // shown at its own size: 4 px per module
    hasil.push({
      ...base,
      ok: true,
      masalah: [],
      tandaTerima: {
        manifest: o.manifest.address,
        status: o.status === 200 ? 'sama' : 'baru',
        berkas: relative(root, file),
        kata: receiptWords(o.receiptJson, names),
        qrPng: Buffer.from(png!).toString('base64'),
        json: o.receiptJson,
      },
    });
  }
  return { root, label: driveLabel(root), hasil };
}
