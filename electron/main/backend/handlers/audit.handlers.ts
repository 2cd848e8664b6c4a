// Handlers of the audit feature (shared/contracts/audit.contract.ts): the hash-chained log and its verification.
import { ok } from '../../../../shared/contracts/result';
import type { auditMethods } from '../../../../shared/contracts/audit.contract';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import { countAudit, listAudit, verifyAudit } from '../repositories/audit.repo';
import { AUDITED_TABLES } from '../db/migrations/index';
import { readableAudit } from '../services/audit/audit-view.service';

export function auditHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof auditMethods> {
  return {
    handlers: {
      'audit.list': ({ limit, before, action, entity }) => {
        const entries = listAudit(ctx.db, {
          limit,
          ...(before !== undefined ? { before } : {}),
          ...(action !== undefined ? { action } : {}),
          ...(entity !== undefined ? { entity } : {}),
        });
        const last = entries[entries.length - 1];
        return ok({
          entries,
          total: countAudit(ctx.db),
          nextBefore: entries.length === limit && last && last.seq > 1 ? last.seq : null,
        });
      },
      'audit.readable': (q) => ok(readableAudit(ctx, q)),
      'audit.verify': () => {
        const r = verifyAudit(ctx.db, { requiredTables: AUDITED_TABLES });
        return ok({
          ok: r.ok,
          entries: r.entries,
          rows: r.rows,
          head: r.head,
          problems: r.problems.map(({ kind, seq, entity, entityId, message }) => ({
            kind,
            seq,
            entity,
            entityId,
            message,
          })),
        });
      },
    },
  };
}
