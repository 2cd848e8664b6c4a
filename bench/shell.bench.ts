// Desktop shell responsiveness (issue 15): the bundled Electron main process, loaded in Node against the recording
// stand-in (tests/electron-stub/), with its backend in a real forked Node process (the stand-in's utilityProcess).
// A backend call blocks the backend process synchronously for BLOCK_MS (as a big unzip or import would); meanwhile
// the bench measures how long main takes to answer window and menu actions (window.open → projector, the menu's
// projector and main-window items, a print IPC it answers itself) and its event-loop lag. Reference, same run: the
// same kind of block inside the main process (where the backend ran before it had its own process). Aim: < 100 ms.
// Prints figures; asserts nothing.
import { join } from 'node:path';
import { buildBundle, probe, tempDir } from '../tests/electron-stub/probe';

const BLOCK_MS = Number(process.env.BLOCK_MS ?? 10_000);
const REFERENCE_MS = Number(process.env.REFERENCE_MS ?? 2_000);

interface Figures {
  blockedMs: number;
  rounds: number;
  p50: number;
  p99: number;
  max: number;
  lagMax: number;
  inMainLagMax: number;
}

const bundle = buildBundle('bench');
const t = tempDir();
try {
  const r = await probe<Figures>(
    `
    await h.start();
    const main = h.mainWindows()[0];
    const t0 = Date.now();
    let unblocked = null;
    const blocked = h.call('plenary.focus', {}).then(() => (unblocked = Date.now()));
    await h.sleep(200);
    const ms = [];
    let lagMax = 0;
    let last = performance.now();
    const lagTimer = setInterval(() => { const now = performance.now(); lagMax = Math.max(lagMax, now - last - 10); last = now; }, 10);
    while (unblocked === null) {
      const s = performance.now();
      main.webContents.openHandler({ url: 'app://pleno/index.html#/proyektor' });
      h.menuItem('Buka jendela proyektor').click();
      h.menuItem('Jendela utama').click();
      await h.print(-1);
      ms.push(performance.now() - s);
      await h.sleep(50);
    }
    clearInterval(lagTimer);
    await blocked;
    // Reference: the same block in the main process itself.
    let refLag = 0;
    let refLast = performance.now();
    const refTimer = setInterval(() => { const now = performance.now(); refLag = Math.max(refLag, now - refLast - 10); refLast = now; }, 10);
    await h.sleep(50);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.env.REFERENCE_MS));
    await h.sleep(50);
    clearInterval(refTimer);
    ms.sort((a, b) => a - b);
    const q = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
    h.done({ blockedMs: unblocked - t0, rounds: ms.length, p50: q(0.5), p99: q(0.99), max: ms.at(-1), lagMax, inMainLagMax: refLag });
    `,
    {
      PLENO_DB: join(t.dir, 'k.db'),
      PLENO_TEST_BUNDLE: bundle,
      STUB_BLOCK_METHOD: 'plenary.focus',
      STUB_BLOCK_MS: String(BLOCK_MS),
      REFERENCE_MS: String(REFERENCE_MS),
    },
  );
  const f = (n: number) => n.toFixed(1).padStart(8);
  console.log(`backend process blocked for ${r.blockedMs} ms; main answered ${r.rounds} rounds meanwhile`);
  console.log(
    `  window/menu/IPC round   p50 ${f(r.p50)} ms   p99 ${f(r.p99)} ms   max ${f(r.max)} ms   (aim < 100 ms)`,
  );
  console.log(`  main event-loop lag                                  max ${f(r.lagMax)} ms`);
  console.log(`reference, a ${REFERENCE_MS} ms block inside main:   event-loop lag max ${f(r.inMainLagMax)} ms`);
} finally {
  t.cleanup();
}
