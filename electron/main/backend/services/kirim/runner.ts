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

/**
 * Watches for a link coming back while a backoff wait is under way: network addresses changing, or — after a link
 * failure, when the planned retry is further off than one probe period — the receiver answering `GET /v1/hello`.
 */
function watchLink(
  ctx: Ctx,
  opts: RunnerOptions,
  waiting: () => { nextAt: number; offline: boolean } | null,
  kick: (why: string) => void,
) {
  let sig = networkSignature();
  const net = setInterval(() => {
    const now = networkSignature();
    if (now !== sig && now !== '' && waiting() !== null) kick('jaringan berubah');
    sig = now;
  }, opts.netMs ?? 5_000);
  net.unref();
  const probeMs = opts.probeMs ?? 60_000;
  const probe = setInterval(() => {
    const p = currentPenerima(ctx.db);
    const w = waiting();
    if (!p || !w || !w.offline || w.nextAt - Date.now() < probeMs) return;
    fetch(new URL('/v1/hello', p.url), { signal: AbortSignal.timeout(10_000) })
      .then(async (res) => {
        await res.arrayBuffer();
        if (res.ok) kick('penerima dapat dihubungi lagi');
      })
      .catch(() => undefined);
  }, probeMs);
  probe.unref();
  return () => {
    clearInterval(net);
    clearInterval(probe);
  };
}

class Runner implements KirimRunner {
  private readonly live = new Map<string, PushLive>();
  private ctrl: AbortController | null = null;
  private again = false;
  private closed = false;
  private nextAt: number | null = null;
  private online: boolean | null = null;
  private current: Promise<void> = Promise.resolve();
  private lastEmit = 0;
  private emitTimer: NodeJS.Timeout | null = null;
  private readonly stops: (() => void)[] = [];

  constructor(
    private readonly ctx: Ctx,
    private readonly opts: RunnerOptions,
  ) {
    this.stops.push(
      ctx.events.subscribe((e) => {
        if (e.type === 'documents-changed') this.kick('dokumen diterbitkan');
      }),
      watchLink(
        ctx,
        opts,
        () => (this.ctrl && this.nextAt !== null ? { nextAt: this.nextAt, offline: this.online === false } : null),
        (why) => this.kick(why),
      ),
    );
  }

  private emit(now = false): void {
    const fire = () => {
      this.emitTimer = null;
      this.lastEmit = Date.now();
      this.ctx.events.emit({ type: 'kirim-changed' });
    };
    if (now || Date.now() - this.lastEmit > 250) fire();
    else this.emitTimer ??= setTimeout(fire, 250);
  }

  private onEvent(e: KirimEvent): void {
    const prev = this.live.get(e.manifest);
    const moving = (s: KirimEvent['stage'] | undefined) => s === 'objek' || s === 'berkas';
    this.live.set(e.manifest, {
      stage: e.stage,
      sent: e.sent,
      total: e.total,
      since: moving(e.stage) && moving(prev?.stage) ? prev!.since : Date.now(),
      reason: e.reason ?? null,
      ditolak: e.ditolak === true || e.stage === 'ditolak',
    });
    if (e.stage === 'manifest') this.nextAt = null;
    // a link failure says offline; any answer of the receiver (even a refusal) says online
    this.online = !(e.stage === 'gagal' && /sambungan/.test(e.reason ?? ''));
    this.emit(e.stage !== 'berkas');
  }

  private async cycle(): Promise<void> {
    do {
      this.again = false;
      if (this.closed || !hasWork(this.ctx)) break;
      this.ctrl = new AbortController();
      try {
        await kirimOutbox(this.ctx, {
          batasMs: 7 * 24 * 3600_000,
          foto: fotoSeluler(this.ctx.db),
          signal: this.ctrl.signal,
          onEvent: (e) => this.onEvent(e),
          onWait: (ms) => {
            this.nextAt = Date.now() + ms;
            this.emit(true);
          },
          ...this.opts.send,
        });
      } catch (err) {
        this.ctx.log.error('kirim run failed', err);
      }
      this.ctrl = null;
      this.nextAt = null;
    } while (this.again && !this.closed);
    this.emit(true);
  }

  kick(why: string): void {
    if (this.closed) return;
    this.ctx.log.info('kirim run requested', { why });
    if (this.ctrl) {
      this.again = true;
      this.ctrl.abort();
      return;
    }
    this.current = this.cycle();
    this.emit(true);
  }

  view(): RunnerView {
    return {
      running: this.ctrl !== null && this.nextAt === null,
      nextAttemptAt: this.nextAt === null ? null : new Date(this.nextAt).toISOString(),
      online: this.online,
      live: this.live,
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const stop of this.stops) stop();
    if (this.emitTimer) clearTimeout(this.emitTimer);
    this.ctrl?.abort();
    // an upload under way ends at its own pace (at most the request timeout); do not hold the backend's close
    await Promise.race([this.current, new Promise((r) => setTimeout(r, 2_000).unref())]);
  }
}

export function createKirimRunner(ctx: Ctx, opts: RunnerOptions = {}): KirimRunner {
  const runner = new Runner(ctx, opts);
  runner.kick('fitur kirim dimuat');
  return runner;
}
