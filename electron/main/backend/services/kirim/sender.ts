// The sender (docs/design.md §4.5): works through the outbox in order, per pemilihan by urutan — manifest, missing
// objects, commit as soon as the objects are in (the kabupaten has the numbers before any photo), then PDFs, then
// photos by tus, then commit again for `lengkap`. At most two requests at a time; exponential backoff with jitter up
// to 30 minutes; a 2xx without a valid receipt is not delivery; each receipt is verified and stored audited
// (steps.ts holds the single exchanges).
import type { BackendContext } from '../../context';
import { currentPenerima, latestTandaTerima, listManifests, type ManifestRow } from '../../repositories/kirim.repo';
import { ok, type Result } from '../../../../../shared/domain/result';
import { DEFAULT_REQUEST_TIMEOUT_MS, LinkError } from './http';
import {
  blobsToSend,
  commit,
  manifestOf,
  postManifest,
  putObjects,
  uploadBlobs,
  type Kurang,
  type Run,
  type Step,
} from './steps';

export { storeReceipt } from './steps';

/** Progress of one manifest in a run: bytes moved so far of what the receiver lacked when the run reached it. */
export interface KirimEvent {
  manifest: string;
  stage: 'manifest' | 'objek' | 'berkas' | 'selesai' | 'gagal' | 'ditolak';
  sent: number;
  total: number;
  reason?: string;
  /** The receiver refused the content (422): not retried this run. */
  ditolak?: boolean;
}

export interface KirimOptions {
  pemilihan?: string;
  /** Stop retrying after this long (ms); `pleno kirim --batas` (default 300 s). */
  batasMs: number;
  /** First backoff delay (ms); doubles per failed round up to `maxDelayMs` (30 min), with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** tus chunk size (bytes). */
  chunkSize?: number;
  /** Requests at once (§4.5: at most two). */
  parallel?: number;
  /** A request that moves no byte for this long is abandoned and retried (default 60 s). */
  timeoutMs?: number;
  /** Upload photos (default true); when false they wait ("foto lewat data seluler" off) and PDFs still go. */
  foto?: boolean;
  /** Stops the run between rounds (the app's "Kirim ulang sekarang" restarts it). */
  signal?: AbortSignal;
  onEvent?: (e: KirimEvent) => void;
  /** Told before each backoff wait (ms), so the app can show when the next attempt comes. */
  onWait?: (ms: number) => void;
}

export interface ManifestOutcome {
  kecamatan: string;
  pemilihan: string;
  urutan: number;
  manifest: string;
  status: 'lengkap' | 'menunggu-berkas' | 'belum';
  reason: string | null;
}

const DEFAULTS = { baseDelayMs: 1_000, maxDelayMs: 30 * 60_000, chunkSize: 256 * 1024, parallel: 2 };

export function backoffDelay(attempt: number, base: number, max: number): number {
  const cap = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return cap / 2 + Math.random() * (cap / 2);
}

/** Bytes still to move for `row` given what the receiver lacks. */
function bytesToMove(row: ManifestRow, kurang: Kurang, foto: boolean): number {
  const m = manifestOf(row).payload;
  const want = new Set(kurang.objek);
  const objek = m.objek.filter((o) => want.has(o.sha256)).reduce((n, o) => n + o.ukuran, 0);
  const { send, held } = blobsToSend(row, kurang, foto);
  return objek + send.reduce((n, b) => n + Math.max(0, b.ukuran - (held.get(b.sha256) ?? 0)), 0);
}

type Emit = (stage: KirimEvent['stage'], total?: number, reason?: string) => void;

/**
 * The numbers of one manifest: POST it, PUT the objects the receiver lacks, commit. Answers the step that ends it
 * (a lengkap receipt, a refusal, a retry) or, once the numbers are confirmed and blobs remain, what is still lacking.
 */
async function pushNumbers(run: Run, row: ManifestRow, emit: Emit): Promise<Step | { kind: 'berkas'; kurang: Kurang }> {
  const held = latestTandaTerima(run.ctx.db, row.sha256);
  emit('manifest');
  const first = await postManifest(run, row);
  if ('kind' in first) return first;
  let kurang = first;
  emit('objek', bytesToMove(row, kurang, run.foto));
  for (let round = 0; round < 3; round++) {
    if (kurang.objek.length > 0) {
      const p = await putObjects(run, row, kurang.objek);
      if (p) return p;
    }
    if (held?.status === 'menunggu-berkas' && kurang.berkas.length > 0) break; // numbers already confirmed
    const c = await commit(run, row);
    if (c.kind === 'kurang') {
      kurang = c.kurang;
      continue;
    }
    if (c.kind !== 'receipt' || c.status === 'lengkap') return c;
    break;
  }
  if (!latestTandaTerima(run.ctx.db, row.sha256)) return { kind: 'retry', reason: 'penerima masih kekurangan objek' };
  return { kind: 'berkas', kurang };
}

/** The blobs of a manifest whose numbers are confirmed, then the commit that upgrades it to lengkap. */
async function pushBlobs(run: Run, row: ManifestRow, kurang: Kurang, emit: Emit): Promise<Step> {
  emit('berkas');
  const p = await uploadBlobs(run, row, kurang);
  if (p) return p;
  const c = await commit(run, row);
  return c.kind === 'kurang' ? { kind: 'retry', reason: 'penerima masih kekurangan objek' } : c;
}

/** A manifest needs no more work this run: lengkap, refused, or parked (only photos not allowed are missing). */
function settled(run: Run, row: ManifestRow, refused: Set<string>): boolean {
  if (refused.has(row.sha256) || run.parked.has(row.sha256)) return true;
  return latestTandaTerima(run.ctx.db, row.sha256)?.status === 'lengkap';
}

