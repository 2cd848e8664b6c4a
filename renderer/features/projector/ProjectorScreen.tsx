// The projector view (`#/proyektor`, no navigation chrome): a large, high-contrast, read-only display of the TPS or
// desa being read and the running totals. Follows the operator through `focus-changed`; refreshes on every decision.
import { useApiQuery } from '../../api/hooks';
import type { ProjectorView, TpsReview, VoteTotals } from '../../../shared/contracts/plenary.contract';
import type { Pilihan } from '../../../shared/domain/model';
import { formatNumber, nomorTps, tileLabel } from '../dashboard/tile-status';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import '../plenary/plenary.css';

const STATUS_BG: Record<string, string> = {
  'belum-masuk': '#475569',
  masuk: '#1d4ed8',
  bermasalah: '#b91c1c',
  konflik: '#b91c1c',
  sengketa: '#b45309',
  sesuai: '#15803d',
  dikoreksi: '#166534',
};

export default function ProjectorScreen() {
  const q = useApiQuery('plenary.projector', {});
  const v = q.data;
  if (!v) {
    return (
      <div className="proj" data-testid="projector">
        <div className="proj-head">
          <span className="where">{q.error ? q.error.message : 'Menunggu operator…'}</span>
        </div>
      </div>
    );
  }
  return <Projector v={v} />;
}

function choiceName(p: Pilihan): string {
  return p.kind === 'kolom-kosong' ? 'Kolom kosong' : `${p.nomor}. ${p.nama}`;
}

function VotesTable({
  pilihan,
  totals,
  className,
  testId,
  brief,
}: {
  pilihan: Pilihan[];
  totals: VoteTotals;
  className?: string;
  testId: string;
  brief?: boolean;
}) {
  return (
    <table className={className} data-testid={testId}>
      <tbody>
        {pilihan.map((p, i) => (
          <tr key={p.nomor}>
            <td>{choiceName(p)}</td>
            <td className="n">{formatNumber(totals.paslon[i] ?? 0)}</td>
          </tr>
        ))}
        <tr className="tot">
          <td>Suara sah</td>
          <td className="n">{formatNumber(totals.sah)}</td>
        </tr>
        {!brief && (
          <>
            <tr>
              <td>Suara tidak sah</td>
              <td className="n">{formatNumber(totals.tidakSah)}</td>
            </tr>
            <tr>
              <td>Jumlah seluruh suara</td>
              <td className="n">{formatNumber(totals.total)}</td>
            </tr>
          </>
        )}
      </tbody>
    </table>
  );
}

function TpsVotes({ t }: { t: TpsReview }) {
  if (!t.current) return <p style={{ fontSize: '1.6rem' }}>Data C.Hasil TPS ini belum masuk.</p>;
  const c = t.current;
  const errFields = new Set(t.violations.filter((v) => v.severity === 'error').flatMap((v) => v.fields));
  return (
    <>
      <table data-testid="projector-tps-votes">
        <tbody>
          {t.pemilihan.pilihan.map((p, i) => (
            <tr key={p.nomor} className={errFields.has(`suara.paslon.${i}`) ? 'err' : undefined}>
              <td>{choiceName(p)}</td>
              <td className="n">{c.suara.paslon[i]}</td>
            </tr>
          ))}
          <tr className={`tot${errFields.has('suara.sah') ? ' err' : ''}`}>
            <td>Suara sah</td>
            <td className="n">{c.suara.sah}</td>
          </tr>
          <tr className={errFields.has('suara.tidakSah') ? 'err' : undefined}>
            <td>Suara tidak sah</td>
            <td className="n">{c.suara.tidakSah}</td>
          </tr>
          <tr className={errFields.has('suara.total') ? 'err' : undefined}>
            <td>Jumlah seluruh suara</td>
            <td className="n">{c.suara.total}</td>
          </tr>
        </tbody>
      </table>
      <table className="small" style={{ marginTop: '0.5em' }}>
        <tbody>
          <tr>
            <td>Pengguna hak pilih (L + P)</td>
            <td className="n">{c.pengguna.jumlah.l + c.pengguna.jumlah.p}</td>
          </tr>
          <tr>
            <td>Surat suara digunakan</td>
            <td className="n">{c.suratSuara.digunakan}</td>
          </tr>
        </tbody>
      </table>
      {t.violations
        .filter((v) => v.severity === 'error')
        .slice(0, 3)
        .map((v, i) => (
          <p className="violation" key={i}>
            {v.code}: {v.message}
          </p>
        ))}
    </>
  );
}

