// The records of one TPS as the review shows them side by side (views.service.ts tpsReviewOf).
import type { BackendContext } from '../../context';
import type { SubmissionView } from '../../../../../shared/contracts/plenary.contract';
import { countFields, fieldLabel, getCount } from '../../../../../shared/domain/labels';
import { submissionPhotos } from '../../repositories/submission.repo';
import { r17From } from '../../repositories/master.repo';
import { checkR17 } from '../../../../../shared/domain/rules/r17-dibuat';
import type { PemilihanSnapshot, TpsSnapshot } from './plenary-snapshot';

/** The records of one TPS side by side: which one counts, which differ from the first, and where they disagree. */
export function submissionsOf(ctx: BackendContext, snap: PemilihanSnapshot, t: TpsSnapshot) {
  const pilihan = snap.pemilihan.pilihan;
  const first = t.submissions[0]?.counts ?? null;
  const fields = countFields(pilihan);
  const imported = r17From(ctx.db);
  const submissions: SubmissionView[] = t.submissions.map((s) => {
    const counts = s.counts;
    return {
      id: s.id,
      channel: s.channel,
      source: s.sourceName,
      device: s.deviceKeyId,
      receivedAt: s.receivedAt,
      dibuat: s.dibuat,
      sha256: s.sha256,
      counts,
      foto: submissionPhotos(ctx.db, s.id).map((p) => ({ lembar: p.lembar, sha256: p.sha256, available: p.present })),
      counted: t.derived.countedSubmissionId === s.id,
      differs: first !== null && fields.some((f) => getCount(counts, f.path) !== getCount(first, f.path)),
      peringatan: s.dibuat
        ? checkR17(s.dibuat, { masterImported: imported, received: s.receivedAt }).map((v) => `${v.code}: ${v.message}`)
        : [],
    };
  });
  const conflictDiff =
    submissions.length > 1
      ? fields
          .filter((f) => new Set(submissions.map((s) => getCount(s.counts, f.path))).size > 1)
          .map((f) => ({
            path: f.path,
            label: fieldLabel(f.path, pilihan),
            values: submissions.map((s) => getCount(s.counts, f.path)),
          }))
      : [];
  return { submissions, conflictDiff };
}
