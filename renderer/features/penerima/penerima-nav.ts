// The navigation of a receiver (kab/kota) database: its own screens instead of the kecamatan ones.
import { lazy } from 'react';
import type { NavItem } from '../../app/routes';

export const PENERIMA_NAV: NavItem[] = [
  { name: 'penerima', label: 'Kecamatan', Screen: lazy(() => import('./PenerimaScreen')) },
  { name: 'pleno-kab', label: 'Pleno Kab/Kota', Screen: lazy(() => import('../kabpleno/KabPlenoScreen')) },
  { name: 'kunci-ppk', label: 'Kunci PPK', Screen: lazy(() => import('./KunciScreen')) },
  { name: 'flashdisk', label: 'Flashdisk', Screen: lazy(() => import('./FlashdiskScreen')) },
  { name: 'audit', label: 'Log Audit', Screen: lazy(() => import('../audit/AuditScreen')) },
];

export const PENERIMA_DEFAULT_ROUTE = 'penerima';
