// LAN intake benchmark (issue 4): 600 simulated KPPS devices post 1,200 signed C.Hasil envelopes (gubernur +
// bupati each) to the real LAN receiver on 127.0.0.1 over 50 concurrent connections, like phones at the evening
// peak. Each post is verified and stored by the import service and answered with a signed receipt that the phone
// side verifies. The phones run in a worker thread (as real phones are other machines), the receiver on the main
// thread. Prints records/s (aim ≥ 500/s), the receiver thread's busy time per record (what the rate would be on
// an otherwise idle laptop), and checks in the database that none was lost or doubled. Then (lan-attack.ts) the
// latency of a legitimate phone quiet and under each issue-14 attack, p50/p99.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createKecamatanFixture } from '../tests/support/records';
import { startLanReceiver } from '../electron/main/backend/lan/receiver';
import { pushFile, readHello } from '../electron/main/backend/lan/kpps-client';
import { legitLatencyUnderAttack } from './lan-attack';

const DEVICES = 600;
const CONCURRENCY = 50;

interface PhoneReport {
  secs: number;
  statuses: Record<string, number>;
  latencies: number[];
}

async function phones(url: string, jobs: Uint8Array[]): Promise<PhoneReport> {
  const hello = await readHello(url);
  if (!hello.ok) throw new Error(hello.reason);
  const statuses: Record<string, number> = {};
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < jobs.length) {
        const bytes = jobs[next++]!;
        const t = performance.now();
        const r = await pushFile(url, hello.value, 'c-hasil', bytes, { retries: 0 });
        latencies.push(performance.now() - t);
        statuses[r.status] = (statuses[r.status] ?? 0) + 1;
        if (r.status === 'ditolak') console.error(`rejected: ${r.httpStatus} ${r.reason}`);
      }
    }),
  );
  return { secs: (performance.now() - started) / 1000, statuses, latencies };
}

if (process.argv[2] === '--phones') {
  // The phones: a separate process, as real phones are other machines.
  const { url, jobs } = JSON.parse(readFileSync(process.argv[3]!, 'utf8')) as { url: string; jobs: string[] };
  const report = await phones(
    url,
    jobs.map((b) => new Uint8Array(Buffer.from(b, 'base64'))),
  );
  process.stdout.write(JSON.stringify(report));
} else {
  const t0 = performance.now();
  const fx = await createKecamatanFixture({ desa: 30, tpsPerDesa: DEVICES / 30 });
  // 600 phones share one loopback address here; on a LAN each has its own, so lift the per-address caps.
  const rx = await startLanReceiver(fx.backend.ctx, {
    port: 0,
    host: '127.0.0.1',
    mdns: false,
    addressRateLimit: { capacity: 100_000, refillPerSecond: 100_000 },
    connections: { perAddress: 1000 },
  });
  const url = `http://127.0.0.1:${rx.port}`;
  const jobs: Uint8Array[] = [];
  // Interleaved so that concurrent posts come from different devices, as on a real evening.
  for (const p of ['gubernur', 'bupati'] as const)
    for (const d of fx.devices) jobs.push(fx.envelopeBytes(fx.record(d.tps, p)));
  console.log(
    `setup: ${fx.devices.length} devices, ${jobs.length} envelopes, ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const jobsFile = join(fx.dir, 'jobs.json');
  writeFileSync(jobsFile, JSON.stringify({ url, jobs: jobs.map((b) => Buffer.from(b).toString('base64')) }));
  const cpu0 = process.cpuUsage();
  // How long the receiver's event loop was held at a time (the group commit verifies and stores a batch per turn).
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  const report = await new Promise<PhoneReport>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', new URL(import.meta.url).pathname, '--phones', jobsFile],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(JSON.parse(out) as PhoneReport) : reject(new Error(`phones exited ${code}`)),
    );
  });
  const cpu = process.cpuUsage(cpu0);
  loopDelay.disable();
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const db = fx.backend.ctx.db;
  await rx.close();
  const stored = (db.prepare("SELECT count(*) AS n FROM submission WHERE channel = 'lan'").get() as { n: number }).n;
  const distinct = (
    db.prepare("SELECT count(DISTINCT tps || ':' || pemilihan) AS n FROM submission WHERE channel = 'lan'").get() as {
      n: number;
    }
  ).n;
  const contacts = (db.prepare('SELECT count(*) AS n FROM lan_contact').get() as { n: number }).n;
  const lat = report.latencies.sort((a, b) => a - b);
  const cpuMsPerRecord = cpuMs / jobs.length;

  console.log(
    `LAN intake: ${jobs.length} envelopes from ${DEVICES} devices, ${CONCURRENCY} concurrent connections, 127.0.0.1`,
  );
  console.log(
    `  wall time ${report.secs.toFixed(2)} s → ${(jobs.length / report.secs).toFixed(0)} records/s (aim ≥ 500/s)`,
  );
  console.log(
    `  receiver process CPU ${cpuMs.toFixed(0)} ms = ${cpuMsPerRecord.toFixed(2)} ms/record → capacity ≈ ${(1000 / cpuMsPerRecord).toFixed(0)} records/s ` +
      `of CPU on one core (fsync waits excluded; this machine: load ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores, shared)`,
  );
  console.log(
    `  latency per post: median ${lat[Math.floor(lat.length / 2)]!.toFixed(1)} ms, p95 ${lat[Math.floor(lat.length * 0.95)]!.toFixed(1)} ms`,
  );
  console.log(
    `  receiver event loop held: p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms, max ${(loopDelay.max / 1e6).toFixed(1)} ms ` +
      `(a turn of the loop: one group-commit batch of verification and storing)`,
  );
  console.log(
    `  answers: ${Object.entries(report.statuses)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}; every receipt verified against the hello key`,
  );
  console.log(
    `  in the database: ${stored} stored, ${distinct} distinct TPS+pemilihan, ${contacts} contacts logged → ${stored === jobs.length && distinct === jobs.length ? 'none lost, none doubled' : 'MISMATCH'}`,
  );
  await fx.close();
  if (stored !== jobs.length || distinct !== jobs.length) process.exit(1);
  console.log('');
  await legitLatencyUnderAttack();
}
