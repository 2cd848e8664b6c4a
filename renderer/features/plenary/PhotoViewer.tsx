// The C.Hasil photos of a TPS (by hash, through plenary.photo as base64 so both transports work): page switch, zoom
// (buttons, + / -, wheel) and pan (drag, or arrow keys while the viewer has focus). "Pas" fits the width.
import {
  useCallback,
  useEffect,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type WheelEvent,
} from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button } from '../../ui';

export interface PhotoPage {
  lembar: number;
  sha256: string;
  available: boolean;
}

interface View {
  scale: number;
  x: number;
  y: number;
}

export function PhotoViewer({
  pages,
  zoomSignal,
  initialPage = 0,
  flagged,
}: {
  pages: PhotoPage[];
  zoomSignal?: { n: number; dir: 1 | -1 };
  /** Index of the page shown first (e.g. the sheet with the votes when the problem is there). */
  initialPage?: number;
  /** Sheets a check concerns (rule R16: the photo also sent for another TPS), with the check's sentence. */
  flagged?: ReadonlyMap<number, string>;
}) {
  const [index, setIndex] = useState(initialPage);
  const safeIndex = Math.min(index, Math.max(0, pages.length - 1));
  const page = pages[safeIndex];
  return (
    <div data-testid="photo-viewer">
      <div className="photo-tools">
        <span className="muted">Foto C.Hasil:</span>
        {pages.length === 0 && <span className="muted">tidak ada foto</span>}
        {pages.map((p, i) => {
          const flag = flagged?.get(p.lembar);
          return (
            <Button
              key={`${p.lembar}-${p.sha256}`}
              size="sm"
              aria-pressed={i === safeIndex}
              onClick={() => setIndex(i)}
              title={flag ?? `Lembar ${p.lembar}`}
              className={flag ? 'photo-flagged' : undefined}
              data-flagged={flag ? 'true' : undefined}
            >
              Lembar {p.lembar}
              {flag && <span className="sr-only"> (peringatan: {flag})</span>}
              {flag && <span aria-hidden="true"> ⚠</span>}
            </Button>
          );
        })}
      </div>
      {page ? (
        <PhotoCanvas key={page.sha256} page={page} zoomSignal={zoomSignal} />
      ) : (
        <div className="photo-viewer">
          <div className="empty-photo">Tidak ada foto untuk kiriman ini. Periksa angka terhadap C.Hasil kertas.</div>
        </div>
      )}
    </div>
  );
}

