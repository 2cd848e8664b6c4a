// Is the compiled CLI (build/cli/) still the build of the sources? Loaded by bin/pleno.mjs on every call, so it uses
// only node:fs and node:path and does no more than one stat per bundled source (~160 files, ~2 ms).
// build/cli/current.json names the bundle folder and, for every file the bundle was built from (esbuild's metafile
// inputs, plus the build configuration), its mtime and size at build time. Any difference — a file edited, touched,
// checked out, removed — makes the bundle stale. A new source file counts once a bundled file imports it, which edits
// that file. Files changed while a build runs are recorded as stale, so the next call builds again.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Not bundled, but they decide what the bundle is. */
export const STAMPED_CONFIG = [
  'scripts/build-cli.mjs',
  'scripts/cli-stamp.mjs',
  'package.json',
  'package-lock.json',
  'node_modules/esbuild/package.json',
  // esbuild reads the tsconfig nearest to each source.
  'tsconfig.json',
  'tsconfig.base.json',
  'electron/tsconfig.json',
  'shared/tsconfig.json',
];
/** Coarse file clocks can lag Date.now() by a few ms: a file this close to the build's start counts as changed. */
export const CLOCK_SLACK_MS = 50;
/** Older bundles are kept this long: a running `pleno serve` may still load lazy chunks from its own folder. */
const KEEP_OLD_MS = 6 * 60 * 60 * 1000;

/** [mtimeMs, size] of a file under root, or null when it does not exist. */
export function statEntry(root, rel) {
  try {
    // Plain concatenation, not path.join: this runs once per bundled source on every call (a third of its cost
    // was join's normalisation). `rel` is relative with '/' separators, which every platform's fs accepts.
    const s = statSync(root.endsWith(sep) || root.endsWith('/') ? root + rel : root + sep + rel, {
      throwIfNoEntry: false,
    });
    return s ? [s.mtimeMs, s.size] : null;
  } catch {
    return null;
  }
}

function readCurrent(root) {
  try {
    const c = JSON.parse(readFileSync(join(root, 'build', 'cli', 'current.json'), 'utf8'));
    if (typeof c?.dir !== 'string' || !/^[0-9a-f]{16}$/.test(c.dir) || typeof c.files !== 'object') return null;
    return statEntry(root, join('build', 'cli', c.dir, 'cli.mjs')) ? c : null;
  } catch {
    return null;
  }
}

/** Whether the file is as the build recorded it ([mtimeMs, size], null = absent; 'changed' never is). */
function unchanged(root, rel, recorded) {
  if (recorded === 'changed' || recorded === undefined) return false;
  const now = statEntry(root, rel);
  return now === null || recorded === null ? now === recorded : now[0] === recorded[0] && now[1] === recorded[1];
}

/** The folder of the bundle when it matches the sources, else null. */
export function freshBundle(root = ROOT) {
  const current = readCurrent(root);
  if (!current) return null;
  for (const [rel, recorded] of Object.entries(current.files)) if (!unchanged(root, rel, recorded)) return null;
  return join(root, 'build', 'cli', current.dir);
}

/**
 * The compiled file of a fast command (`<name>.cjs`, build-cli.mjs FAST) when the files it was built from and the
 * build configuration are unchanged, else null. Only those are checked: the file holds everything the command runs,
 * so an edit elsewhere leaves it right (the next other command rebuilds the bundle). With `anyAge` (a copy without
 * sources), the last one built.
 */
export function fastFile(name, { root = ROOT, anyAge = false } = {}) {
  const current = readCurrent(root);
  const inputs = current?.fast?.[name];
  if (!Array.isArray(inputs)) return null;
  if (!anyAge)
    for (const rel of [...inputs, ...STAMPED_CONFIG]) if (!unchanged(root, rel, current.files[rel])) return null;
  const file = join(root, 'build', 'cli', current.dir, `${name}.cjs`);
  return statEntry(root, join('build', 'cli', current.dir, `${name}.cjs`)) ? file : null;
}

/** The last bundle built, fresh or not (for a tree without sources). */
export function lastBundle(root = ROOT) {
  const current = readCurrent(root);
  return current ? join(root, 'build', 'cli', current.dir) : null;
}

/** Removes bundle folders other than `keep` that are older than KEEP_OLD_MS, and abandoned temporary folders. */
export function pruneOldBundles(keep, root = ROOT) {
  const cliDir = join(root, 'build', 'cli');
  const now = Date.now();
  for (const name of readdirSync(cliDir)) {
    if (name === keep || name === '.lock' || name.startsWith('current.json')) continue;
    const e = statEntry(cliDir, name);
    const maxAge = name.startsWith('tmp-') ? 10 * 60 * 1000 : KEEP_OLD_MS;
    if (e && now - e[0] > maxAge) rmSync(join(cliDir, name), { recursive: true, force: true });
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Whether the lock's owner (pid written in .lock/owner) is known to be gone: a build killed on this machine. */
function ownerGone(lock) {
  let pid;
  try {
    pid = Number(readFileSync(join(lock, 'owner'), 'utf8'));
  } catch {
    return false; // just created, owner not written yet (or already released)
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return err.code === 'ESRCH';
  }
}

/**
 * Runs `build` holding build/cli/.lock (an atomic mkdir), so parallel calls (tests spawning the CLI at once) build
 * once: a call that finds the lock taken waits for the bundle to turn fresh. A lock whose owner process is gone, or
 * older than two minutes, is left from a killed build and is taken over.
 */
export async function withBuildLock(build, { reuseFresh = true, root = ROOT } = {}) {
  const cliDir = join(root, 'build', 'cli');
  mkdirSync(cliDir, { recursive: true });
  const lock = join(cliDir, '.lock');
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(join(lock, 'owner'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
    }
    const fresh = reuseFresh && freshBundle(root);
    if (fresh) return fresh;
    const held = statEntry(cliDir, '.lock');
    if (held && (Date.now() - held[0] > 120_000 || ownerGone(lock))) rmSync(lock, { recursive: true, force: true });
    if (Date.now() > deadline) throw new Error('timed out waiting for another build of the CLI (build/cli/.lock)');
    await sleep(100);
  }
  try {
    return (reuseFresh && freshBundle(root)) || (await build());
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
