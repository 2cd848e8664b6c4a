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

export const NAV: NavItem[] = [
  { name: 'beranda', label: 'Beranda', Screen: lazy(() => import('../features/dashboard/DashboardScreen')) },
  { name: 'impor', label: 'Impor', Screen: lazy(() => import('../features/import/ImportScreen')) },
  { name: 'pleno', label: 'Pleno', Screen: lazy(() => import('../features/plenary/PlenaryScreen')) },
  { name: 'dokumen', label: 'Dokumen', Screen: lazy(() => import('../features/documents/DocumentsScreen')) },
  { name: 'kirim', label: 'Kirim', Screen: lazy(() => import('../features/kirim/KirimScreen')) },
  { name: 'audit', label: 'Log Audit', Screen: lazy(() => import('../features/audit/AuditScreen')) },
];

export const DEFAULT_ROUTE = 'beranda';

/** The projector view: full screen, no navigation chrome, follows the operator's focus. */
export const ProjectorScreen = lazy(() => import('../features/projector/ProjectorScreen'));
