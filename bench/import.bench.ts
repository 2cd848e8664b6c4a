// Import of the `besar` demo preset (600 TPS × 2 pemilihan, 40 desa): every signature verified, photos stored,
// audit entries written. Prints records/s, wall and CPU time, and the import process's peak RSS, with and without
// photos: the backend run as a library through tsx (import-run.ts), and `pleno import` as shipped (the compiled CLI,
// the whole process from start to exit). Aims (issue 3): < 2 s with photos, < 1 s without, peak < 200 MB. Figures
// only; nothing is asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateDemo, writeDemo } from '../electron/main/backend/services/demo/demo.service';
import { openBackend } from '../electron/main/backend/backend';
import { importMaster } from '../electron/main/backend/services/master/master.service';

const root = fileURLToPath(new URL('..', import.meta.url));
const runner = join(root, 'bench', 'import-run.ts');

interface Figures {
  files: number;
  records: number;
  rejected: number;
  ms: number;
  cpuMs: number;
  maxRssMb: number;
  rssBeforeMb: number;
  workers: string;
}

async function scenario(label: string, photos: boolean, runs: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-bench-import-'));
  try {
    const g0 = performance.now();
    const demo = generateDemo({ preset: 'besar', photos });
    await writeDemo(join(dir, 'demo'), demo);
    const photoCount = demo.records.reduce((n, r) => n + r.photos.length, 0);
    console.log(
      `${label}: demo generated in ${((performance.now() - g0) / 1000).toFixed(1)} s (${demo.bundles.length} bundles, ${photoCount} photos)`,
    );
    const all: Figures[] = [];
    for (let i = 0; i < runs; i++) {
      const dbPath = join(dir, `run${i}.db`);
      await masterOnly(dbPath, demo.master.bytes);
      const r = spawnSync(
        process.execPath,
        ['--import', 'tsx', runner, dbPath, join(dir, 'demo', 'tps'), join(dir, 'demo', 'qr')],
        {
          cwd: root,
          encoding: 'utf8',
        },
      );
      if (r.status !== 0) throw new Error(`import-run failed: ${r.stderr}`);
      all.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as Figures);
    }
    if (photos) await shipped(dir, demo.master.bytes, runs);
    all.sort((a, b) => a.ms - b.ms);
    const med = all[Math.floor(all.length / 2)]!;
    console.log(
      `${label}: ${med.records} records from ${med.files} files (${med.rejected} rejected) — median of ${runs}: ` +
        `${(med.ms / 1000).toFixed(2)} s wall, ${(med.cpuMs / 1000).toFixed(2)} s CPU, ${Math.round((med.records / med.ms) * 1000)} records/s; ` +
        `peak RSS ${Math.max(...all.map((f) => f.maxRssMb)).toFixed(0)} MB, of which ${Math.min(...all.map((f) => f.rssBeforeMb)).toFixed(0)} MB before the import ` +
        `(Node + tsx + backend modules) (runs: ${all.map((f) => (f.ms / 1000).toFixed(2)).join(', ')} s; workers ${med.workers})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `pleno import` into a database holding only the master, `runs` times: the whole process, as a PPK runs it. */
async function shipped(dir: string, masterBytes: Uint8Array, runs: number): Promise<void> {
  const out: { ms: number; cpuMs: number; maxRssMb: number }[] = [];
  for (let i = 0; i < runs; i++) {
    const db = join(dir, `cli${i}.db`);
    await masterOnly(db, masterBytes);
    const rusage = join(dir, `cli${i}.json`);
    const preload = pathToFileURL(join(root, 'bench', 'rusage-on-exit.mjs')).href;
    const args = ['--import', preload, join(root, 'bin', 'pleno.mjs'), 'import', '--db', db];
    const r = spawnSync(process.execPath, [...args, join(dir, 'demo', 'tps'), join(dir, 'demo', 'qr')], {
      cwd: root,
      env: { ...process.env, PLENO_RUSAGE_OUT: rusage },
      encoding: 'utf8',
    });
    if (r.status !== 0) throw new Error(`pleno import failed: ${r.stderr}`);
    out.push(JSON.parse(readFileSync(rusage, 'utf8')) as { ms: number; cpuMs: number; maxRssMb: number });
  }
  out.sort((a, b) => a.ms - b.ms);
  const med = out[Math.floor(out.length / 2)]!;
  console.log(
    `besar with photos, pleno import as shipped (compiled CLI, the whole process) — median of ${runs}: ` +
      `${(med.ms / 1000).toFixed(2)} s wall, ${(med.cpuMs / 1000).toFixed(2)} s CPU; ` +
      `peak RSS ${Math.max(...out.map((f) => f.maxRssMb)).toFixed(0)} MB`,
  );
}

/** A new database at `dbPath` holding the data master only. */
async function masterOnly(dbPath: string, masterBytes: Uint8Array): Promise<void> {
  const b = await openBackend({ dbPath, mode: 'web' });
  const m = importMaster(b.ctx, masterBytes);
  await b.close();
  if (!m.ok) throw new Error(m.error.message);
}

// The CLI bundle, whose compiled worker entries the import's workers start from (bench/import-run.ts).
const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--if-stale'], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`build-cli: ${built.stderr}`);
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(
  `import bench (load average ${load} on ${(await import('node:os')).cpus().length} CPUs; wall time depends on it, CPU time less)`,
);
await scenario('besar with photos', true, 3);
await scenario('besar without photos', false, 3);
