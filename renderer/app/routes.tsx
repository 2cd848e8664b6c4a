// The navigation: each nav item maps to a feature screen (default export of renderer/features/<f>/<F>Screen.tsx).
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

export interface NavItem {
  /** Hash path name, e.g. `beranda` → `#/beranda`. */
  name: string;
  label: string;
  Screen: LazyExoticComponent<ComponentType>;
  /** Not listed in the nav bar. */
  hidden?: boolean;
}

// Every feature screen, each its own chunk loaded when first shown (the first-run screen is part of the app itself).
const SCREENS = import.meta.glob<{ default: ComponentType }>([
  '../features/*/*Screen.tsx',
  '!../features/setup/SetupScreen.tsx',
]);

/** The screen in renderer/features/<path>.tsx ("dashboard/DashboardScreen"), loaded when first shown. */
export function screen(path: string): LazyExoticComponent<ComponentType> {
  const load = SCREENS[`../features/${path}.tsx`];
  if (!load) throw new Error(`no screen renderer/features/${path}.tsx`);
  return lazy(load);
}

/** A nav bar from its items by hash path name (names unique by construction), in order. */
export function navOf(items: Record<string, Omit<NavItem, 'name'>>): NavItem[] {
  return Object.entries(items).map(([name, item]) => ({ name, ...item }));
}

/** A nav item: its label and the screen it shows. */
export const item = (label: string, path: string): Omit<NavItem, 'name'> => ({ label, Screen: screen(path) });

export const NAV: NavItem[] = navOf({
  beranda: item('Beranda', 'dashboard/DashboardScreen'),
  impor: item('Impor', 'import/ImportScreen'),
  pleno: item('Pleno', 'plenary/PlenaryScreen'),
  dokumen: item('Dokumen', 'documents/DocumentsScreen'),
  kirim: item('Kirim', 'kirim/KirimScreen'),
  audit: item('Log Audit', 'audit/AuditScreen'),
});

export const DEFAULT_ROUTE = 'beranda';

/** The projector view: full screen, no navigation chrome, follows the operator's focus. */
export const ProjectorScreen = screen('projector/ProjectorScreen');
