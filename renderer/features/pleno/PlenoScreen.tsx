// Pleno: review one TPS (`#/pleno/<pemilihan>/<tps>`): the numbers laid out like the paper form beside the photos,
// rule violations on their exact fields, the actions (Sesuai, Koreksi, Keberatan, Kejadian khusus, Konflik), the
// history, the desa lock, the operator. Keyboard-first: J/K or →/← move between TPS, N jumps to the next problem,
// S/C/B/E/F open the actions, +/− zoom the photo. What is shown is pushed as focus for the projector.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { readApi, runCommand } from '../../api/query-client';
import { navigate, openProjector, useRoute } from '../../app/router';
import { Button, EmptyState, StatusPill } from '../../ui';
import type { CorrectionView, ObjectionView, TpsReview } from '../../../shared/contracts/pleno.contract';
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
import { DecideCorrectionDialog } from './DecideDialogs';
import { DesaLock } from './DesaLock';
import './pleno.css';

type DialogName = 'sesuai' | 'koreksi' | 'keberatan' | 'kejadian' | 'konflik' | null;

export default function PlenoScreen() {
  const route = useRoute();
  const pemilihan = (route.params[0] as PemilihanId | undefined) ?? rememberedPemilihan();
  const tps = route.params[1];
  if (!tps) return <PickStart pemilihan={pemilihan} />;
  return <Review key={`${pemilihan}`} pemilihan={pemilihan ?? 'bupati'} tps={tps} />;
}

/** Without a TPS in the address: open the next problem, else the first TPS. */
function PickStart({ pemilihan }: { pemilihan: PemilihanId | undefined }) {
  const q = useApiQuery('pleno.dashboard', pemilihan ? { pemilihan } : {});
  useEffect(() => {
    const d = q.data;
    if (!d) return;
    const target = d.nextProblem?.tps ?? d.desa[0]?.tiles[0]?.tps;
    if (target) window.location.replace(`#/pleno/${d.pemilihan.id}/${target}`);
  }, [q.data]);
  if (q.error) return <EmptyState title="Pleno belum dapat dibuka">{q.error.message}</EmptyState>;
  return <p className="muted">Membuka TPS berikutnya…</p>;
}

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

