// Kejadian khusus notes as views (recording is in decisions.service addKejadian).
import type { BackendContext } from '../../context';
import type { PemilihanId } from '../../../../../shared/domain/model';
import type { KejadianView } from '../../../../../shared/contracts/plenary.contract';
import { listKejadian } from '../../repositories/plenary.repo';

export function kejadianViews(ctx: BackendContext, pemilihan?: string): KejadianView[] {
  return listKejadian(ctx.db, pemilihan ? { pemilihan: pemilihan as PemilihanId } : {}).map((k) => ({
    id: k.id,
    pemilihan: k.pemilihan,
    desa: k.desa,
    tps: k.tps,
    text: k.text,
    by: k.who,
    at: k.at,
  }));
}
