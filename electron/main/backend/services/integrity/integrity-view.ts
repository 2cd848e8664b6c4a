// system.integrity: what the red banner on every screen reads (shared/contracts/system.contract.ts IntegrityView).
import type { BackendContext } from '../../context';
import type { IntegrityView } from '../../../../../shared/contracts/system.contract';
import { freeBytesAt, quarantineQuota } from '../quarantine/quarantine-quota';
import { markDamaged } from '../../storage-state';
import { currentAuditHead, integrityCheck, integrityWarning } from './integrity.service';

const SHOWN_PROBLEMS = 5;

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1).replace('.', ',')} GB`;
  return `${Math.round(n / 1024 ** 2)} MB`;
}

export function diskView(dir: string): IntegrityView['disk'] {
  const freeBytes = freeBytesAt(dir);
  const low = freeBytes !== null && freeBytes < quarantineQuota().minFreeBytes;
  return {
    freeBytes,
    low,
    message: low
      ? `Ruang disk hampir penuh: tersisa ${formatBytes(freeBytes)}. Kosongkan ruang disk atau pindahkan berkas lain; berkas yang ditolak tidak lagi disimpan di karantina.`
      : null,
  };
}

export function integrityView(ctx: BackendContext, opts: { force?: boolean } = {}): IntegrityView {
  const check = integrityCheck(ctx, opts);
  // A file found unreadable while running is treated as opened damaged: the restore is offered now.
  if (check.damaged === true) markDamaged(ctx, check.problems[0]?.english ?? 'integrity check could not read the file');
  const readOnly = ctx.readOnly ?? null;
  return {
    ok: check.ok && readOnly === null,
    warning: integrityWarning(check),
    problems: check.problems.slice(0, SHOWN_PROBLEMS).map((p) => p.message),
    problemCount: check.problems.length,
    checkedAt: check.checkedAt,
    audit: currentAuditHead(ctx.db),
    storage: { readOnly: readOnly !== null, message: readOnly?.message ?? null, canRestore: readOnly !== null },
    disk: diskView(ctx.dataDir),
  };
}
