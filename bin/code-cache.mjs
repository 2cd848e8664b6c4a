// Runs a CommonJS file compiled by scripts/build-cli.mjs (a "fast" command: one file, no lazy imports) with V8's
// code cache beside it, `<file>.v8cache`: the functions compiled by an earlier run, so this one neither parses nor
// compiles them again. Node 20 has no compile cache for ES modules (module.enableCompileCache is Node 22), hence
// CommonJS through vm.Script and its cachedData.
//
// The cache starts with the SHA-256 of the source it was made from. V8 checks only its own version, flags and the
// source's length, so a cache of another source of the same length would run the wrong code: the hash decides
// first. A cache that is missing, of another source, or refused by V8 (another Node) is ignored — the file compiles
// from its text as usual — and written anew after a successful run, atomically (temporary file + rename). A folder
// that cannot be written (an installed copy) just means no cache.
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import vm from 'node:vm';

const HASH_BYTES = 32;

function readCache(cacheFile, hash) {
  try {
    const bytes = readFileSync(cacheFile);
    return bytes.length > HASH_BYTES && bytes.subarray(0, HASH_BYTES).equals(hash)
      ? bytes.subarray(HASH_BYTES)
      : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(cacheFile, hash, data) {
  const tmp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat([hash, data]));
    renameSync(tmp, cacheFile);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/**
 * Loads `file` (CommonJS) as Node would, using and keeping its code cache. Returns its exports and `saveCache()`,
 * to call once the work is done (the cache then holds every function that ran); it writes only when the cache was
 * not used.
 */
export function requireWithCodeCache(file) {
  const source = readFileSync(file, 'utf8');
  const hash = createHash('sha256').update(source).digest();
  const cacheFile = `${file}.v8cache`;
  const cachedData = readCache(cacheFile, hash);
  // The wrapper Node's own loader puts around a CommonJS module.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    cachedData,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const used = cachedData !== undefined && !script.cachedDataRejected;
  return {
    exports: module.exports,
    cacheUsed: used,
    saveCache() {
      if (!used) writeCache(cacheFile, hash, script.createCachedData());
    },
  };
}
