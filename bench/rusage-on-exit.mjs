// Preloaded (`node --import`) into a process the import bench runs as shipped (`pleno import`): at exit it writes that
// process's own CPU time and peak RSS, as one JSON line, to the file named in PLENO_RUSAGE_OUT.
import { writeFileSync } from 'node:fs';
const t0 = Date.now();
process.on('exit', () => {
  const r = process.resourceUsage();
  const out = { ms: Date.now() - t0, cpuMs: (r.userCPUTime + r.systemCPUTime) / 1000, maxRssMb: r.maxRSS / 1024 };
  writeFileSync(process.env.PLENO_RUSAGE_OUT, JSON.stringify(out));
});
