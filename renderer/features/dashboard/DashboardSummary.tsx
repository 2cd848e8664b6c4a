// Beranda's top: the pemilihan switch, progress, "Masalah berikutnya", the projector button and the running totals.
import { Button } from '../../ui';
import { navigate, ProjectorLink } from '../../app/router';
import type { DashboardView } from '../../../shared/contracts/plenary.contract';
import { formatNumber, nomorTps } from './tile-status';
import { shortPemilihan } from './pemilihan-label';

function nextProblemText(data: DashboardView): string {
  const n = data.nextProblem!;
  const d = data.desa.find((x) => x.kode === n.desa);
  const t = d?.tiles.find((x) => x.tps === n.tps);
  return `Berikutnya: ${d?.nama ?? 'desa lain'} TPS ${t ? nomorTps(t.nomor) : n.tps.slice(10)} — ${n.reason}`;
}

function Progress({ data }: { data: DashboardView }) {
  const settled = data.counts.sesuai + data.counts.dikoreksi;
  return (
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
  );
}

export function DashboardControls({ data }: { data: DashboardView }) {
  const pem = data.pemilihan;
  return (
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
      <Progress data={data} />
      <div className="row">
        <Button
          variant="primary"
          disabled={!data.nextProblem}
          onClick={() => data.nextProblem && navigate('/pleno', pem.id, data.nextProblem.tps)}
          title={data.nextProblem ? data.nextProblem.reason : 'Tidak ada TPS yang menunggu keputusan'}
        >
          Masalah berikutnya <kbd className="kbd">N</kbd>
        </Button>
        <ProjectorLink>Buka proyektor</ProjectorLink>
      </div>
      {data.nextProblem && (
        <span className="muted" style={{ fontSize: '0.9rem' }} data-testid="next-problem">
          {nextProblemText(data)}
        </span>
      )}
    </div>
  );
}

export function RunningTotals({ data }: { data: DashboardView }) {
  const pem = data.pemilihan;
  return (
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
  );
}
