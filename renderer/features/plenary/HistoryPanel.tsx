// Everything recorded about the TPS: submissions (channel, device, time, photos), corrections with diffs and their
// decision buttons, objections with resolve buttons, kejadian khusus, acceptances and konflik choices.
import { useState } from 'react';
import type { CorrectionView, ObjectionView, TpsReview } from '../../../shared/contracts/plenary.contract';
import { basisLabel } from '../../../shared/domain/correction';
import { Button, StatusPill } from '../../ui';
import { channelLabel, timeLabel } from './ConflictDialog';
import { CorrectionDiff } from './DecideDialogs';
import { PhotoViewer } from './PhotoViewer';

function EvidencePhoto({ sha256 }: { sha256: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button size="sm" variant="ghost" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
        {open ? 'Tutup foto bukti' : 'Lihat foto bukti'}
      </Button>
      {open && <PhotoViewer pages={[{ lembar: 1, sha256, available: true }]} />}
    </div>
  );
}

const STATE_TONE = { proposed: 'warn', approved: 'ok', rejected: 'neutral' } as const;
const STATE_LABEL = { proposed: 'Diusulkan', approved: 'Disetujui', rejected: 'Ditolak' } as const;

export function HistoryPanel({
  review,
  onDecide,
  onResolve,
}: {
  review: TpsReview;
  onDecide: (c: CorrectionView, d: 'approved' | 'rejected') => void;
  onResolve: (o: ObjectionView) => void;
}) {
  return (
    <div className="history" data-testid="history">
      {review.corrections.length > 0 && <h3>Koreksi</h3>}
      {review.corrections.map((c) => (
        <div className="history-item" key={c.id} data-testid={`correction-${c.id}`}>
          <div className="row">
            <strong>Koreksi #{c.id}</strong>
            <StatusPill tone={STATE_TONE[c.state]}>{STATE_LABEL[c.state]}</StatusPill>
            <span className="grow" />
            {c.state === 'proposed' && !review.locked && (
              <>
                <Button size="sm" variant="primary" onClick={() => onDecide(c, 'approved')}>
                  Setujui
                </Button>
                <Button size="sm" onClick={() => onDecide(c, 'rejected')}>
                  Tolak
                </Button>
              </>
            )}
          </div>
          <CorrectionDiff correction={c} />
          <div className="meta">
            Dasar: {basisLabel(c.basisNote ? `lainnya: ${c.basisNote}` : c.basis)} · Alasan: {c.reason}
          </div>
          {c.evidencePhoto && <EvidencePhoto sha256={c.evidencePhoto} />}
          <div className="meta">
            Diusulkan {c.proposedBy}, {timeLabel(c.proposedAt)}
            {c.decidedBy && (
              <>
                {' '}
                · {c.state === 'approved' ? 'disetujui' : 'ditolak'} {c.decidedBy}, {timeLabel(c.decidedAt ?? '')}
                {c.decisionReason && <> ({c.decisionReason})</>}
              </>
            )}
          </div>
        </div>
      ))}

      {review.objections.length > 0 && <h3>Keberatan</h3>}
      {review.objections.map((o) => (
        <div className="history-item" key={o.id} data-testid={`objection-${o.id}`}>
          <div className="row">
            <strong>Keberatan #{o.id}</strong>
            <StatusPill tone={o.state === 'terbuka' ? 'warn' : o.state === 'diterima' ? 'ok' : 'neutral'}>
              {o.state === 'terbuka' ? 'Terbuka' : o.state === 'diterima' ? 'Diterima' : 'Ditolak'}
            </StatusPill>
            <span className="muted">
              {o.scope === 'tps' ? 'tentang TPS' : o.scope === 'desa' ? 'tentang desa' : 'tentang prosedur'}
            </span>
            <span className="grow" />
            {o.state === 'terbuka' && (
              <Button size="sm" onClick={() => onResolve(o)}>
                Selesaikan
              </Button>
            )}
          </div>
          <div>
            <strong>{o.byLabel}:</strong> {o.text}
          </div>
          <div className="meta">
            Dicatat {o.raisedBy}, {timeLabel(o.raisedAt)}
          </div>
          {o.resolution && (
            <div className="meta">
              {o.resolution.outcome === 'diterima' ? 'Diterima' : 'Ditolak'} oleh {o.resolution.by}:{' '}
              {o.resolution.reason}
              {o.resolution.correctionId && <> · koreksi #{o.resolution.correctionId}</>}
              {o.resolution.recountNote && <> · hitung ulang: {o.resolution.recountNote}</>}
            </div>
          )}
        </div>
      ))}

      {review.kejadian.length > 0 && <h3>Kejadian khusus</h3>}
      {review.kejadian.map((k) => (
        <div className="history-item" key={k.id}>
          <div>{k.text}</div>
          <div className="meta">
            {k.by}, {timeLabel(k.at)} {k.tps ? '' : '· tentang desa'}
          </div>
        </div>
      ))}

      <h3>Kiriman ({review.submissions.length})</h3>
      {review.submissions.length === 0 && <p className="muted">Belum ada kiriman C.Hasil untuk TPS ini.</p>}
      {review.submissions.map((s, i) => (
        <div className="history-item" key={s.id} data-testid={`submission-${s.id}`}>
          <div className="row">
            <strong>
              Kiriman {i + 1} (#{s.id})
            </strong>
            {s.counted && <StatusPill tone="ok">Dipakai</StatusPill>}
            {s.differs && <StatusPill tone="danger">Berbeda</StatusPill>}
          </div>
          <div className="meta">
            {channelLabel(s.channel)} · {s.source} · perangkat {s.device ?? '—'} · diterima {timeLabel(s.receivedAt)}
            {s.dibuat && <> · dibuat {timeLabel(s.dibuat)}</>}
          </div>
          <div className="meta hash">
            {s.sha256.slice(0, 24)}… · {s.foto.length} foto
          </div>
        </div>
      ))}

      {(review.acceptances.length > 0 || review.conflictChoices.length > 0) && <h3>Keputusan</h3>}
      {review.conflictChoices.map((c) => (
        <div className="history-item" key={`c${c.id}`}>
          Kiriman #{c.submissionId} dipilih: {c.reason}
          <div className="meta">
            {c.by}, {timeLabel(c.at)}
          </div>
        </div>
      ))}
      {review.acceptances.map((a) => (
        <div className="history-item" key={`a${a.id}`}>
          Diterima sesuai (kiriman #{a.submissionId}){a.overrideReason && <> dengan alasan: {a.overrideReason}</>}
          <div className="meta">
            {a.by}, {timeLabel(a.at)}
          </div>
        </div>
      ))}
    </div>
  );
}
