// The attacker as its own process (attackers are other machines: their loops must not slow the test's phone).
//   node attacker.mjs idle <port> <count> <addresses> <reopenMs>
//     holds <count> idle connections from 127.0.0.10… (<addresses> of them), reopening closed ones
//   node attacker.mjs post <port> <path> <type> <bodyFile> <parallel>
//     posts the file's bytes in <parallel> loops from 127.0.0.1, each on a fresh connection
//   node attacker.mjs junk|cut <port> <size> <parallel>
//     posts <size> random bytes to /v1/c-hasil (every body distinct); `cut` declares twice that and hangs up
// Runs until stdin ends (the test closes it), then prints one JSON line of counts and exits. Loopback only.
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { randomBytes } from 'node:crypto';

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

function cutOnce(size) {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port, localAddress: '127.0.0.1' });
    let answer = '';
    s.on('data', (d) => (answer += d.toString('latin1')));
    s.on('error', () => {});
    s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0)));
    const head = `POST /v1/c-hasil HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${size * 2}\r\n\r\n`;
    s.write(head);
    s.write(randomBytes(size), () => s.end());
    setTimeout(() => s.destroy(), 5000);
  });
}

function junk(kind, size, parallel) {
  for (let i = 0; i < parallel; i++) {
    void (async () => {
      while (!stopped) {
        const status =
          kind === 'cut' ? await cutOnce(size) : await postOnce('/v1/c-hasil', 'application/json', randomBytes(size));
        counts.statuses[status] = (counts.statuses[status] ?? 0) + 1;
      }
    })();
  }
  return () => {};
}

const cleanup =
  mode === 'idle'
    ? idle(Number(rest[0]), Number(rest[1]), Number(rest[2]))
    : mode === 'post'
      ? post(rest[0], rest[1], rest[2], Number(rest[3]))
      : junk(mode, Number(rest[0]), Number(rest[1]));
process.stdout.write('started\n');
process.stdin.resume();
process.stdin.on('end', () => {
  stopped = true;
  cleanup();
  process.stdout.write(`${JSON.stringify(counts)}\n`);
  setTimeout(() => process.exit(0), 100);
});
