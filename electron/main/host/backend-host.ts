// The backend host: plain Node, no 'electron' import. Under Electron it runs as a utilityProcess (talking over
// process.parentPort); it also runs under child_process.fork (process.send) or as a worker thread (parentPort), which
// is how the tests drive it on machines without an Electron binary. It opens the backend on the database the main
// process names, answers contract calls and forwards the backend's events. When it dies the main process restarts it
// and asks for a re-check (see electron/main/platform/backend-process.ts).
import { parentPort as workerPort } from 'node:worker_threads';
import type { Backend, ServedBackend } from '../backend/backend';
import { openHostedBackend } from '../backend/hosted';
import type { AuditVerifyView } from '../../../shared/contracts/audit.contract';
import { isToHost, type FromHost, type Recheck, type ToHost } from './protocol';

interface Channel {
  send(message: FromHost): void;
  listen(onMessage: (message: unknown) => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

function connect(): Channel {
  const electronPort = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (electronPort) {
    return {
      send: (m) => electronPort.postMessage(m),
      listen: (fn) => electronPort.on('message', (e) => fn(e.data)),
    };
  }
  if (process.send) {
    // A parent that goes away (crash, kill) takes the host with it: nobody could reach the database through us.
    process.on('disconnect', () => void shutdown(0));
    return { send: (m) => void process.send?.(m), listen: (fn) => process.on('message', fn) };
  }
  if (workerPort) {
    const port = workerPort;
    return { send: (m) => port.postMessage(m), listen: (fn) => port.on('message', fn) };
  }
  throw new Error('backend-host: started without a parent channel (utilityProcess, fork or worker)');
}

let backend: ServedBackend | null = null;
let opening: Promise<void> | null = null;

async function open(channel: Channel, dbPath: string, recheck: boolean): Promise<void> {
  const hosted = await openHostedBackend({ dbPath, mode: 'electron' });
  backend = hosted;
  const startupError = hosted.startupError();
  const full = hosted.current();
  if (startupError) process.stderr.write(`Pleno backend: ${startupError.detail}\n`);
  hosted.events.subscribe((event) => channel.send({ t: 'event', event }));
  const checked = recheck && !startupError ? await recheckAudit(hosted) : null;
  channel.send({ t: 'ready', startupError, recheck: checked });
  if (full) void resumeKirim(full);
  // A restore over a damaged or read-only database reopens the backend: the receiver follows it.
  await hosted.follow(startPenerima);
}

/** After a crash: the database reopened (header, lock, schema checks, WAL recovery); now the audit chain. */
async function recheckAudit(b: ServedBackend): Promise<Recheck> {
  const r = await b.dispatch('audit.verify', {});
  if (!r.ok) return { ok: false, message: `Pemeriksaan ulang basis data tidak dapat dijalankan: ${r.error.message}` };
  const v = r.value as AuditVerifyView;
  return v.ok
    ? { ok: true, message: `Basis data diperiksa ulang: rantai audit utuh (${v.entries} entri).` }
    : {
        ok: false,
        message: `Basis data diperiksa ulang: rantai audit bermasalah (${v.problems.length} temuan). Buka menu Audit dan laporkan.`,
      };
}

let shuttingDown = false;
async function shutdown(code: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  try {
    await opening;
    await backend?.close();
  } finally {
    process.exit(code);
  }
}

async function handle(channel: Channel, m: ToHost): Promise<void> {
  if (m.t === 'open') {
    opening ??= open(channel, m.dbPath, m.recheck);
    return opening;
  }
  if (m.t === 'close') {
    await opening;
    await backend?.close();
    channel.send({ t: 'closed' });
    return shutdown(0);
  }
  await opening;
  if (!backend) {
    channel.send({
      t: 'result',
      id: m.id,
      result: { ok: false, error: { code: 'INTERNAL', message: 'Layanan data Pleno belum siap.' } },
    });
    return;
  }
  channel.send({ t: 'result', id: m.id, result: await backend.dispatch(m.method, m.input) });
}

function fatal(kind: string, err: unknown): void {
  // English for the log; the main process tells the user and restarts us. The WAL keeps every committed change.
  process.stderr.write(`Pleno backend: ${kind}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(70);
}
process.on('uncaughtException', (err) => fatal('uncaught exception', err));
process.on('unhandledRejection', (err) => fatal('unhandled rejection', err));

const channel = connect();
channel.listen((message) => {
  if (isToHost(message)) void handle(channel, message);
});

/** Pushes waiting in the outbox resume when the app starts (services/kirim/autostart.ts), not at the Kirim screen. */
async function resumeKirim(b: Backend): Promise<void> {
  try {
    const { resumePendingPushes } = await import('../backend/services/kirim/autostart');
    await resumePendingPushes(b);
  } catch (err) {
    b.ctx.log.error('resuming pending pushes failed', err);
  }
}

/**
 * A receiver (kab/kota) database also answers the kecamatan pushes, as `pleno serve` does: the §4 receiver on
 * PLENO_PENERIMA_PORT (default 8418, all interfaces). A port already taken is logged (hosted.ts); the app still opens.
 */
async function startPenerima(b: Backend): Promise<(() => Promise<void>) | null> {
  const { startReceiverIfPenerima } = await import('../backend/penerima/autostart');
  const port = process.env.PLENO_PENERIMA_PORT ? Number(process.env.PLENO_PENERIMA_PORT) : undefined;
  const server = await startReceiverIfPenerima(b, port);
  return server && (() => server.close());
}