/** Pan and zoom of one photo: fit to width, zoom about a point, drag, wheel and arrow keys. */
function usePanZoom(natural: { w: number; h: number } | null, zoomSignal?: { n: number; dir: 1 | -1 }) {
  const box = useRef<HTMLDivElement>(null);
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  // While the photo is shown fitted (not zoomed or moved by hand), it follows its box's width when the window resizes.
  const fitted = useRef(true);
  const fit = useCallback(() => {
    const el = box.current;
    if (!el || !natural) return;
    fitted.current = true;
    setView({ scale: el.clientWidth / natural.w, x: 0, y: 0 });
  }, [natural]);
  useEffect(() => fit(), [fit]);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const watch = new ResizeObserver(() => {
      if (fitted.current) fit();
    });
    watch.observe(el);
    return () => watch.disconnect();
  }, [fit]);
  const zoom = useCallback((factor: number, cx?: number, cy?: number) => {
    fitted.current = false;
    setView((v) => {
      const el = box.current;
      const px = cx ?? (el ? el.clientWidth / 2 : 0);
      const py = cy ?? (el ? el.clientHeight / 2 : 0);
      const scale = Math.min(8, Math.max(0.1, v.scale * factor));
      const k = scale / v.scale;
      return { scale, x: px - (px - v.x) * k, y: py - (py - v.y) * k };
    });
  }, []);
  const lastSignal = useRef(zoomSignal?.n ?? 0);
  useEffect(() => {
    if (!zoomSignal || zoomSignal.n === lastSignal.current) return;
    lastSignal.current = zoomSignal.n;
    zoom(zoomSignal.dir > 0 ? 1.25 : 0.8);
  }, [zoomSignal, zoom]);
  const onPointerUp = () => {
    drag.current = null;
    setDragging(false);
  };
  const handlers = {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      (e.target as HTMLElement).setPointerCapture?.(e.pointerId);
      drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
      setDragging(true);
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      const d = drag.current;
      if (!d) return;
      fitted.current = false;
      setView((v) => ({ ...v, x: d.vx + e.clientX - d.x, y: d.vy + e.clientY - d.y }));
    },
    onPointerUp,
    onPointerCancel: onPointerUp,
    onWheel: (e: WheelEvent<HTMLDivElement>) => {
      const r = box.current?.getBoundingClientRect();
      zoom(e.deltaY < 0 ? 1.15 : 1 / 1.15, r ? e.clientX - r.left : undefined, r ? e.clientY - r.top : undefined);
    },
    onKeyDown: (e: KeyboardEvent<HTMLDivElement>) => {
      const moves: Record<string, [number, number]> = {
        ArrowLeft: [60, 0],
        ArrowRight: [-60, 0],
        ArrowUp: [0, 60],
        ArrowDown: [0, -60],
      };
      const m = moves[e.key];
      if (!m) return;
      e.preventDefault();
      e.stopPropagation();
      fitted.current = false;
      setView((v) => ({ ...v, x: v.x + m[0], y: v.y + m[1] }));
    },
  };
  return { box, view, fit, zoom, dragging, handlers };
}

function PhotoCanvas({ page, zoomSignal }: { page: PhotoPage; zoomSignal?: { n: number; dir: 1 | -1 } | undefined }) {
  const q = useApiQuery('plenary.photo', { sha256: page.sha256 }, { enabled: page.available });
  const [natural, setNatural] = useState<{ w: number; h: number } | null>(null);
  const { box, view, fit, zoom, dragging, handlers } = usePanZoom(natural, zoomSignal);
  const src = q.data ? `data:${q.data.mime};base64,${q.data.base64}` : null;
  return (
    <>
      <div className="photo-tools">
        <Button size="sm" onClick={() => zoom(1.25)} aria-label="Perbesar">
          + Perbesar
        </Button>
        <Button size="sm" onClick={() => zoom(0.8)} aria-label="Perkecil">
          − Perkecil
        </Button>
        <Button size="sm" onClick={fit}>
          Pas lebar
        </Button>
        <span className="muted num" data-testid="photo-zoom">
          {Math.round(view.scale * 100)}%
        </span>
        <span className="hash" title={`Sidik foto (SHA-256) untuk mencocokkan dengan berkas aslinya: ${page.sha256}`}>
          sidik {page.sha256.slice(0, 8)}…
        </span>
      </div>
      <div
        ref={box}
        className={`photo-viewer${dragging ? ' dragging' : ''}`}
        tabIndex={0}
        aria-label={`Foto lembar ${page.lembar}; seret untuk menggeser, roda tetikus untuk memperbesar`}
        {...handlers}
      >
        {!page.available && (
          <div className="empty-photo">
            Foto lembar {page.lembar} belum diterima (akan cocok otomatis saat tiba lewat berkas atau LAN).
          </div>
        )}
        {page.available && !src && <div className="empty-photo">{q.error ? q.error.message : 'Memuat foto…'}</div>}
        {src && (
          <img
            src={src}
            alt={`Foto C.Hasil lembar ${page.lembar}`}
            draggable={false}
            onLoad={(e) => setNatural({ w: e.currentTarget.naturalWidth, h: e.currentTarget.naturalHeight })}
            style={{ transform: `translate(${view.x}px, ${view.y}px) scale(${view.scale})` }}
          />
        )}
      </div>
    </>
  );
}
