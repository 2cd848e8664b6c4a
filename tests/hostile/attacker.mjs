// The attacker as its own process (attackers are other machines: their loops must not slow the test's phone).
//   node attacker.mjs idle <port> <count> <addresses> <reopenMs>
//     holds <count> idle connections from 127.0.0.10… (<addresses> of them), reopening closed ones
//   node attacker.mjs post <port> <path> <type> <bodyFile> <parallel>
//     posts the file's bytes in <parallel> loops from 127.0.0.1, each on a fresh connection
// Runs until stdin ends (the test closes it), then prints one JSON line of counts and exits. Loopback only.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';

const [mode, portText, ...rest] = process.argv.slice(2);
const port = Number(portText);
let stopped = false;
const counts = { opened: 0, statuses: {} };

function idle(count, addresses, reopenMs) {
  const open = new Set();
  const openOne = (i) => {
    if (stopped) return;
    const s = connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${10 + (i % addresses)}` });
    counts.opened += 1;
    open.add(s);
    s.on('error', () => {});
    s.on('close', () => {
      open.delete(s);
      if (!stopped) setTimeout(() => openOne(i), reopenMs);
    });
  };
  for (let i = 0; i < count; i++) openOne(i);
  return () => {
    for (const s of open) s.destroy();
  };
}

function postOnce(path, type, body) {
  return new Promise((resolve) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        localAddress: '127.0.0.1',
        agent: false,
        timeout: 10_000,
        headers: { 'Content-Type': type, 'Content-Length': String(body.length), Connection: 'close' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

function post(path, type, bodyFile, parallel) {
  const body = readFileSync(bodyFile);
  for (let i = 0; i < parallel; i++) {
    void (async () => {
      while (!stopped) {
        const status = await postOnce(path, type, body);
        counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
      }
    })();
  }
  return () => {};
}

const cleanup =
  mode === 'idle'
    ? idle(Number(rest[0]), Number(rest[1]), Number(rest[2]))
    : post(rest[0], rest[1], rest[2], Number(rest[3]));
process.stdout.write('started\n');
process.stdin.resume();
process.stdin.on('end', () => {
  stopped = true;
  cleanup();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  setTimeout(() => process.exit(0), 100);
});
