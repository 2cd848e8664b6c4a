#!/usr/bin/env node
// Bundles the `pleno` CLI (electron/main/cli.ts and everything it loads, `pleno serve` included) with esbuild into
// build/cli/<stamp>/ as ES modules with code splitting, so each lazy `import()` (subcommands, handler features, PDF
// rendering, the QR decoder) stays a chunk loaded only when used. npm packages stay external: Node loads them from
// node_modules as it would under tsx (better-sqlite3 is native; pdfjs/zxing find their own files).
// Each source file's `import.meta.url` is rewritten to the URL that file has in the source tree, so code that finds
// files relative to itself (resources/fonts, build/renderer, zxing's .wasm) keeps working from the bundle.
//
// The fast commands (FAST below: `pleno recap`) are also built alone, each into one CommonJS file beside the chunks,
// which bin/load-cli.mjs starts with V8's code cache; current.json lists the sources of each (`fast`), so a call of
// one checks only those.
//
// Run by `postinstall` and on demand by bin/pleno.mjs when build/cli/current.json no longer matches the sources
// (see cli-stamp.mjs). `node scripts/build-cli.mjs` builds now (exit 1 if the build fails); `--if-stale` only when the
// stamp does not match; `--quiet` prints nothing on success; `--install` (postinstall) = `--if-stale` that only warns
// on failure, so an install never fails on it (bin/pleno.mjs builds again, or runs the sources).
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import {
  CLOCK_SLACK_MS,
  ROOT,
  STAMPED_CONFIG,
  freshBundle,
  pruneOldBundles,
  statEntry,
  withBuildLock,
} from './cli-stamp.mjs';

const ENTRY = 'electron/main/cli.ts';
/**
 * Worker threads' entries, bundled beside cli.mjs as `<name>.mjs`: bin/load-cli.mjs tells workers/worker-task.ts
 * where they are, so a worker started by the CLI loads compiled code instead of registering tsx in the thread.
 */
const WORKERS = {
  'reader.worker': 'electron/main/backend/workers/reader.worker.ts',
};
/**
 * Commands compiled alone as well, each into one CommonJS file `<name>.cjs` that bin/load-cli.mjs runs with V8's code
 * cache (bin/code-cache.mjs): the read-only commands scripts call most, whose start is mostly loading code. A fast
 * entry must load everything at once (no `import()`, no `import.meta`): the build fails otherwise.
 */
const FAST = {
  recap: 'electron/main/cli-recap.ts',
};
const CLI_DIR = join(ROOT, 'build', 'cli');

const sourceUrls = {
  name: 'pleno-source-url',
  setup(b) {
    b.onLoad({ filter: /\.(ts|mts)$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      // Chunks live in build/cli/<stamp>/, three levels below the root.
      const rel = JSON.stringify('../../../' + relative(ROOT, args.path).split(sep).join('/'));
      return { contents: text.replaceAll('import.meta.url', `new URL(${rel}, import.meta.url).href`), loader: 'ts' };
    });
  },
};

/**
 * The stamp of a build that started at `started`: per file [mtimeMs, size], null (absent) or 'changed' (modified
 * after the build started: never fresh), and an id naming the bundle folder.
 */
export function stampOf(files, started, root = ROOT) {
  const entries = {};
  for (const rel of [...new Set(files)].sort()) {
    const e = statEntry(root, rel);
    entries[rel] = e && e[0] >= started - CLOCK_SLACK_MS ? 'changed' : e;
  }
  const id = createHash('sha256').update(JSON.stringify(entries)).digest('hex').slice(0, 16);
  return { id, files: entries };
}

