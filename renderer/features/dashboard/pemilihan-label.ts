// Short names of the pemilihan for buttons and titles (the full nama stays in tooltips and documents).
import type { PemilihanId } from '../../../shared/domain/model';

const SHORT: Record<PemilihanId, string> = { gubernur: 'Gubernur', bupati: 'Bupati', walikota: 'Wali Kota' };

export const shortPemilihan = (id: PemilihanId): string => SHORT[id] ?? id;
