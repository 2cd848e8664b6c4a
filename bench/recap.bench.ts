// Full recap of the `besar` demo (600 TPS, 2 pemilihan) from the database: median of N runs of recap(ctx) (the
// §5.1 JSON for all pemilihan) and of one pemilihan, wall and CPU, after warm-up; and the first (cold) call.
// The read model is kept per committed database state (services/plenary/plenary-snapshot.ts), so each figure is
// taken twice: right after a write (a kejadian khusus recorded, untimed: the model is derived anew, what a screen
// pays after every decision) and with nothing written in between (the kept model).
// Aim (issue 3): < 20 ms. Figures only.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recap } from '../electron/main/backend/services/recap/recap.service';
import { verifyAudit } from '../electron/main/backend/repositories/audit.repo';
import { commitKejadian, openBesarDemo } from './besar-demo';

const N = 41;
const WARM = 20;
const dir = mkdtempSync(join(tmpdir(), 'pleno-bench-recap-'));
try {
  const b = await openBesarDemo(join(dir, 'besar.db'));
  try {
    const write = () => commitKejadian(b);
    const measure = (label: string, fn: () => unknown, before?: () => void) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < N; i++) {
        before?.();
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        fn();
        wall.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      console.log(
        `${label}: median of ${N}: ${med(wall).toFixed(1)} ms wall, ${med(cpu).toFixed(1)} ms CPU (min ${Math.min(...wall).toFixed(1)} ms)`,
      );
    };
    // The first call compiles the code (what one `pleno recap --json` pays); the medians below are of warm calls,
    // after WARM untimed ones, so they do not depend on how many of the N runs the JIT still needed.
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    const r = recap(b.ctx)!;
    const c1 = process.cpuUsage(c0);
    console.log(
      `recap, all pemilihan, first call: ${(performance.now() - w0).toFixed(1)} ms wall, ${((c1.user + c1.system) / 1000).toFixed(1)} ms CPU`,
    );
    for (let i = 0; i < WARM; i++) {
      write();
      recap(b.ctx);
      write();
      recap(b.ctx, 'bupati');
    }
    console.log(
      `recap bench: ${r.pemilihan.map((p) => `${p.id} ${p.tps.masuk}/${p.tps.total} TPS`).join(', ')}; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`,
    );
    measure('recap, all pemilihan (600 TPS × 2), after a write', () => recap(b.ctx), write);
    measure('recap, one pemilihan (600 TPS), after a write', () => recap(b.ctx, 'bupati'), write);
    measure('recap, all pemilihan (600 TPS × 2), unchanged data', () => recap(b.ctx));
    measure('recap, one pemilihan (600 TPS), unchanged data', () => recap(b.ctx, 'bupati'));
    // Not a recap, but the same database: what `pleno audit verify` costs at this size.
    const t0 = performance.now();
    const v = verifyAudit(b.ctx.db);
    console.log(
      `audit verify of the same database: ${v.entries} entries, ${v.rows} rows, ok=${v.ok}, ${(performance.now() - t0).toFixed(0)} ms`,
    );
  } finally {
    await b.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