/** The fast entries into `dir`; returns each one's inputs (relative paths). */
async function buildFast(build, dir, quiet) {
  const inputs = {};
  for (const [name, src] of Object.entries(FAST)) {
    // (A tree without the entry's source, such as the CLI tests' small trees, builds without it.)
    if (!existsSync(join(ROOT, src))) continue;
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: [join(ROOT, src)],
      outfile: join(dir, `${name}.cjs`),
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      metafile: true,
      logLevel: 'silent',
    });
    // esbuild warns when import.meta has no value in CommonJS; an import() would pull its whole graph into the file.
    const problem =
      result.warnings[0]?.text ??
      Object.entries(result.metafile.inputs)
        .flatMap(([file, i]) =>
          i.imports.filter((x) => x.kind === 'dynamic-import').map((x) => `${file}: import(${x.path})`),
        )
        .map((x) => `fast entry ${src} must not load lazily — ${x}`)[0];
    if (problem) throw new Error(`${src}: ${problem}`);
    if (!quiet) console.log(`  ${name}.cjs: ${Object.keys(result.metafile.inputs).length} sources`);
    inputs[name] = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)).split(sep).join('/'));
  }
  return inputs;
}

/** Builds into a fresh folder and publishes it as build/cli/current.json. Returns the bundle's folder. */
export async function buildCli({ quiet = false } = {}) {
  const { build } = await import('esbuild');
  mkdirSync(CLI_DIR, { recursive: true });
  const started = Date.now();
  const tmp = join(CLI_DIR, `tmp-${process.pid}-${started}`);
  try {
    const result = await build({
      absWorkingDir: ROOT,
      entryPoints: {
        cli: join(ROOT, ENTRY),
        // (A tree without a worker's source, such as the CLI tests' small trees, builds without it.)
        ...Object.fromEntries(
          Object.entries(WORKERS)
            .filter(([, src]) => existsSync(join(ROOT, src)))
            .map(([name, src]) => [name, join(ROOT, src)]),
        ),
      },
      outdir: tmp,
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      packages: 'external',
      sourcemap: 'linked',
      outExtension: { '.js': '.mjs' },
      chunkNames: '[name]-[hash]',
      metafile: true,
      logLevel: quiet ? 'silent' : 'warning',
      plugins: [sourceUrls],
    });
    const inputs = Object.keys(result.metafile.inputs).map((p) => relative(ROOT, join(ROOT, p)).split(sep).join('/'));
    const fast = await buildFast(build, tmp, quiet);
    const stamp = stampOf([...inputs, ...Object.values(fast).flat(), ...STAMPED_CONFIG], started);
    const dir = join(CLI_DIR, stamp.id);
    try {
      renameSync(tmp, dir);
    } catch {
      // Another process published the same stamp first: its bundle is the same build.
      rmSync(tmp, { recursive: true, force: true });
    }
    const current = join(CLI_DIR, `current.json.${process.pid}`);
    writeFileSync(current, JSON.stringify({ dir: stamp.id, files: stamp.files, fast }) + '\n');
    renameSync(current, join(CLI_DIR, 'current.json'));
    pruneOldBundles(stamp.id);
    if (!quiet) {
      console.log(`build/cli/${stamp.id}: ${inputs.length} sources, ${((Date.now() - started) / 1000).toFixed(2)} s`);
    }
    return dir;
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
}

/** One line for an esbuild failure: the first error with its place. */
export function buildErrorLine(err) {
  const first = err?.errors?.[0];
  if (!first) return String(err?.message ?? err).split('\n')[0];
  const at = first.location ? `${first.location.file}:${first.location.line}: ` : '';
  return `${at}${first.text}${err.errors.length > 1 ? ` (+${err.errors.length - 1} more)` : ''}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const install = process.argv.includes('--install');
  const quiet = process.argv.includes('--quiet');
  const ifStale = install || process.argv.includes('--if-stale');
  try {
    if (!(ifStale && freshBundle())) await withBuildLock(() => buildCli({ quiet }), { reuseFresh: ifStale });
  } catch (err) {
    console.error(`build-cli: ${quiet ? buildErrorLine(err) : (err?.message ?? err)}`);
    process.exitCode = install ? 0 : 1;
  }
}
