// Pleno: review one TPS (`#/pleno/<pemilihan>/<tps>`): the numbers laid out like the paper form beside the photos,
// rule violations on their exact fields, the actions (Sesuai, Koreksi, Keberatan, Kejadian khusus, Konflik), the
// history, the desa lock, the operator. Keyboard-first: J/K or →/← move between TPS, N jumps to the next problem,
// S/C/B/E/F open the actions, Y/T approve or reject a pending correction (for the ketua or a delegate), +/− zoom the
// photo. What is shown is pushed as focus for the projector.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import { navigate, openProjector, parseHash, useRoute } from '../../app/router';
import { Button, EmptyState, StatusPill } from '../../ui';
import type { CorrectionView, ObjectionView, TpsReview } from '../../../shared/contracts/plenary.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { nomorTps, TILE_TONE, tileDescription, tileLabel } from '../dashboard/tile-status';
import { rememberPemilihan, rememberedPemilihan } from '../dashboard/pemilihan-choice';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import { CHasilForm } from './CHasilForm';
import { PhotoViewer } from './PhotoViewer';
import { OperatorChooser } from './OperatorChooser';
import { HistoryPanel } from './HistoryPanel';
import { AcceptDialog } from './AcceptDialog';
import { CorrectionDialog } from './CorrectionDialog';
import { RaiseObjectionDialog, ResolveObjectionDialog } from './ObjectionDialogs';
import { KejadianDialog } from './KejadianDialog';
import { ConflictDialog } from './ConflictDialog';
import { TundaDialog } from './TundaDialog';
import { DecideCorrectionDialog } from './DecideDialogs';
import { DesaLock } from './DesaLock';
import { NotDecider, useDecider } from './decider';
import { SidangButton } from './SidangDialog';
import { useReviewKeys, usePaneHeight, type DialogName } from './use-review-keys';
import './plenary.css';

export default function PlenaryScreen() {
  const route = useRoute();
  const pemilihan = (route.params[0] as PemilihanId | undefined) ?? rememberedPemilihan();
  const tps = route.params[1];
  if (!tps) return <PickStart pemilihan={pemilihan} />;
  return <Review key={`${pemilihan}`} pemilihan={pemilihan ?? 'bupati'} tps={tps} />;
}

/** Without a TPS in the address: open the next problem, else the first TPS. */
function PickStart({ pemilihan }: { pemilihan: PemilihanId | undefined }) {
  const q = useApiQuery('plenary.dashboard', pemilihan ? { pemilihan } : {});
  useEffect(() => {
    const d = q.data;
    if (!d) return;
    const target = d.nextProblem?.tps ?? d.desa[0]?.tiles[0]?.tps;
    // Only while the address still asks for Pleno without a TPS: the answer may come after the user has already
    // gone to another screen (this effect can run after that click), which must not be undone.
    const here = parseHash(window.location.hash);
    if (target && here.name === 'pleno' && here.params[1] === undefined)
      window.location.replace(`#/pleno/${d.pemilihan.id}/${target}`);
  }, [q.data]);
  if (q.error) return <EmptyState title="Pleno belum dapat dibuka">{q.error.message}</EmptyState>;
  return <p className="muted">Membuka TPS berikutnya…</p>;
}

