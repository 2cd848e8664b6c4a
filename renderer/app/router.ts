// A small hash router: `#/beranda`, `#/pleno/6302142001` ... The first segment picks the screen; the rest is for it.
import { createElement, useSyncExternalStore, type ReactNode } from 'react';
import { projectorUrl } from '../api/client';

export interface Route {
  /** First path segment, e.g. `pleno`; '' for none. */
  name: string;
  /** Remaining segments, decoded. */
  params: string[];
  /** The whole hash path without '#', e.g. `/pleno/6302142001`. */
  path: string;
}

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  const parts = path
    .split('?')[0]!
    .split('/')
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { name: parts[0] ?? '', params: parts.slice(1), path };
}

function subscribe(callback: () => void): () => void {
  window.addEventListener('hashchange', callback);
  return () => window.removeEventListener('hashchange', callback);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseHash(hash);
}

/** `navigate('/pleno', '6302142001')` → `#/pleno/6302142001`. */
export function navigate(path: string, ...params: string[]): void {
  const target = '#' + [path.replace(/\/$/, ''), ...params.map(encodeURIComponent)].join('/');
  if (window.location.hash !== target) window.location.hash = target;
}

export function href(path: string, ...params: string[]): string {
  return '#' + [path.replace(/\/$/, ''), ...params.map(encodeURIComponent)].join('/');
}

/**
 * Opens the projector view (`#/proyektor`, no navigation chrome) in its own window. Under Electron the main process
 * allows exactly this URL and gives the window the same locked-down settings; in web mode the address carries the
 * token in its fragment (api/client.ts projectorUrl), so a new tab or window works as well.
 */
export function openProjector(): void {
  window.open(projectorUrl(), 'pleno-proyektor');
}

/** The projector as a link: a click opens the named projector window; "open in new tab" works too (see above). */
export function ProjectorLink({ className = 'btn', children }: { className?: string; children: ReactNode }) {
  return createElement(
    'a',
    { className, href: projectorUrl(), target: 'pleno-proyektor', 'data-testid': 'projector-link' },
    children,
  );
}
