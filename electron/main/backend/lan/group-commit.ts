// Group commit for LAN envelopes: requests whose bodies arrive in the same event-loop turn are imported in one
// write transaction (each through the import service, which runs it in its own savepoint, so every record is
// still all-or-nothing on its own), then committed with one fsync and answered together. With synchronous=FULL a
// commit costs a few milliseconds of fsync; at the evening peak 50 phones post at once and sharing that cost is
// what keeps intake above 500 records/s. Nothing is answered before its commit: a receipt always means stored.
//
// Only envelopes go through here: bundles carry photos whose files are flushed by the import service's own
// top-level transaction, so they are imported one by one.
//
//   createEnvelopeQueue(ctx, { maxBatch? }) → { submit(bytes, source): Promise<ImportOutcome> }
import type { BackendContext } from '../context';
import { importEnvelopeBytes, type ImportOutcome, type ImportSource } from '../services/import/import.service';
import { runWrite } from '../db/command';

interface Job {
  bytes: Uint8Array;
  source: ImportSource;
  resolve(o: ImportOutcome): void;
  reject(err: unknown): void;
}

export interface EnvelopeQueue {
  submit(bytes: Uint8Array, source: ImportSource): Promise<ImportOutcome>;
}

export function createEnvelopeQueue(ctx: BackendContext, opts: { maxBatch?: number } = {}): EnvelopeQueue {
  const maxBatch = opts.maxBatch ?? 128;
  let queue: Job[] = [];
  let scheduled = false;

  const runOne = (j: Job) => {
    try {
      j.resolve(importEnvelopeBytes(ctx, j.bytes, j.source));
    } catch (err) {
      j.reject(err);
    }
  };

  const drain = () => {
    scheduled = false;
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      if (batch.length === 1) {
        runOne(batch[0]!);
        continue;
      }
      let outcomes: ImportOutcome[] | null = null;
      try {
        outcomes = runWrite(ctx, () => batch.map((j) => importEnvelopeBytes(ctx, j.bytes, j.source)));
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
    }
  };

  return {
    submit(bytes, source) {
      return new Promise<ImportOutcome>((resolve, reject) => {
        queue.push({ bytes, source, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(drain);
        }
      });
    },
  };
}
