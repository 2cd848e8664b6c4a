// The `pleno init` / `pleno import` / `pleno recap --json` commands as a user runs them, and a killed import:
// the process is SIGKILLed mid-way; the database must open, the audit verify, every file be fully in or absent
// (and every file reported before the kill be in), and a rerun complete with the earlier ones `duplikat`.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { payloadHash } from '../../../shared/formats/envelope';
import { readBundle } from '../../../shared/formats/bundle';
import { nodeCrypto } from '../backend/crypto';
import { openBackend } from '../backend/backend';
import { verifyAudit } from '../backend/repositories/audit.repo';
import { readPhoto } from '../backend/services/photos/photo-store';
import { recap } from '../backend/services/recap/recap.service';
import { makeBundle, makeFixture, type StorageFixture } from '../../../tests/support/records';

const BIN = fileURLToPath(new URL('../../../bin/pleno.mjs', import.meta.url));

let dir: string;
let fx: StorageFixture;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-cli-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function pleno(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Writes the master and one bundle per TPS; returns the bundle paths with the record hashes each holds. */
function writeKecamatan(
  desaCount: number,
  tpsPerDesa: number,
): { db: string; master: string; folder: string; files: Map<string, { hashes: string[]; photos: string[] }> } {
  fx = makeFixture({ desaCount, tpsPerDesa });
  const master = join(dir, 'master.json');
  writeFileSync(master, fx.masterBytes);
  const folder = join(dir, 'kiriman');
  mkdirSync(folder);
  const files = new Map<string, { hashes: string[]; photos: string[] }>();
  for (const tps of fx.tpsCodes) {
    const bytes = makeBundle(fx, tps);
    const path = join(folder, `${tps}.pleno`);
    writeFileSync(path, bytes);
    const b = readBundle(bytes, nodeCrypto);
    if (!b.ok) throw new Error(b.error.message);
    files.set(path, {
      hashes: b.value.results.map((r) => payloadHash(r.envelope.payload, nodeCrypto)),
      photos: [...b.value.photos.keys()],
    });
  }
  return { db: join(dir, 'uji.db'), master, folder, files };
}

describe('pleno init / import / recap', () => {
  it('init prints the kecamatan and fingerprint; import prints a line per file and a summary; recap --json', () => {
    const k = writeKecamatan(2, 2);
    expect(pleno(['init', '--db', k.db]).code).toBe(2);
    const init = pleno(['init', '--db', k.db, '--master', k.master]);
    expect(init.code).toBe(0);
    expect(init.stdout).toContain('Kecamatan Hampang (63.02.14), Kotabaru, Kalimantan Selatan [SIMULASI]');
    expect(init.stdout).toContain(fx.kpu.fingerprint.replace(/(.{4})(?=.)/g, '$1 '));
    const bad = join(dir, 'rusak.json');
    writeFileSync(bad, '{"payload": 1');
    const imp = pleno(['import', '--db', k.db, k.folder, bad]);
    expect(imp.code).toBe(1);
    const lines = imp.stdout.trim().split('\n');
    expect(lines.slice(0, 4)).toEqual([...k.files.keys()].map((f) => `${f}: diterima`));
    expect(lines[4]).toMatch(new RegExp(`^${bad}: ditolak: .+`));
    expect(lines[5]).toMatch(/^Ringkasan \/ summary: 5 berkas — diterima 4, duplikat 0, konflik 0, ditolak 1/);
    expect(imp.stderr.trim().split('\n')).toHaveLength(1);
    expect(imp.stderr).toContain(`${bad}: `);
    expect(pleno(['import', '--db', k.db]).code).toBe(2);
    expect(pleno(['import', '--db', join(dir, 'tidak-ada.db'), k.folder]).code).toBe(2);

    const rc = pleno(['recap', '--db', k.db, '--pemilihan', 'bupati', '--json']);
    expect(rc.code).toBe(0);
    const json = JSON.parse(rc.stdout) as {
      kecamatan: string;
      pemilihan: { id: string; tps: Record<string, number> }[];
    };
    expect(json.kecamatan).toBe('630214');
    expect(json.pemilihan.map((p) => p.id)).toEqual(['bupati']);
    expect(json.pemilihan[0]!.tps).toEqual({ total: 4, masuk: 4, diputuskan: 0, konflik: 0 });
    expect(Object.keys(json.pemilihan[0]!)).toEqual(['id', 'tps', 'desa', 'total']);
    expect(pleno(['recap', '--db', k.db, '--pemilihan', 'walikota', '--json']).code).toBe(2);
  }, 180_000);
});

describe('killed import', () => {
  it('leaves the database consistent: files before the kill fully in, the rest absent; a rerun completes', async () => {
    const k = writeKecamatan(12, 10);
    expect(pleno(['init', '--db', k.db, '--master', k.master]).code).toBe(0);

    const child = spawn(process.execPath, [BIN, 'import', '--db', k.db, k.folder], {
      env: { ...process.env, PLENO_IMPORT_BATCH_FILES: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reported: string[] = [];
    let buf = '';
    const killedAfter = 30;
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let i: number;
      while ((i = buf.indexOf('\n')) >= 0) {
        reported.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        if (reported.length === killedAfter) child.kill('SIGKILL');
      }
    });
    const { signal } = await exit;
    expect(signal).toBe('SIGKILL');
    expect(reported.length).toBeGreaterThanOrEqual(killedAfter);
    expect(existsSync(`${k.db}.lock`)).toBe(true); // left behind by the killed process: stale, taken over below

    const b = await openBackend({ dbPath: k.db, mode: 'web' });
    let inCount = 0;
    try {
      const db = b.ctx.db;
      expect(verifyAudit(db).problems).toEqual([]);
      const has = db.prepare('SELECT 1 FROM submission WHERE sha256 = ?');
      const hasPhoto = db.prepare('SELECT 1 FROM photo WHERE sha256 = ?');
      for (const [file, f] of k.files) {
        const present = f.hashes.map((h) => has.get(h) !== undefined);
        // Fully in or absent: never one pemilihan of a bundle without the other, nor records without their photos.
        expect(new Set(present).size, file).toBe(1);
        if (present[0]) {
          inCount += 1;
          for (const p of f.photos) {
            expect(hasPhoto.get(p), p).toBeDefined();
            expect(readPhoto(b.ctx, p).ok).toBe(true);
          }
        }
      }
      // Every file reported before the kill is in.
      for (const line of reported) {
        const [file, status] = line.split(': ');
        expect(status).toBe('diterima');
        expect(
          f(file!).hashes.every((h) => has.get(h) !== undefined),
          file,
        ).toBe(true);
      }
      expect(inCount).toBeGreaterThanOrEqual(reported.length);
      expect(inCount).toBeLessThan(k.files.size);
    } finally {
      await b.close();
    }

    const rerun = pleno(['import', '--db', k.db, k.folder]);
    expect(rerun.code).toBe(0);
    const lines = rerun.stdout.trim().split('\n');
    const statuses = lines.slice(0, -1).map((l) => l.split(': ')[1]);
    expect(statuses.filter((s) => s === 'duplikat')).toHaveLength(inCount);
    expect(statuses.filter((s) => s === 'diterima')).toHaveLength(k.files.size - inCount);
    for (const line of reported) expect(lines).toContain(line.replace(': diterima', ': duplikat'));
    const after = await openBackend({ dbPath: k.db, mode: 'web' });
    try {
      expect(verifyAudit(after.ctx.db).ok).toBe(true);
      // every pemilihan of the kecamatan (two) has each file's TPS in
      expect(recap(after.ctx)!.pemilihan.map((p) => p.tps.masuk)).toEqual([k.files.size, k.files.size]);
    } finally {
      await after.close();
    }

    function f(file: string) {
      return k.files.get(file)!;
    }
  }, 180_000);
});