function Review({ pemilihan, tps }: { pemilihan: PemilihanId; tps: string }) {
  const q = useApiQuery('pleno.tps', { pemilihan, tps });
  const [dialog, setDialog] = useState<DialogName>(null);
  const [decide, setDecide] = useState<{ c: CorrectionView; d: 'approved' | 'rejected' } | null>(null);
  const [resolve, setResolve] = useState<ObjectionView | null>(null);
  const [zoom, setZoom] = useState<{ n: number; dir: 1 | -1 }>({ n: 0, dir: 1 });
  // The previous TPS stays on screen (marked aria-busy) while the next one loads: no flash when moving with J/K.
  const review = q.data;

  useEffect(() => {
    rememberPemilihan(pemilihan);
    void runCommand('pleno.setFocus', { pemilihan, desa: null, tps });
  }, [pemilihan, tps]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const r = q.data;
      if (!r) return;
      const k = e.key;
      const go = (t: string | null) => {
        if (t) {
          e.preventDefault();
          navigate('/pleno', pemilihan, t);
        }
      };
      if (k === 'j' || k === 'J' || k === 'ArrowRight') return go(r.next);
      if (k === 'k' || k === 'K' || k === 'ArrowLeft') return go(r.prev);
      if (k === 'n' || k === 'N') {
        e.preventDefault();
        void readApi('pleno.nextProblem', { pemilihan, after: r.tps }).then((d) => {
          if (d.ok && d.value) navigate('/pleno', pemilihan, d.value.tps);
        });
        return;
      }
      if (k === '+' || k === '=') return setZoom((z) => ({ n: z.n + 1, dir: 1 }));
      if (k === '-') return setZoom((z) => ({ n: z.n + 1, dir: -1 }));
      if (r.locked || !r.current) return;
      const open: Record<string, DialogName> = {
        s: 'sesuai',
        c: 'koreksi',
        b: 'keberatan',
        e: 'kejadian',
        f: r.konflik ? 'konflik' : null,
      };
      const d = open[k.toLowerCase()];
      if (d) {
        e.preventDefault();
        setDialog(d);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [q.data, pemilihan]);

  // Bring the first field with an error into view when a TPS opens: that is what the room needs to look at.
  const formPane = useRef<HTMLDivElement>(null);
  const shownTps = q.data?.tps;
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
  }, [shownTps]);

  const photos = useMemo(() => {
    if (!review) return [];
    const counted = review.submissions.find((s) => s.counted) ?? review.submissions[0];
    return counted?.foto ?? [];
  }, [review]);

  // The votes (section IV) are on the last sheet: open there when the problem is in the votes.
  const firstError = review?.violations.find((v) => v.severity === 'error')?.fields[0];
  const initialPage = firstError?.startsWith('suara.') ? Math.max(0, photos.length - 1) : 0;

  if (!review) {
    if (q.error) return <EmptyState title="TPS tidak dapat ditampilkan">{q.error.message}</EmptyState>;
    return <p className="muted">Memuat TPS…</p>;
  }
  const r: TpsReview = review;
  const loadingOther = r.tps !== tps;
  const settled = r.base === 'sesuai' || r.base === 'dikoreksi';
  const pendingCorrection = r.corrections.some((c) => c.state === 'proposed');
  const canAct = !r.locked && r.current !== null;
  const previous =
    r.currentSource?.kind === 'correction'
      ? new Map(
          r.corrections
            .find((c) => c.id === (r.currentSource as { correctionId: number }).correctionId)
            ?.changes.map((c) => [c.path, c.from]) ?? [],
        )
      : undefined;

  return (
    <div data-testid="review" aria-busy={loadingOther}>
      <div className="review-bar">
        <h1 className="review-title" data-testid="review-title">
          {r.desa.nama} · TPS {nomorTps(r.nomor)}{' '}
          <small title={r.pemilihan.nama}>{shortPemilihan(r.pemilihan.id)}</small>
        </h1>
        <StatusPill tone={TILE_TONE[r.status]} title={tileDescription(r.status)}>
          <span data-testid="review-status">{tileLabel(r.status)}</span>
        </StatusPill>
        {r.locked && <StatusPill tone="ok">Desa terkunci</StatusPill>}
        <span className="grow" />
        <DesaLock pemilihan={pemilihan} desa={r.desa} />
        <Button
          size="sm"
          disabled={!r.prev}
          onClick={() => r.prev && navigate('/pleno', pemilihan, r.prev)}
          aria-label="TPS sebelumnya"
        >
          ← <kbd className="kbd">K</kbd>
        </Button>
        <Button
          size="sm"
          disabled={!r.next}
          onClick={() => r.next && navigate('/pleno', pemilihan, r.next)}
          aria-label="TPS berikutnya"
        >
          <kbd className="kbd">J</kbd> →
        </Button>
        <Button size="sm" onClick={openProjector}>
          Proyektor
        </Button>
      </div>

      <div
        className="review-actions"
        role="toolbar"
        aria-label="Keputusan pleno"
        title="N: masalah berikutnya · J/K: TPS berikut/sebelum · +/−: perbesar foto"
      >
        <Button
          variant="primary"
          disabled={!canAct || settled || r.konflik || pendingCorrection}
          onClick={() => setDialog('sesuai')}
        >
          Sesuai <kbd>S</kbd>
        </Button>
        <Button disabled={!canAct || r.konflik || pendingCorrection} onClick={() => setDialog('koreksi')}>
          Koreksi <kbd>C</kbd>
        </Button>
        <Button disabled={r.locked} onClick={() => setDialog('keberatan')}>
          Keberatan <kbd>B</kbd>
        </Button>
        <Button disabled={r.locked} onClick={() => setDialog('kejadian')}>
          Kejadian khusus <kbd>E</kbd>
        </Button>
        {r.konflik && (
          <Button variant="danger" disabled={r.locked} onClick={() => setDialog('konflik')}>
            Konflik: pilih kiriman <kbd>F</kbd>
          </Button>
        )}
        <span className="grow" />
        <OperatorChooser />
      </div>

      {r.current === null ? (
        <EmptyState title={`TPS ${nomorTps(r.nomor)} belum masuk`}>
          Belum ada data C.Hasil dari TPS ini. Data yang tiba lewat LAN, QR atau berkas akan muncul di sini tanpa memuat
          ulang.
        </EmptyState>
      ) : (
        <div className="review-grid">
          <div className="stack review-pane" ref={formPane}>
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
            {r.violations.length === 0 && <div className="notice notice-ok">Semua pemeriksaan R01–R13 terpenuhi.</div>}
            {r.currentSource?.kind === 'correction' && (
              <div className="notice">
                Angka di bawah adalah hasil koreksi yang disetujui (angka semula dicoret kecil).
              </div>
            )}
            <CHasilForm
              counts={r.current}
              pilihan={r.pemilihan.pilihan}
              violations={r.violations}
              {...(previous ? { previous } : {})}
            />
            <p className="muted" style={{ fontSize: '0.85rem' }}>
              Tombol: S sesuai · C koreksi · B keberatan · E kejadian khusus · J/K TPS berikut/sebelum · N masalah
              berikutnya · +/− perbesar foto
            </p>
          </div>
          <div className="stack review-pane">
            <PhotoViewer key={r.tps} pages={photos} zoomSignal={zoom} initialPage={initialPage} />
            <HistoryPanel review={r} onDecide={(c, d) => setDecide({ c, d })} onResolve={setResolve} />
          </div>
        </div>
      )}

      <AcceptDialog review={r} open={dialog === 'sesuai'} onClose={() => setDialog(null)} />
      <CorrectionDialog review={r} open={dialog === 'koreksi'} onClose={() => setDialog(null)} />
      <RaiseObjectionDialog review={r} open={dialog === 'keberatan'} onClose={() => setDialog(null)} />
      <KejadianDialog review={r} open={dialog === 'kejadian'} onClose={() => setDialog(null)} />
      <ConflictDialog review={r} open={dialog === 'konflik'} onClose={() => setDialog(null)} />
      <DecideCorrectionDialog
        correction={decide?.c ?? null}
        decision={decide?.d ?? 'approved'}
        onClose={() => setDecide(null)}
      />
      <ResolveObjectionDialog review={r} objection={resolve} onClose={() => setResolve(null)} />
    </div>
  );
}
