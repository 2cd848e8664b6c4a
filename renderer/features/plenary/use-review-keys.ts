// The review's keyboard: J/K or →/← move between TPS, N jumps to the next problem, +/− zoom the photo, and
// S/C/B/E/F open the actions, Y/T approve or reject the correction awaiting a decision (not while typing, not while
// a dialog is open, not on a locked desa).
import { useEffect, type RefObject } from 'react';
import { readApi } from '../../api/query-client';
import { navigate } from '../../app/router';
import { spaceBelow } from '../../ui/space-below';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';
import type { PemilihanId } from '../../../shared/domain/model';

export type DialogName =
  'sesuai' | 'koreksi' | 'keberatan' | 'kejadian' | 'konflik' | 'setujui' | 'tolak' | 'tunda' | null;

function isTyping(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
}

export function useReviewKeys(
  review: TpsReview | undefined,
  pemilihan: PemilihanId,
  open: (d: DialogName) => void,
  zoom: (dir: 1 | -1) => void,
): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const r = review;
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
        void readApi('plenary.nextProblem', { pemilihan, after: r.tps }).then((d) => {
          if (d.ok && d.value) navigate('/pleno', pemilihan, d.value.tps);
        });
        return;
      }
      if (k === '+' || k === '=') return zoom(1);
      if (k === '-') return zoom(-1);
      if (r.locked || !r.current) return;
      const pending = r.corrections.some((c) => c.state === 'proposed');
      // The old result of a held TPS (PSU/PSS/PSL) can be neither accepted nor corrected (PlenaryScreen.tsx).
      const held = r.tunda?.menungguHasilBaru === true;
      const byKey: Record<string, DialogName> = {
        s: held ? null : 'sesuai',
        c: held ? null : 'koreksi',
        b: 'keberatan',
        e: 'kejadian',
        f: r.konflik ? 'konflik' : null,
        y: pending && !held ? 'setujui' : null,
        t: pending ? 'tolak' : null,
      };
      const d = byKey[k.toLowerCase()];
      if (d) {
        e.preventDefault();
        open(d);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [review, pemilihan, open, zoom]);
}

/**
 * Keeps the two review panes inside the window: their height is what is left below their top edge, measured
 * (banners, the header and the toolbar differ between screens and sizes), so the page itself never scrolls.
 */
export function usePaneHeight(grid: RefObject<HTMLDivElement | null>, deps: unknown): void {
  useEffect(() => {
    const el = grid.current;
    if (!el) return;
    const fit = () => el.style.setProperty('--pane-height', spaceBelow(el, 320));
    fit();
    window.addEventListener('resize', fit);
    const watch = new ResizeObserver(fit);
    if (el.parentElement) watch.observe(el.parentElement);
    return () => {
      window.removeEventListener('resize', fit);
      watch.disconnect();
    };
  }, [grid, deps]);
}
