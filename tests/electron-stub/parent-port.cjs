// Stands in for Electron's `process.parentPort` in a utility process: loaded with `node -r` into the real Node child
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module loaded with node -r */
// that the stand-in's utilityProcess.fork starts (see electron.cjs). Messages are Node's fork IPC ('advanced'
// serialization = structured clone, as Electron's MessagePort).
// STUB_BLOCK_METHOD / STUB_BLOCK_MS: before the host sees a call of that method, this child's only thread is blocked
// synchronously for that long, exactly as a long synchronous backend task (an unzip, a big import) would block it.
const { EventEmitter } = require('node:events');

const port = new EventEmitter();
const blockMethod = process.env.STUB_BLOCK_METHOD;
const blockMs = Number(process.env.STUB_BLOCK_MS ?? 0);

process.on('message', (data) => {
  if (blockMethod && data && data.t === 'call' && data.method === blockMethod) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, blockMs);
  }
  port.emit('message', { data, ports: [] });
});
port.postMessage = (message) => process.send(message);
// Electron ends a utility process whose parent is gone; so does this stand-in.
process.on('disconnect', () => process.exit(0));
process.parentPort = port;