interface RoundState {
  reasons: Map<string, string>;
  refused: Set<string>;
  progress: boolean;
}

/** Per-manifest progress reporting for this round: bytes moved of the bytes the receiver lacked. */
function emitterFor(run: Run, row: ManifestRow, o: KirimOptions): { emit: Emit; listen: () => void } {
  let sent = 0;
  let total = 0;
  const emit: Emit = (stage, t, reason) => {
    if (t !== undefined) total = t;
    o.onEvent?.({ manifest: row.sha256, stage, sent, total, ...(reason ? { reason } : {}) });
  };
  const listen = () => {
    run.progress = (m, n) => {
      if (m !== row.sha256) return;
      sent += n;
      emit('berkas');
    };
  };
  return { emit, listen };
}

const guard = <T>(work: Promise<T>): Promise<T | Step> =>
  work.catch((err: unknown): Step => {
    if (err instanceof LinkError) return { kind: 'retry', reason: 'sambungan ke penerima terputus' };
    throw err;
  });

/** Records how a manifest's step ended this round. */
function record(run: Run, row: ManifestRow, st: RoundState, emit: Emit, step: Step): void {
  if (step.kind === 'receipt') {
    st.progress = true;
    if (step.status === 'menunggu-berkas' && !run.foto) run.parked.add(row.sha256);
    st.reasons.delete(row.sha256);
    emit('selesai');
    return;
  }
  st.reasons.set(row.sha256, step.reason);
  if (step.kind === 'ditolak') st.refused.add(row.sha256);
  emit(step.kind === 'ditolak' ? 'ditolak' : 'gagal', undefined, step.reason);
}

/**
 * One pass over the outbox, numbers first across the whole outbox (§4.5): every pemilihan's manifests in urutan
 * order get their objects and commit before any blob of any of them moves, so a kecamatan's second pemilihan does
 * not wait behind the first one's photos; then the PDFs and photos of the manifests whose numbers are confirmed.
 * True when some manifest got a receipt.
 */
async function round(
  run: Run,
  rows: ManifestRow[],
  reasons: Map<string, string>,
  refused: Set<string>,
  o: KirimOptions,
) {
  const st: RoundState = { reasons, refused, progress: false };
  const blobs: { row: ManifestRow; kurang: Kurang; e: ReturnType<typeof emitterFor> }[] = [];
  for (const pemilihan of [...new Set(rows.map((r) => r.pemilihan))]) {
    for (const row of rows.filter((r) => r.pemilihan === pemilihan)) {
      if (settled(run, row, refused)) {
        if (refused.has(row.sha256)) break;
        continue;
      }
      const e = emitterFor(run, row, o);
      e.listen();
      const step = await guard(pushNumbers(run, row, e.emit));
      if (step.kind === 'berkas') blobs.push({ row, kurang: step.kurang, e });
      else record(run, row, st, e.emit, step);
      // A later manifest waits for this one, unless this one's numbers are confirmed (menunggu-berkas).
      if (!latestTandaTerima(run.ctx.db, row.sha256)) break;
    }
  }
  for (const { row, kurang, e } of blobs) {
    e.listen();
    record(run, row, st, e.emit, await guard(pushBlobs(run, row, kurang, e.emit)));
  }
  return st.progress;
}

const pause = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

/**
 * Pushes every manifest without a lengkap receipt, retrying with backoff until all are lengkap or `batasMs` passes.
 * Returns one outcome per manifest (in delivery order).
 */
export async function kirimOutbox(
  ctx: Pick<BackendContext, 'db' | 'dataDir' | 'clock'>,
  opts: KirimOptions,
): Promise<Result<ManifestOutcome[]>> {
  const penerima = currentPenerima(ctx.db);
  if (!penerima) {
    return {
      ok: false,
      error: { code: 'CONFLICT', message: 'Penerima belum dipasang: pasang sertifikat penerima dulu.' },
    };
  }
  const o = { ...DEFAULTS, ...opts };
  const run: Run = {
    ctx,
    penerima,
    chunkSize: o.chunkSize,
    parallel: o.parallel,
    timeoutMs: o.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    foto: o.foto ?? true,
    progress: () => {},
    parked: new Set(),
  };
  const rows = listManifests(ctx.db, opts.pemilihan);
  const reasons = new Map<string, string>();
  const refused = new Set<string>();
  const deadline = Date.now() + opts.batasMs;
  for (let attempt = 0; !opts.signal?.aborted; attempt++) {
    const progress = await round(run, rows, reasons, refused, opts);
    if (rows.every((r) => settled(run, r, refused))) break;
    const wait = backoffDelay(progress ? 0 : attempt, o.baseDelayMs, o.maxDelayMs);
    if (Date.now() + wait > deadline) break;
    opts.onWait?.(wait);
    await pause(wait, opts.signal);
  }
  return ok(rows.map((row) => outcomeOf(ctx, row, reasons.get(row.sha256) ?? null)));
}

function outcomeOf(ctx: Pick<BackendContext, 'db'>, row: ManifestRow, reason: string | null): ManifestOutcome {
  const m = manifestOf(row).payload;
  const t = latestTandaTerima(ctx.db, row.sha256);
  return {
    kecamatan: m.kecamatan,
    pemilihan: m.pemilihan,
    urutan: m.urutan,
    manifest: row.sha256,
    status: t ? t.status : 'belum',
    reason: t ? null : (reason ?? 'belum dicoba'),
  };
}

/** The §4.5 line of an outcome. */
export function outcomeLine(o: ManifestOutcome): string {
  const head = `${o.kecamatan} ${o.pemilihan} urutan ${o.urutan}`;
  return o.status === 'belum' ? `${head}: belum terkirim: ${o.reason}` : `${head}: ${o.status}`;
}
