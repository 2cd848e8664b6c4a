// The navigation of a receiver (kab/kota) database: its own screens instead of the kecamatan ones.
import { item, navOf, type NavItem } from '../../app/routes';

export const PENERIMA_NAV: NavItem[] = navOf({
  penerima: item('Kecamatan', 'penerima/PenerimaScreen'),
  'pleno-kab': item('Pleno Kab/Kota', 'kabpleno/KabPlenoScreen'),
  'kunci-ppk': item('Kunci PPK', 'penerima/KunciScreen'),
  flashdisk: item('Flashdisk', 'penerima/FlashdiskScreen'),
  audit: item('Log Audit', 'audit/AuditScreen'),
});

export const PENERIMA_DEFAULT_ROUTE = 'penerima';