function Review({ pemilihan, tps }: { pemilihan: PemilihanId; tps: string }) {
  const q = useApiQuery('plenary.tps', { pemilihan, tps });
  const [dialog, setDialog] = useState<DialogName>(null);
  const [zoom, setZoom] = useState<{ n: number; dir: 1 | -1 }>({ n: 0, dir: 1 });
  const zoomBy = useCallback((dir: 1 | -1) => setZoom((z) => ({ n: z.n + 1, dir })), []);
  // The previous TPS stays on screen (marked aria-busy) while the next one loads: no flash when moving with J/K.
  const review = q.data;

  useEffect(() => {
    rememberPemilihan(pemilihan);
    void runCommand('plenary.setFocus', { pemilihan, desa: null, tps });
  }, [pemilihan, tps]);
  useReviewKeys(review, pemilihan, setDialog, zoomBy);

  if (!review) {
    if (q.error) return <EmptyState title="TPS tidak dapat ditampilkan">{q.error.message}</EmptyState>;
    return <p className="muted">Memuat TPS…</p>;
  }
  const r: TpsReview = review;
  return (
    <div data-testid="review" aria-busy={r.tps !== tps}>
      <ReviewBar r={r} pemilihan={pemilihan} />
      <ReviewActions r={r} open={setDialog} />
      {r.tunda && (
        <div className="notice notice-warn" data-testid="review-tunda">
          <strong>Ditunda ({r.tunda.jenis})</strong> sejak keputusan {r.tunda.by}. Dasar: {r.tunda.dasar}. Alasan:{' '}
          {r.tunda.alasan}. TPS ini tidak dihitung sampai hasil barunya masuk dan diterima pleno.
        </div>
      )}
      {r.current === null ? (
        <EmptyState title={`TPS ${nomorTps(r.nomor)} belum masuk`}>
          Belum ada data C.Hasil dari TPS ini. Data yang tiba lewat LAN, QR atau berkas akan muncul di sini tanpa memuat
          ulang.
        </EmptyState>
      ) : (
        <ReviewBody r={r} zoom={zoom} onDecide={(d) => setDialog(d === 'approved' ? 'setujui' : 'tolak')} />
      )}
      <ReviewDialogs r={r} dialog={dialog} close={() => setDialog(null)} />
      <DecideCorrectionDialog
        where={`TPS ${nomorTps(r.nomor)} ${r.desa.nama}`}
        correction={dialog === 'setujui' || dialog === 'tolak' ? pendingOf(r) : null}
        decision={dialog === 'tolak' ? 'rejected' : 'approved'}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}

function ReviewBar({ r, pemilihan }: { r: TpsReview; pemilihan: PemilihanId }) {
  return (
    <div className="review-bar">
      <h1 className="review-title" data-testid="review-title">
        {r.desa.nama} · TPS {nomorTps(r.nomor)} <small title={r.pemilihan.nama}>{shortPemilihan(r.pemilihan.id)}</small>
      </h1>
      <StatusPill tone={TILE_TONE[r.status]} title={tileDescription(r.status)}>
        <span data-testid="review-status">{tileLabel(r.status)}</span>
      </StatusPill>
      {pendingOf(r) && (
        <StatusPill tone="warn">
          <span data-testid="review-pending">Koreksi menunggu persetujuan</span>
        </StatusPill>
      )}
      {r.locked && <StatusPill tone="ok">Desa terkunci</StatusPill>}
      <span className="grow" />
      <DesaLock pemilihan={pemilihan} desa={r.desa} />
      <Button
        size="sm"
        disabled={!r.prev}
        onClick={() => r.prev && navigate('/pleno', pemilihan, r.prev)}
        title="TPS sebelumnya (K)"
      >
        ← <kbd className="kbd">K</kbd>
        <span className="sr-only">TPS sebelumnya</span>
      </Button>
      <Button
        size="sm"
        disabled={!r.next}
        onClick={() => r.next && navigate('/pleno', pemilihan, r.next)}
        title="TPS berikutnya (J)"
      >
        <kbd className="kbd">J</kbd> →<span className="sr-only">TPS berikutnya</span>
      </Button>
      <Button size="sm" onClick={openProjector}>
        Proyektor
      </Button>
    </div>
  );
}

function ReviewActions({ r, open }: { r: TpsReview; open: (d: DialogName) => void }) {
  const settled = r.base === 'sesuai' || r.base === 'dikoreksi';
  const pendingCorrection = r.corrections.some((c) => c.state === 'proposed');
  const canAct = !r.locked && r.current !== null;
  // The old result of a held TPS can be neither accepted nor corrected (the backend refuses both): only the new
  // result lifts the hold. Rejecting a pending correction stays possible.
  const held = r.tunda?.menungguHasilBaru ? r.tunda : null;
  return (
    <div
      className="review-actions"
      role="toolbar"
      aria-label="Keputusan pleno"
      title="N: masalah berikutnya · J/K: TPS berikut/sebelum · +/−: perbesar foto"
    >
      <Button
        variant="primary"
        disabled={!canAct || settled || r.konflik || pendingCorrection || !!held}
        aria-describedby={held ? 'sesuai-tunda' : undefined}
        onClick={() => open('sesuai')}
      >
        Sesuai <kbd>S</kbd>
      </Button>
      {held && (
        <span id="sesuai-tunda" className="muted" data-testid="sesuai-tunda">
          TPS ditunda ({held.jenis}): tunggu hasil pemungutan ulang; hasil lama tidak dapat diterima atau dikoreksi
        </span>
      )}
      <Button
        disabled={!canAct || r.konflik || pendingCorrection || !!held}
        aria-describedby={held ? 'sesuai-tunda' : undefined}
        onClick={() => open('koreksi')}
      >
        Koreksi <kbd>C</kbd>
      </Button>
      <Button disabled={r.locked} onClick={() => open('keberatan')}>
        Keberatan <kbd>B</kbd>
      </Button>
      <Button disabled={r.locked} onClick={() => open('kejadian')}>
        Kejadian khusus <kbd>E</kbd>
      </Button>
      {r.konflik && (
        <Button variant="danger" disabled={r.locked} onClick={() => open('konflik')}>
          Konflik: pilih kiriman <kbd>F</kbd>
        </Button>
      )}
      {pendingCorrection && !r.locked && <PendingDecision open={open} held={!!held} />}
      <TundaButton r={r} open={open} />
      <span className="grow" />
      <SidangButton pemilihan={r.pemilihan.id} pilihan={r.pemilihan.pilihan} />
      <OperatorChooser />
    </div>
  );
}

/** "Tunda (PSU/PSS/PSL)" for who may decide, while the desa is open and the TPS is not held already. */
function TundaButton({ r, open }: { r: TpsReview; open: (d: DialogName) => void }) {
  const { mayDecide } = useDecider();
  if (!mayDecide || r.locked || r.tunda) return null;
  return <Button onClick={() => open('tunda')}>Tunda (PSU/PSS/PSL)</Button>;
}

/** The correction awaiting a decision (at most one per TPS). */
const pendingOf = (r: TpsReview): CorrectionView | null => r.corrections.find((c) => c.state === 'proposed') ?? null;

/** Setujui/Tolak at the top, with their keys, for who may decide; a plain note for anyone else. */
function PendingDecision({ open, held }: { open: (d: DialogName) => void; held: boolean }) {
  const { mayDecide } = useDecider();
  if (!mayDecide) return <NotDecider what="Persetujuan koreksi" />;
  return (
    <>
      <Button
        variant="primary"
        disabled={held}
        aria-describedby={held ? 'sesuai-tunda' : undefined}
        onClick={() => open('setujui')}
      >
        Setujui koreksi <kbd>Y</kbd>
      </Button>
      <Button onClick={() => open('tolak')}>
        Tolak koreksi <kbd>T</kbd>
      </Button>
    </>
  );
}

function ReviewBody({
  r,
  zoom,
  onDecide,
}: {
  r: TpsReview;
  zoom: { n: number; dir: 1 | -1 };
  onDecide: (d: 'approved' | 'rejected') => void;
}) {
  const grid = useRef<HTMLDivElement>(null);
  const formPane = useRef<HTMLDivElement>(null);
  usePaneHeight(grid, r.violations.length);
  const [resolve, setResolve] = useState<ObjectionView | null>(null);

  // Bring the first field with an error into view when a TPS opens: that is what the room needs to look at.
  useEffect(() => {
    const pane = formPane.current;
    if (!pane) return;
    const cell = pane.querySelector<HTMLElement>('td[data-severity="error"]');
    if (!cell) {
      pane.scrollTop = 0;
      return;
    }
    const offset = cell.getBoundingClientRect().top - pane.getBoundingClientRect().top + pane.scrollTop;
    pane.scrollTop = Math.max(0, offset - pane.clientHeight / 2);
  }, [r.tps]);

  const photos = useMemo(() => {
    const counted = r.submissions.find((s) => s.counted) ?? r.submissions[0];
    return counted?.foto ?? [];
  }, [r]);
  // Sheets a check concerns (R16: the photo was also sent for another TPS), marked on the page switch.
  const flagged = useMemo(
    () => new Map(r.violations.flatMap((v) => (v.lembar === undefined ? [] : [[v.lembar, v.message] as const]))),
    [r.violations],
  );
  // The votes (section IV) are on the last sheet: open there when the problem is in the votes; else at a flagged sheet.
  const firstError = r.violations.find((v) => v.severity === 'error')?.fields[0];
  const flaggedPage = photos.findIndex((p) => flagged.has(p.lembar));
  const initialPage = firstError?.startsWith('suara.')
    ? Math.max(0, photos.length - 1)
    : !firstError && flaggedPage >= 0
      ? flaggedPage
      : 0;

  return (
    <div className="review-grid" ref={grid}>
      <div className="stack review-pane" ref={formPane} tabIndex={0} role="region" aria-label="Angka C.Hasil">
        <FormPane r={r} />
      </div>
      <div className="stack review-pane" tabIndex={0} role="region" aria-label="Foto C.Hasil dan riwayat">
        <PhotoViewer key={r.tps} pages={photos} zoomSignal={zoom} initialPage={initialPage} flagged={flagged} />
        <HistoryPanel review={r} onDecide={(_c, d) => onDecide(d)} onResolve={setResolve} />
      </div>
      <ResolveObjectionDialog review={r} objection={resolve} onClose={() => setResolve(null)} />
    </div>
  );
}

function FormPane({ r }: { r: TpsReview }) {
  const previous =
    r.currentSource?.kind === 'correction'
      ? new Map(
          r.corrections
            .find((c) => c.id === (r.currentSource as { correctionId: number }).correctionId)
            ?.changes.map((c) => [c.path, c.from]) ?? [],
        )
      : undefined;
  const proposed = pendingOf(r);
  const pending = proposed ? new Map(proposed.changes.map((c) => [c.path, c.to])) : undefined;
  return (
    <>
      {r.violations.length > 0 && (
        <ul className="violations" aria-label="Hasil pemeriksaan" data-testid="violations">
          {r.violations.map((v, i) => (
            <li key={`${v.code}-${i}`} className={v.severity} data-code={v.code}>
              <span className="code">{v.code}</span>
              {v.message}
            </li>
          ))}
        </ul>
      )}
      {r.violations.length === 0 && (
        <div className="notice notice-ok" data-testid="checks-ok">
          Semua pemeriksaan R01–R17 terpenuhi.
        </div>
      )}
      {r.currentSource?.kind === 'correction' && (
        <div className="notice">Angka di bawah adalah hasil koreksi yang disetujui (angka semula dicoret kecil).</div>
      )}
      <CHasilForm
        counts={r.current!}
        pilihan={r.pemilihan.pilihan}
        violations={r.violations}
        {...(previous ? { previous } : {})}
        {...(pending ? { pending } : {})}
      />
      <p className="muted" style={{ fontSize: '0.85rem' }}>
        Tombol: S sesuai · C koreksi · Y/T setujui/tolak koreksi · B keberatan · E kejadian khusus · J/K TPS
        berikut/sebelum · N masalah berikutnya · +/− perbesar foto
      </p>
    </>
  );
}

function ReviewDialogs({ r, dialog, close }: { r: TpsReview; dialog: DialogName; close: () => void }) {
  return (
    <>
      {dialog === 'sesuai' && <AcceptDialog review={r} onClose={close} />}
      {dialog === 'koreksi' && <CorrectionDialog review={r} onClose={close} />}
      {dialog === 'keberatan' && <RaiseObjectionDialog review={r} onClose={close} />}
      {dialog === 'kejadian' && <KejadianDialog review={r} onClose={close} />}
      {dialog === 'konflik' && <ConflictDialog review={r} onClose={close} />}
      {dialog === 'tunda' && <TundaDialog review={r} onClose={close} />}
    </>
  );
}
