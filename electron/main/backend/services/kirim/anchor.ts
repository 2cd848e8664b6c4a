// Audit anchoring by receipts (docs/design.md §4.3): a receipt witnessed the audit head (`jumlah` entries, newest
// hash `kepala`) of the manifest it confirms. A chain now shorter than that, or with another hash at that entry, was
// cut or rewritten after the kabupaten saw it — which the file alone could not show (docs/storage.md, limits).
import type { Db } from '../../context';
import { listAudit } from '../../repositories/audit.repo';
import { listTandaTerima } from '../../repositories/kirim.repo';

export interface AnchorProblem {
  message: string;
  english: string;
}

export function witnessedHeadProblems(db: Db): AnchorProblem[] {
  const problems: AnchorProblem[] = [];
  const seen = new Set<string>();
  for (const t of listTandaTerima(db)) {
    const key = `${t.auditJumlah}:${t.auditKepala}`;
    if (seen.has(key) || t.auditJumlah === 0) continue;
    seen.add(key);
    const [entry] = listAudit(db, { limit: 1, before: t.auditJumlah + 1 });
    if (!entry || entry.seq < t.auditJumlah) {
      problems.push({
        message: `rantai audit lebih pendek (${entry?.seq ?? 0} entri) daripada kepala ${t.auditJumlah} yang disaksikan tanda terima penerima ${t.diterima}`,
        english: `audit chain shorter than the head (${t.auditJumlah}) a receiver's receipt witnessed`,
      });
    } else if (entry.hash !== t.auditKepala) {
      problems.push({
        message: `entri audit #${t.auditJumlah} berbeda dari kepala yang disaksikan tanda terima penerima ${t.diterima}`,
        english: `audit entry #${t.auditJumlah} differs from the head a receiver's receipt witnessed`,
      });
    }
  }
  return problems;
}
