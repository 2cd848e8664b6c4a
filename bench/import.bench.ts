// Import of the `besar` demo preset (600 TPS × 2 pemilihan, 40 desa): every signature verified, photos stored,
// audit entries written. Prints records/s, wall and CPU time, and the import process's peak RSS, with and without
// photos. Aims (issue 3): < 2 s with photos, < 1 s without, peak < 200 MB. Figures only; nothing is asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
      const b = await openBackend({ dbPath, mode: 'web' });
      const m = importMaster(b.ctx, demo.master.bytes);
      await b.close();
      if (!m.ok) throw new Error(m.error.message);
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

// The CLI bundle, whose compiled worker entries the import's workers start from (bench/import-run.ts).
const built = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs'), '--if-stale'], { encoding: 'utf8' });
if (built.status !== 0) throw new Error(`build-cli: ${built.stderr}`);
const load = (await import('node:os')).loadavg()[0]!.toFixed(1);
console.log(
  `import bench (load average ${load} on ${(await import('node:os')).cpus().length} CPUs; wall time depends on it, CPU time less)`,
);
await scenario('besar with photos', true, 3);
await scenario('besar without photos', false, 3);
