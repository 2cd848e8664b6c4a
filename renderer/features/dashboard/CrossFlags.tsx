// Beranda's list of TPS flagged by the cross checks R14–R17 (shared/domain/cross-checks.ts): a photo sent for two
// TPS, numbers that differ between the pemilihan of one TPS, DPTb lists that do not match. Warnings, not errors: the
// TPS can still be decided, but the room should look at them, so each links to its review.
import { href } from '../../app/router';
import type { DashboardView } from '../../../shared/contracts/plenary.contract';
import { CROSS_LABELS } from '../../../shared/domain/cross-checks';
import { nomorTps } from './tile-status';

export function CrossFlags({ data }: { data: DashboardView }) {
  const flagged = data.desa.flatMap((d) => d.tiles.filter((t) => t.flags.length > 0).map((t) => ({ d, t })));
  if (flagged.length === 0) return null;
  return (
    <section
      className="notice notice-warn dash-flags"
      aria-label="Peringatan pemeriksaan silang"
      data-testid="cross-flags"
    >
      <strong>{flagged.length} TPS dengan peringatan pemeriksaan silang (R14–R17)</strong>
      <ul>
        {flagged.map(({ d, t }) => (
          <li key={t.tps}>
            <a href={href('/pleno', data.pemilihan.id, t.tps)}>
              {d.nama} TPS {nomorTps(t.nomor)}
            </a>
            : {t.flags.map((c) => `${CROSS_LABELS[c]} (${c})`).join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
