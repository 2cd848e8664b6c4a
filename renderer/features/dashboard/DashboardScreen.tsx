// Beranda: per pemilihan, every desa in plenary order with its TPS as status tiles, the counts per status, the running
// totals per choice and "Masalah berikutnya". Refreshes live on results-changed / pleno-changed.
import { memo, useEffect } from 'react';
import { useApiQuery } from '../../api/hooks';
import { runCommand } from '../../api/query-client';
import { href, navigate, openProjector, useRoute } from '../../app/router';
import { Button, EmptyState } from '../../ui';
import type { DashboardDesa, DashboardTile, DashboardView } from '../../../shared/contracts/plenary.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { formatNumber, nomorTps, TILE_ORDER, tileDescription, tileLabel } from './tile-status';
import { rememberPemilihan, rememberedPemilihan } from './pemilihan-choice';
import { shortPemilihan } from './pemilihan-label';
import '../plenary/plenary.css';

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

  if (!data) {
    if (q.error) return <EmptyState title="Beranda belum dapat ditampilkan">{q.error.message}</EmptyState>;
    return <p className="muted">Memuat ringkasan…</p>;
  }
  return <Dashboard data={data} />;
}

function Dashboard({ data }: { data: DashboardView }) {
  const pem = data.pemilihan;
  const settled = data.counts.sesuai + data.counts.dikoreksi;
  return (
    <div data-testid="dashboard">
      <div className="dash-top">
        <div className="card stack" style={{ gap: 8 }}>
          <div className="dash-switch" role="group" aria-label="Pilih pemilihan">
            {data.pemilihanList.map((p) => (
              <Button
                key={p.id}
                size="sm"
                aria-pressed={p.id === pem.id}
                onClick={() => navigate('/beranda', p.id)}
                title={p.nama}
              >
                {shortPemilihan(p.id)}
              </Button>
            ))}
          </div>
          <div>
            <strong className="num" data-testid="progress-settled">
              {settled}/{data.tpsTotal}
            </strong>{' '}
            TPS diputuskan · {data.tpsTotal - data.counts['belum-masuk']} masuk
            {data.openObjections > 0 && (
              <>
                {' '}
                · <strong>{data.openObjections}</strong> keberatan terbuka
              </>
            )}
            {data.final && (
              <>
                {' '}
                · <strong className="lock-badge">Final: semua desa terkunci</strong>
              </>
            )}
          </div>
          <div className="row">
            <Button
              variant="primary"
              disabled={!data.nextProblem}
              onClick={() => data.nextProblem && navigate('/pleno', pem.id, data.nextProblem.tps)}
              title={data.nextProblem ? data.nextProblem.reason : 'Tidak ada TPS yang menunggu keputusan'}
            >
              Masalah berikutnya <kbd className="kbd">N</kbd>
            </Button>
            <Button onClick={openProjector}>Buka proyektor</Button>
          </div>
          {data.nextProblem && (
            <span className="muted" style={{ fontSize: '0.9rem' }} data-testid="next-problem">
              {nextProblemText(data)}
            </span>
          )}
        </div>
        <div className="card grow">
          <div className="muted" style={{ fontSize: '0.85rem', marginBottom: 4 }}>
            Perolehan sementara kecamatan, versi yang berlaku · Pemilihan {shortPemilihan(pem.id)}
          </div>
          <div className="dash-totals" data-testid="running-totals">
            {pem.pilihan.map((p, i) => (
              <div className="dash-total" key={p.nomor} data-testid={`total-paslon-${p.nomor}`}>
                <span className="lbl" title={p.nama}>
                  {p.kind === 'kolom-kosong' ? 'Kolom kosong' : `${p.nomor}. ${p.nama.split(' – ')[0]}`}
                </span>
                <span className="val">{formatNumber(data.totals.paslon[i] ?? 0)}</span>
              </div>
            ))}
            <div className="dash-total">
              <span className="lbl">Suara sah</span>
              <span className="val">{formatNumber(data.totals.sah)}</span>
            </div>
            <div className="dash-total">
              <span className="lbl">Tidak sah</span>
              <span className="val">{formatNumber(data.totals.tidakSah)}</span>
            </div>
          </div>
        </div>
      </div>
      <Legend counts={data.counts} />
      <div className="desa-list" style={{ marginTop: 12 }}>
        {data.desa.map((d) => (
          <DesaRow key={d.kode} desa={d} pemilihan={pem.id} />
        ))}
      </div>
    </div>
  );
}

function nextProblemText(data: DashboardView): string {
  const n = data.nextProblem!;
  const d = data.desa.find((x) => x.kode === n.desa);
  const t = d?.tiles.find((x) => x.tps === n.tps);
  return `Berikutnya: ${d?.nama ?? n.desa} TPS ${t ? nomorTps(t.nomor) : n.tps.slice(10)} — ${n.reason}`;
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

const DesaRow = memo(function DesaRow({ desa, pemilihan }: { desa: DashboardDesa; pemilihan: PemilihanId }) {
  const settled = desa.counts.sesuai + desa.counts.dikoreksi;
  return (
    <div className="desa-row" data-testid={`desa-${desa.kode}`}>
      <div className="desa-name">
        {desa.nama}
        <small>{desa.kode}</small>
      </div>
      <div className="desa-tiles">
        {desa.tiles.map((t) => (
          <Tile key={t.tps} tile={t} pemilihan={pemilihan} desaNama={desa.nama} />
        ))}
      </div>
      <div className="desa-meta">
        {desa.locked ? (
          <span className="lock-badge">Terkunci</span>
        ) : (
          <span>
            <strong>{settled}</strong>/{desa.tiles.length} diputuskan
          </span>
        )}
        <div>Sah {formatNumber(desa.totals.sah)}</div>
      </div>
    </div>
  );
});

function Tile({ tile, pemilihan, desaNama }: { tile: DashboardTile; pemilihan: PemilihanId; desaNama: string }) {
  const label = `${desaNama} TPS ${nomorTps(tile.nomor)}: ${tileLabel(tile.status)}`;
  return (
    <a
      className={`tile tile-${tile.status}`}
      href={href('/pleno', pemilihan, tile.tps)}
      title={tile.errors + tile.warnings > 0 ? `${label} (${tile.errors} galat, ${tile.warnings} peringatan)` : label}
      aria-label={label}
      data-status={tile.status}
      data-tps={tile.tps}
    >
      {nomorTps(tile.nomor)}
    </a>
  );
}
