// The app's background sender (docs/kirim.md): runs the §4.5 sender in the backend process (never the renderer),
// keeps each push's live progress for the Kirim screen, and emits `kirim-changed` (throttled) as it goes.
// It starts when the Kirim feature loads, again after each issued document, on "Kirim ulang sekarang", and when the
// network comes back: every 5 s it compares the machine's network addresses, and while a backoff wait is longer
// than a minute it asks the receiver's cheap `GET /v1/hello` once a minute; either sign of a link starts a new run
// at once instead of waiting up to 30 minutes.
import { networkInterfaces } from 'node:os';
import type { BackendContext } from '../../context';
import { currentPenerima, fotoSeluler, latestTandaTerima, listManifests } from '../../repositories/kirim.repo';
import { kirimOutbox, type KirimEvent, type KirimOptions } from './sender';

export interface PushLive {
  stage: KirimEvent['stage'];
  sent: number;
  total: number;
  /** When bytes started moving in this stage (ms epoch), for the rate. */
  since: number;
  reason: string | null;
  ditolak: boolean;
}

export interface RunnerView {
  running: boolean;
  nextAttemptAt: string | null;
  online: boolean | null;
  live: ReadonlyMap<string, PushLive>;
}

export interface KirimRunner {
  view(): RunnerView;
  /** Starts a run now (a run under way is told to stop waiting and start over). */
  kick(why: string): void;
  close(): Promise<void>;
}

export interface RunnerOptions {
  /** Network check period (default 5 s) and hello probe period during long waits (default 60 s). */
  netMs?: number;
  probeMs?: number;
  send?: Partial<KirimOptions>;
}

type Ctx = Pick<BackendContext, 'db' | 'dataDir' | 'clock' | 'events' | 'log'>;

/** Non-loopback addresses of this machine: a change means a link came or went. */
export function networkSignature(): string {
  const out: string[] = [];
  for (const [name, addrs] of Object.entries(networkInterfaces()))
    for (const a of addrs ?? []) if (!a.internal) out.push(`${name}/${a.address}`);
  return out.sort().join(',');
}

function hasWork(ctx: Ctx): boolean {
  if (!currentPenerima(ctx.db)) return false;
  return listManifests(ctx.db).some((m) => latestTandaTerima(ctx.db, m.sha256)?.status !== 'lengkap');
}

export function createKirimRunner(ctx: Ctx, opts: RunnerOptions = {}): KirimRunner {
  const live = new Map<string, PushLive>();
  let ctrl: AbortController | null = null;
  let again = false;
  let closed = false;
  let nextAt: number | null = null;
  let online: boolean | null = null;
  let current: Promise<void> = Promise.resolve();
  let lastEmit = 0;
  let emitTimer: NodeJS.Timeout | null = null;

  const emit = (now = false): void => {
    const fire = () => {
      emitTimer = null;
      lastEmit = Date.now();
      ctx.events.emit({ type: 'kirim-changed' });
    };
    if (now || Date.now() - lastEmit > 250) fire();
    else emitTimer ??= setTimeout(fire, 250);
  };

  const onEvent = (e: KirimEvent): void => {
    const prev = live.get(e.manifest);
    const moving = e.stage === 'objek' || e.stage === 'berkas';
    live.set(e.manifest, {
      stage: e.stage,
      sent: e.sent,
      total: e.total,
      since: moving && prev && (prev.stage === 'objek' || prev.stage === 'berkas') ? prev.since : Date.now(),
      reason: e.reason ?? null,
      ditolak: e.ditolak === true || e.stage === 'ditolak',
    });
    if (e.stage === 'manifest') nextAt = null;
    // a link failure says offline; any answer of the receiver (even a refusal) says online
    online = !(e.stage === 'gagal' && /sambungan/.test(e.reason ?? ''));
    emit(e.stage !== 'berkas');
  };

  async function cycle(): Promise<void> {
    do {
      again = false;
      if (closed || !hasWork(ctx)) break;
      ctrl = new AbortController();
      try {
        await kirimOutbox(ctx, {
          batasMs: 7 * 24 * 3600_000,
          foto: fotoSeluler(ctx.db),
          signal: ctrl.signal,
          onEvent,
          onWait: (ms) => {
            nextAt = Date.now() + ms;
            emit(true);
          },
          ...opts.send,
        });
      } catch (err) {
        ctx.log.error('kirim run failed', err);
      }
      ctrl = null;
      nextAt = null;
    } while (again && !closed);
    emit(true);
  }

  const kick = (why: string): void => {
    if (closed) return;
    ctx.log.info('kirim run requested', { why });
    if (ctrl) {
      again = true;
      ctrl.abort();
      return;
    }
    current = cycle();
    emit(true);
  };

  const unsubscribe = ctx.events.subscribe((e) => {
    if (e.type === 'documents-changed') kick('dokumen diterbitkan');
  });
  let sig = networkSignature();
  const net = setInterval(() => {
    const now = networkSignature();
    if (now !== sig && now !== '' && ctrl) kick('jaringan berubah');
    sig = now;
  }, opts.netMs ?? 5_000);
  net.unref();
  const probe = setInterval(() => void probeHello(), opts.probeMs ?? 60_000);
  probe.unref();

  async function probeHello(): Promise<void> {
    const p = currentPenerima(ctx.db);
    if (!p || !ctrl || nextAt === null || nextAt - Date.now() < 60_000) return;
    try {
      const res = await fetch(new URL('/v1/hello', p.url), { signal: AbortSignal.timeout(10_000) });
      await res.arrayBuffer();
      if (res.ok) kick('penerima dapat dihubungi lagi');
    } catch {
      online = false;
    }
  }

  kick('fitur kirim dimuat');
  return {
    view: () => ({
      running: ctrl !== null && nextAt === null,
      nextAttemptAt: nextAt === null ? null : new Date(nextAt).toISOString(),
      online,
      live,
    }),
    kick,
    async close() {
      closed = true;
      unsubscribe();
      clearInterval(net);
      clearInterval(probe);
      if (emitTimer) clearTimeout(emitTimer);
      ctrl?.abort();
      // an upload under way ends at its own pace (at most the request timeout); do not hold the backend's close
      await Promise.race([current, new Promise((r) => setTimeout(r, 2_000).unref())]);
    },
  };
}
