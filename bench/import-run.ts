// Worker of bench/import.bench.ts (run in a fresh process so that its peak RSS is the import's alone):
// `node --import tsx bench/import-run.ts <db> <path>...` → one JSON line with the figures.
import { openBackend } from '../electron/main/backend/backend';
import { importPaths } from '../electron/main/backend/services/import/import.service';

const [dbPath, ...paths] = process.argv.slice(2);
if (!dbPath || paths.length === 0) {
  console.error('usage: import-run.ts <db> <path>...');
  process.exit(2);
}
// Workers start as the CLI starts them: from the compiled entries of the CLI bundle when it is fresh (import.bench.ts
// builds it first; workers/worker-task.ts compiledEntry), not by registering tsx in each worker thread.
const stamp = '../scripts/cli-stamp.mjs';
const { freshBundle } = (await import(stamp)) as { freshBundle(): string | null };
const bundle = freshBundle();
if (bundle) (globalThis as { plenoWorkerBundle?: string }).plenoWorkerBundle = bundle;
const b = await openBackend({ dbPath, mode: 'web' });
// What the process holds before importing (Node + tsx + every backend module): the import's own share is the rest.
const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const files = await importPaths(b.ctx, paths);
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
let records = 0;
let rejected = 0;
for (const f of files) {
  if (f.status === 'ditolak') rejected += 1;
  for (const o of f.outcomes) if (o.kind === 'record' && o.status !== 'ditolak') records += 1;
}
await b.close();
console.log(
  JSON.stringify({
    files: files.length,
    records,
    rejected,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
    heapUsedMb: process.memoryUsage().heapUsed / 1024 / 1024,
    workers: bundle ? 'compiled' : 'tsx',
  }),
);
