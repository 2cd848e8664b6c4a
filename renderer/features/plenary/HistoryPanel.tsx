// Everything recorded about the TPS: corrections with diffs (Setujui/Tolak for who may decide), objections with
// resolve buttons, kejadian khusus (closable), submissions (channel, device, time, photos), and the decisions —
// Sesuai and konflik choices, each withdrawable (Batalkan) by a decider, a withdrawal shown beside what it withdrew.
import { useState, type ReactNode } from 'react';
import type {
  AcceptanceView,
  ConflictChoiceView,
  CorrectionView,
  ObjectionView,
  TpsReview,
} from '../../../shared/contracts/plenary.contract';
import { basisLabel } from '../../../shared/domain/correction';
import { Button, StatusPill } from '../../ui';
import { channelLabel, timeLabel } from './ConflictDialog';
import { CorrectionDiff, WithdrawDialog } from './DecideDialogs';
import { PhotoViewer } from './PhotoViewer';
import { NotDecider, useDecider } from './decider';
import { KejadianItem } from './KejadianDialog';
import { ordinal, positionOf } from './ordinals';

/**
 * A history entry's head: its name and state, and while it waits for a decision (`open`) the decider's buttons —
 * or, for anyone else, who may decide (`what`: "Persetujuan", "Penyelesaian").
 */
function EntryHead(p: { title: string; state: ReactNode; open: boolean; what: string; children: ReactNode }) {
  const { mayDecide } = useDecider();
  return (
    <div className="row">
      <strong>{p.title}</strong>
      {p.state}
      <span className="grow" />
      {p.open && (mayDecide ? p.children : <NotDecider what={p.what} />)}
    </div>
  );
}

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
const STATE_LABEL = { proposed: 'Menunggu persetujuan', approved: 'Disetujui', rejected: 'Ditolak' } as const;

export interface HistoryProps {
  review: TpsReview;
  onDecide: (c: CorrectionView, d: 'approved' | 'rejected') => void;
  onResolve: (o: ObjectionView) => void;
}

export function HistoryPanel({ review, onDecide, onResolve }: HistoryProps) {
  return (
    <div className="history" data-testid="history">
      {review.corrections.length > 0 && <h3>Koreksi</h3>}
      {review.corrections.map((c) => (
        <CorrectionItem
          key={c.id}
          c={c}
          n={ordinal(review.corrections, c.id)}
          locked={review.locked}
          onDecide={onDecide}
        />
      ))}
      {review.objections.length > 0 && <h3>Keberatan</h3>}
      {review.objections.map((o) => (
        <ObjectionItem key={o.id} o={o} review={review} onResolve={onResolve} />
      ))}
      {review.kejadian.length > 0 && <h3>Kejadian khusus</h3>}
      {review.kejadian.map((k) => (
        <KejadianItem key={k.id} k={k} />
      ))}
      <Submissions review={review} />
      <Decisions review={review} />
    </div>
  );
}

function CorrectionItem({
  c,
  n,
  locked,
  onDecide,
}: {
  c: CorrectionView;
  /** "ke-2": its place among the TPS's corrections. */
  n: string;
  locked: boolean;
  onDecide: HistoryProps['onDecide'];
}) {
  return (
    <div className="history-item" data-testid={`correction-${c.id}`}>
      <EntryHead
        title={`Koreksi ${n}`}
        state={<StatusPill tone={STATE_TONE[c.state]}>{STATE_LABEL[c.state]}</StatusPill>}
        open={c.state === 'proposed' && !locked}
        what="Persetujuan"
      >
        <Button size="sm" variant="primary" onClick={() => onDecide(c, 'approved')}>
          Setujui
        </Button>
        <Button size="sm" onClick={() => onDecide(c, 'rejected')}>
          Tolak
        </Button>
      </EntryHead>
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
  );
}

const OBJECTION_STATE = { terbuka: 'Terbuka', diterima: 'Diterima', ditolak: 'Ditolak' } as const;
const OBJECTION_SCOPE = { tps: 'tentang TPS', desa: 'tentang desa', prosedur: 'tentang prosedur' } as const;

