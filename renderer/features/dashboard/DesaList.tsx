// Beranda's desa list: filters by desa and status (kept in the address), and every desa as a row of TPS tiles.
// In a large kecamatan (more than FOLD_ABOVE_TPS TPS) rows start folded to one line with a colour strip, and the
// list scrolls inside the window; a desa opens with a click, or by itself when a filter narrows the list.
import { memo, useEffect, useRef, useState, type RefObject } from 'react';
import { href } from '../../app/router';
import { spaceBelow } from '../../ui/space-below';
import { Select } from '../../ui/Field';
import type { DashboardDesa, DashboardTile, DashboardView } from '../../../shared/contracts/plenary.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { formatNumber, nomorTps, TILE_ORDER, tileLabel } from './tile-status';
import { CROSS_LABELS } from '../../../shared/domain/cross-checks';
import { FOLD_ABOVE_TPS, filterDesa, type DashboardFilter, type StatusFilter } from './dashboard-filter';
import './dashboard.css';

export function DesaFilters({
  data,
  filter,
  onChange,
}: {
  data: DashboardView;
  filter: DashboardFilter;
  onChange: (f: DashboardFilter) => void;
}) {
  const waiting = data.counts.masuk + data.counts.bermasalah + data.counts.konflik + data.counts.sengketa;
  return (
    <div className="dash-filters" role="group" aria-label="Saring TPS">
      <label>
        Desa{' '}
        <Select
          value={filter.desa}
          onChange={(desa) => onChange({ ...filter, desa })}
          data-testid="filter-desa"
          placeholder={`Semua desa (${data.desa.length})`}
          options={data.desa.map((d) => ({ value: d.kode, label: d.nama }))}
        />
      </label>
      <label>
        Status{' '}
        <select
          value={filter.status}
          onChange={(e) => onChange({ ...filter, status: e.target.value as StatusFilter })}
          data-testid="filter-status"
        >
          <option value="">Semua status ({data.tpsTotal})</option>
          <option value="perlu">Menunggu keputusan ({waiting})</option>
          {TILE_ORDER.map((s) => (
            <option key={s} value={s}>
              {tileLabel(s)} ({data.counts[s]})
            </option>
          ))}
        </select>
      </label>
      {(filter.desa || filter.status) && (
        <button type="button" className="btn btn-sm" onClick={() => onChange({ desa: '', status: '' })}>
          Hapus saringan
        </button>
      )}
    </div>
  );
}

/** The scrolling list ends at the window's bottom edge (recomputed on resize). */
function useFitHeight(el: RefObject<HTMLDivElement | null>, active: boolean): void {
  useEffect(() => {
    const node = el.current;
    if (!node || !active) return;
    const fit = () => node.style.setProperty('max-height', spaceBelow(node, 200));
    fit();
    window.addEventListener('resize', fit);
    return () => window.removeEventListener('resize', fit);
  }, [el, active]);
}

export function DesaList({ data, filter }: { data: DashboardView; filter: DashboardFilter }) {
  const rows = filterDesa(data.desa, filter);
  const large = data.tpsTotal > FOLD_ABOVE_TPS;
  const unfolded = !large || !!filter.desa || !!filter.status;
  const list = useRef<HTMLDivElement>(null);
  useFitHeight(list, large);
  if (rows.length === 0)
    return (
      <p className="muted" data-testid="desa-empty">
        Tidak ada TPS dengan saringan ini.
      </p>
    );
  return (
    <div
      ref={list}
      className={`desa-list${large ? ' desa-list-scroll' : ''}${unfolded ? '' : ' desa-list-compact'}`}
      data-testid="desa-list"
      {...(large ? { tabIndex: 0, role: 'region', 'aria-label': 'Daftar desa dan TPS' } : {})}
    >
      {rows.map((d) => (
        <DesaRow key={`${d.kode}${unfolded}`} desa={d} pemilihan={data.pemilihan.id} startOpen={unfolded} />
      ))}
    </div>
  );
}

const DesaRow = memo(function DesaRow({
  desa,
  pemilihan,
  startOpen,
}: {
  desa: DashboardDesa;
  pemilihan: PemilihanId;
  startOpen: boolean;
}) {
  const [open, setOpen] = useState(startOpen);
  const settled = desa.counts.sesuai + desa.counts.dikoreksi;
  return (
    <div className="desa-row" data-testid={`desa-${desa.kode}`} data-open={open}>
      <div className="desa-name">
        <button type="button" className="desa-fold" aria-expanded={open} onClick={() => setOpen(!open)}>
          {desa.nama}
        </button>
        <small>{desa.tiles.length} TPS</small>
      </div>
      {open ? (
        <div className="desa-tiles">
          {desa.tiles.map((t) => (
            <Tile key={t.tps} tile={t} pemilihan={pemilihan} desaNama={desa.nama} />
          ))}
        </div>
      ) : (
        <div className="desa-strip" aria-hidden="true">
          {desa.tiles.map((t) => (
            <span key={t.tps} className={`tile-dot tile-${t.status}`} />
          ))}
        </div>
      )}
      <div className="desa-meta">
        {desa.locked ? (
          <span className="lock-badge">Terkunci</span>
        ) : (
          <span>
            <strong>{settled}</strong>/{Object.values(desa.counts).reduce((a, b) => a + b, 0)}
            <span className="word"> diputuskan</span>
          </span>
        )}
        <div>Sah {formatNumber(desa.totals.sah)}</div>
      </div>
    </div>
  );
});

function Tile({ tile, pemilihan, desaNama }: { tile: DashboardTile; pemilihan: PemilihanId; desaNama: string }) {
  const flags = tile.flags.map((c) => CROSS_LABELS[c]);
  const label = `${desaNama} TPS ${nomorTps(tile.nomor)}: ${tileLabel(tile.status)}${flags.length ? `, peringatan: ${flags.join(', ')}` : ''}`;
  return (
    <a
      className={`tile tile-${tile.status}${flags.length ? ' tile-flagged' : ''}`}
      href={href('/pleno', pemilihan, tile.tps)}
      title={tile.errors + tile.warnings > 0 ? `${label} (${tile.errors} galat, ${tile.warnings} peringatan)` : label}
      aria-label={label}
      data-status={tile.status}
      data-tps={tile.tps}
      data-flags={tile.flags.join(' ') || undefined}
    >
      {nomorTps(tile.nomor)}
      {flags.length > 0 && (
        <span className="tile-flag" aria-hidden="true">
          !
        </span>
      )}
    </a>
  );
}