function Projector({ v }: { v: ProjectorView }) {
  const t = v.tps;
  const d = v.desa;
  const status = t?.status;
  const settled = v.counts.sesuai + v.counts.dikoreksi;
  return (
    <div className="proj" data-testid="projector">
      <div className="proj-head">
        <span className="where" data-testid="projector-where">
          {t ? `${t.desa.nama} · TPS ${nomorTps(t.nomor)}` : d ? `Desa ${d.nama}` : `Kecamatan ${v.kecamatan.nama}`}
        </span>
        {status && (
          <span className="proj-status" style={{ background: STATUS_BG[status] }} data-testid="projector-status">
            {tileLabel(status)}
          </span>
        )}
        {d?.locked && (
          <span className="proj-status" style={{ background: '#166534' }}>
            Desa terkunci
          </span>
        )}
        <span style={{ flex: 1 }} />
        <span className="pem" title={v.pemilihan.nama}>
          Pemilihan {shortPemilihan(v.pemilihan.id)}
        </span>
      </div>
      <div className="proj-main">
        <section>
          {t ? (
            <>
              <h2>Perolehan suara TPS {nomorTps(t.nomor)}</h2>
              <TpsVotes t={t} />
            </>
          ) : d ? (
            <>
              <h2>Jumlah desa {d.nama}</h2>
              <VotesTable pilihan={v.pemilihan.pilihan} totals={d.totals} testId="projector-desa-votes" />
            </>
          ) : (
            <>
              <h2>Perolehan sementara kecamatan {v.kecamatan.nama}</h2>
              <VotesTable pilihan={v.pemilihan.pilihan} totals={v.totals} testId="projector-kecamatan-votes" />
            </>
          )}
        </section>
        <section>
          {t || d ? (
            <>
              <h2>Sementara kecamatan {v.kecamatan.nama}</h2>
              <VotesTable pilihan={v.pemilihan.pilihan} totals={v.totals} className="small" testId="projector-totals" />
            </>
          ) : (
            <>
              <h2>Kemajuan per desa</h2>
              <div
                className={`proj-progress${v.desaProgress.length > 12 ? ' many' : ''}`}
                data-testid="projector-desa-progress"
              >
                {v.desaProgress.map((x) => (
                  <div key={x.kode}>
                    <span>{x.nama}</span>
                    <strong>{x.locked ? 'Terkunci' : `${x.settled}/${x.total}`}</strong>
                  </div>
                ))}
              </div>
            </>
          )}
          {d && t && (
            <>
              <h2 style={{ marginTop: '0.8em' }}>Jumlah sementara desa {d.nama}</h2>
              <VotesTable
                pilihan={v.pemilihan.pilihan}
                totals={d.totals}
                className="small"
                testId="projector-desa-votes"
                brief
              />
            </>
          )}
        </section>
      </div>
      <div className="proj-foot">
        <span>
          {settled} dari {v.tpsTotal} TPS diputuskan
        </span>
        <span>{v.tpsTotal - v.counts['belum-masuk']} TPS masuk</span>
        {v.counts.konflik + v.counts.bermasalah + v.counts.sengketa > 0 && (
          <span>{v.counts.konflik + v.counts.bermasalah + v.counts.sengketa} TPS perlu keputusan</span>
        )}
      </div>
    </div>
  );
}
