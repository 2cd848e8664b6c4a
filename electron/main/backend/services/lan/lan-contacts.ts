// The LAN "devices seen" log: every answered POST to the receiver becomes an audited `lan_contact` row. Rows are
// buffered and written in one command every ~250 ms (and on close), so the log never costs an extra fsync per
// record at the peak of the evening; the results themselves are committed by the import service before answering.
//
//   createContactLog(ctx, { flushMs? }) → { add(contact), flush(), close() }
//   lanDevices(ctx) → LanDeviceSummary[]
import type { BackendContext } from '../../context';
import {
  insertLanContact,
  lanDeviceSummaries,
  type LanDeviceSummary,
  type NewLanContact,
} from '../../repositories/lan-contact.repo';
import { runWrite } from '../../db/command';

export interface ContactLog {
  add(contact: NewLanContact): void;
  flush(): void;
  close(): void;
}

export function createContactLog(
  ctx: BackendContext,
  opts: { flushMs?: number; onFlushed?: () => void } = {},
): ContactLog {
  let pending: NewLanContact[] = [];
  let timer: NodeJS.Timeout | null = null;
  const flushMs = opts.flushMs ?? 250;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending.length === 0 || !ctx.db.open) return;
    const batch = pending;
    pending = [];
    try {
      runWrite(ctx, (unit) => {
        for (const c of batch) insertLanContact(unit.db, c);
      });
      opts.onFlushed?.();
    } catch (err) {
      // The contact log is informational; a failure must not stop intake (results are already committed).
      ctx.log.error('LAN contact log: could not write contacts', err);
    }
  };

  return {
    add(contact) {
      pending.push(contact);
      if (!timer) timer = setTimeout(flush, flushMs);
    },
    flush,
    close: flush,
  };
}

export function lanDevices(ctx: BackendContext): LanDeviceSummary[] {
  return lanDeviceSummaries(ctx.db);
}
