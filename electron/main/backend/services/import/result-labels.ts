// Import outcomes as a person reads them: the TPS by its desa and number and the pemilihan by its short name, from
// the data master (shared/domain/names.ts); codes stay in the row for tests and links, never as the words shown.
import type { ImportResultView } from '../../../../../shared/contracts/import.contract';
import { pemilihanShort, tpsNames } from '../../../../../shared/domain/names';
import type { BackendContext } from '../../context';
import { loadDataMaster } from '../../repositories/master.repo';

export type ResultLabeler = (tps?: string, pemilihan?: string) => Pick<ImportResultView, 'tpsLabel' | 'pemilihanLabel'>;

export function resultLabeler(ctx: BackendContext): ResultLabeler {
  const names = tpsNames(loadDataMaster(ctx.db));
  return (tps, pemilihan) => ({
    ...(tps !== undefined ? { tpsLabel: names.get(tps) ?? `TPS ${tps}` } : {}),
    ...(pemilihan !== undefined ? { pemilihanLabel: pemilihanShort(pemilihan) } : {}),
  });
}

/** "Desa Hampang TPS 003, Bupati" (or as much of it as is known). */
export function resultTitle(r: Pick<ImportResultView, 'tpsLabel' | 'pemilihanLabel'>): string {
  return [r.tpsLabel, r.pemilihanLabel].filter(Boolean).join(', ');
}

/** An outcome in words: "baru, diterima", "sudah ada (duplikat)", "berbeda dari yang sudah ada (konflik)". */
export const OUTCOME_WORDS: Record<ImportResultView['status'], string> = {
  diterima: 'diterima',
  duplikat: 'sudah pernah diimpor (duplikat), tidak disimpan lagi',
  konflik: 'berbeda dari hasil yang sudah ada (konflik), disimpan untuk diputuskan dalam pleno',
  ditolak: 'ditolak',
};