function ObjectionItem({
  o,
  review,
  onResolve,
}: {
  o: ObjectionView;
  review: TpsReview;
  onResolve: HistoryProps['onResolve'];
}) {
  const tone = o.state === 'terbuka' ? 'warn' : o.state === 'diterima' ? 'ok' : 'neutral';
  const state = (
    <>
      <StatusPill tone={tone}>{OBJECTION_STATE[o.state]}</StatusPill>
      <span className="muted">{OBJECTION_SCOPE[o.scope]}</span>
    </>
  );
  return (
    <div className="history-item" data-testid={`objection-${o.id}`}>
      <EntryHead
        title={`Keberatan ${ordinal(review.objections, o.id)}`}
        state={state}
        open={o.state === 'terbuka'}
        what="Penyelesaian"
      >
        <Button size="sm" onClick={() => onResolve(o)}>
          Selesaikan
        </Button>
      </EntryHead>
      <div>
        <strong>{o.byLabel}:</strong> {o.text}
      </div>
      <div className="meta">
        Dicatat {o.raisedBy}, {timeLabel(o.raisedAt)}
      </div>
      {o.resolution && (
        <div className="meta">
          {o.resolution.outcome === 'diterima' ? 'Diterima' : 'Ditolak'} oleh {o.resolution.by}: {o.resolution.reason}
          {o.resolution.correctionId && (
            <> · ditindaklanjuti koreksi {ordinal(review.corrections, o.resolution.correctionId)}</>
          )}
          {o.resolution.recountNote && <> · hitung ulang: {o.resolution.recountNote}</>}
        </div>
      )}
    </div>
  );
}

function Submissions({ review }: { review: TpsReview }) {
  return (
    <>
      <h3>Kiriman ({review.submissions.length})</h3>
      {review.submissions.length === 0 && <p className="muted">Belum ada kiriman C.Hasil untuk TPS ini.</p>}
      {review.submissions.map((s, i) => (
        <div className="history-item" key={s.id} data-testid={`submission-${s.id}`}>
          <div className="row">
            <strong>Kiriman {i + 1}</strong>
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
          {s.peringatan.map((w) => (
            <p className="notice notice-warn" role="note" key={w}>
              Peringatan {w}
            </p>
          ))}
        </div>
      ))}
    </>
  );
}

type Target = { kind: 'acceptance' | 'conflict_choice'; id: number; label: string };

function Decisions({ review }: { review: TpsReview }) {
  const [withdrawing, setWithdrawing] = useState<Target | null>(null);
  if (review.acceptances.length === 0 && review.conflictChoices.length === 0) return null;
  return (
    <>
      <h3>Keputusan</h3>
      {review.conflictChoices.map((c) => (
        <DecisionItem key={`c${c.id}`} d={c} locked={review.locked} onWithdraw={setWithdrawing} kind="conflict_choice">
          Kiriman {positionOf(review.submissions, c.submissionId)} dipilih: {c.reason}
        </DecisionItem>
      ))}
      {review.acceptances.map((a) => (
        <DecisionItem key={`a${a.id}`} d={a} locked={review.locked} onWithdraw={setWithdrawing} kind="acceptance">
          Diterima sesuai (kiriman {positionOf(review.submissions, a.submissionId)})
          {a.overrideReason && <> dengan alasan: {a.overrideReason}</>}
        </DecisionItem>
      ))}
      <WithdrawDialog target={withdrawing} onClose={() => setWithdrawing(null)} />
    </>
  );
}

function DecisionItem({
  d,
  kind,
  locked,
  onWithdraw,
  children,
}: {
  d: AcceptanceView | ConflictChoiceView;
  kind: Target['kind'];
  locked: boolean;
  onWithdraw: (t: Target) => void;
  children: ReactNode;
}) {
  const { mayDecide } = useDecider();
  const label = kind === 'acceptance' ? 'keputusan Sesuai' : 'pilihan kiriman';
  return (
    <div className={d.withdrawn ? 'history-item withdrawn' : 'history-item'} data-testid={`decision-${kind}-${d.id}`}>
      <div className="row">
        <span className={d.withdrawn ? 'struck' : undefined}>{children}</span>
        <span className="grow" />
        {d.withdrawn && <StatusPill tone="neutral">Dibatalkan</StatusPill>}
        {!d.withdrawn && !locked && mayDecide && (
          <Button size="sm" variant="ghost" onClick={() => onWithdraw({ kind, id: d.id, label })}>
            Batalkan
          </Button>
        )}
      </div>
      <div className="meta">
        {d.by}, {timeLabel(d.at)}
        {d.withdrawn && (
          <>
            {' '}
            · dibatalkan {d.withdrawn.by}, {timeLabel(d.withdrawn.at)}: {d.withdrawn.reason}
          </>
        )}
      </div>
    </div>
  );
}
