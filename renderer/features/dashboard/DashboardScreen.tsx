// Beranda: per pemilihan, every desa in plenary order with its TPS as status tiles, the counts per status, the running
// totals per choice and "Masalah berikutnya"; filters by desa and status. Refreshes live on results/pleno changes.
import { useEffect } from 'react';
import { useApiQuery } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import { navigate, useRoute } from '../../app/router';
import { EmptyState } from '../../ui';
import type { DashboardView } from '../../../shared/contracts/plenary.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { TILE_ORDER, tileDescription, tileLabel } from './tile-status';
import { rememberPemilihan, rememberedPemilihan } from './pemilihan-choice';
import { DashboardControls, RunningTotals } from './DashboardSummary';
import { DesaFilters, DesaList } from './DesaList';
import { CrossFlags } from './CrossFlags';
import { filterQuery, parseFilter, type DashboardFilter } from './dashboard-filter';
import '../plenary/plenary.css';

/** "N" opens the next TPS waiting for a decision (not while typing in a field). */
function useNextProblemKey(data: DashboardView | undefined): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT')) return;
      if ((e.key === 'n' || e.key === 'N') && data?.nextProblem) {
        e.preventDefault();
        navigate('/pleno', data.pemilihan.id, data.nextProblem.tps);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [data]);
}

export default function DashboardScreen() {
  const route = useRoute();
  const wanted = (route.params[0] as PemilihanId | undefined) ?? rememberedPemilihan();
  const q = useApiQuery('plenary.dashboard', wanted ? { pemilihan: wanted } : {});
  const data = q.data;

  const shownPemilihan = data?.pemilihan.id;
  useEffect(() => {
    if (!shownPemilihan) return;
    rememberPemilihan(shownPemilihan);
    // On Beranda the projector shows the kecamatan overview of this pemilihan.
    void runCommand('plenary.setFocus', { pemilihan: shownPemilihan, desa: null, tps: null });
  }, [shownPemilihan]);
  useNextProblemKey(data);

  if (!data) {
    if (q.error) return <EmptyState title="Beranda belum dapat ditampilkan">{q.error.message}</EmptyState>;
    return <p className="muted">Memuat ringkasan…</p>;
  }
  return <Dashboard data={data} filter={parseFilter(route.path)} />;
}

function Dashboard({ data, filter }: { data: DashboardView; filter: DashboardFilter }) {
  const setFilter = (f: DashboardFilter) => window.location.replace(`#/beranda/${data.pemilihan.id}${filterQuery(f)}`);
  return (
    <div data-testid="dashboard">
      <h1 className="sr-only">Beranda</h1>
      <div className="row dash-top">
        <DashboardControls data={data} />
        <RunningTotals data={data} />
      </div>
      <Legend counts={data.counts} />
      <CrossFlags data={data} />
      <DesaFilters data={data} filter={filter} onChange={setFilter} />
      <div style={{ marginTop: 8 }}>
        <DesaList data={data} filter={filter} />
      </div>
    </div>
  );
}

function Legend({ counts }: { counts: DashboardView['counts'] }) {
  return (
    <div className="legend" aria-label="Keterangan warna" data-testid="legend">
      {TILE_ORDER.map((s) => (
        <span className="legend-item" key={s} title={tileDescription(s)}>
          <span className={`tile tile-${s}`} aria-hidden="true" />
          {tileLabel(s)}{' '}
          <strong className="num" data-testid={`count-${s}`}>
            {counts[s]}
          </strong>
        </span>
      ))}
    </div>
  );
}
