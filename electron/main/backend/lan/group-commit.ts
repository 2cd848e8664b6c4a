// Group commit for LAN envelopes: requests whose bodies arrive close together are imported in one write
// transaction (each through the import service, which runs it in its own savepoint, so every record is still
// all-or-nothing on its own), then committed with one fsync and answered together. With synchronous=FULL a commit
// costs a few milliseconds of fsync; at the evening peak 50 phones post at once and sharing that cost is what keeps
// intake above 500 records/s. Nothing is answered before its commit: a receipt always means stored.
//
// Bounded turns (issue 14): no turn of the event loop holds more than CHECK_SLICE envelopes' JSON and signature
// checks (done ahead of the write, checkEnvelopesBytes) or one batch of at most `maxBatch` writes, so the UI, the
// projector and the next phone's request run in between, however many envelopes are queued. A batch is the head of
// the queue: envelopes arriving meanwhile wait behind it and never starve it.
//
// Only envelopes go through here: bundles carry photos whose files are flushed by the import service's own
// top-level transaction, so they are imported one by one.
//
//   createEnvelopeQueue(ctx, { maxBatch? }) → { submit(bytes, source): Promise<ImportOutcome> }
import type { BackendContext } from '../context';
import {
  checkEnvelopesBytes,
  importEnvelopeBytes,
  type EnvelopeCheck,
  type ImportOutcome,
  type ImportSource,
} from '../services/import/import.service';
import { runWrite } from '../db/command';

/** Signature checks per turn (~0.5 ms each on a laptop core). */
const CHECK_SLICE = 16;

interface Job {
  bytes: Uint8Array;
  source: ImportSource;
  /** undefined: not checked yet; null: not JSON (the import says why). */
  check?: EnvelopeCheck | null;
  resolve(o: ImportOutcome): void;
  reject(err: unknown): void;
}

export interface EnvelopeQueue {
  submit(bytes: Uint8Array, source: ImportSource): Promise<ImportOutcome>;
}

export function createEnvelopeQueue(ctx: BackendContext, opts: { maxBatch?: number } = {}): EnvelopeQueue {
  const maxBatch = opts.maxBatch ?? 64;
  let queue: Job[] = [];
  let scheduled = false;
  const schedule = () => {
    if (scheduled) return;
    scheduled = true;
    setImmediate(drain);
  };

  const runOne = (j: Job) => {
    try {
      j.resolve(importEnvelopeBytes(ctx, j.bytes, j.source, j.check));
    } catch (err) {
      j.reject(err);
    }
  };

  const store = (batch: Job[]) => {
    if (batch.length === 1) return runOne(batch[0]!);
    let outcomes: ImportOutcome[] | null = null;
    try {
      outcomes = runWrite(ctx, () => batch.map((j) => importEnvelopeBytes(ctx, j.bytes, j.source, j.check)));
    } catch (err) {
      // Something outside a record's own savepoint failed (disk full, a bug): nothing of this batch was
      // committed; retry each alone so one bad request cannot take the others down.
      ctx.log.warn('LAN group commit failed; importing the batch one by one', {
        error: String(err),
        size: batch.length,
      });
    }
    if (outcomes) batch.forEach((j, i) => j.resolve(outcomes![i]!));
    else batch.forEach(runOne);
  };

  function drain(): void {
    scheduled = false;
    if (queue.length === 0) return;
    const head = queue.slice(0, maxBatch);
    const unchecked = head.filter((j) => j.check === undefined);
    if (unchecked.length > 0) {
      const slice = unchecked.slice(0, CHECK_SLICE);
      checkEnvelopesBytes(
        ctx,
        slice.map((j) => j.bytes),
      ).forEach((c, i) => (slice[i]!.check = c));
      return schedule();
    }
    queue = queue.slice(head.length);
    if (queue.length > 0) schedule();
    store(head);
  }

  return {
    submit(bytes, source) {
      return new Promise<ImportOutcome>((resolve, reject) => {
        queue.push({ bytes, source, resolve, reject });
        schedule();
      });
    },
  };
}
