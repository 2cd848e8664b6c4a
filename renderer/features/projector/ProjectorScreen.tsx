// The projector view (`#/proyektor`, no navigation chrome): a large, high-contrast, read-only display of the TPS or
// desa being read and the running totals. Follows the operator through `focus-changed`; refreshes on every decision.
// "Foto C.Hasil" (or F) puts the counted sheet's photo beside the figures.
import { useEffect, useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import type { ProjectorView } from '../../../shared/contracts/plenary.contract';
import { nomorTps, tileLabel } from '../dashboard/tile-status';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import { TpsVotes, VotesTable } from './ProjectorTables';
import { ProjectorPhoto } from './ProjectorPhoto';
import { DesaProgress, ProjectorFoot } from './ProjectorParts';
import '../plenary/plenary.css';
import './projector.css';

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
      <main className="proj proj-fit" data-testid="projector">
        <h1 className="proj-head where">{q.error ? q.error.message : 'Menunggu operator…'}</h1>
      </main>
    );
  }
  return <Projector v={v} />;
}

/** F toggles the photo (not while typing; the projector has no fields, but a dialog of the browser might). */
function usePhotoToggle(): [boolean, () => void] {
  const [photo, setPhoto] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || (e.key !== 'f' && e.key !== 'F')) return;
      e.preventDefault();
      setPhoto((p) => !p);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return [photo, () => setPhoto((p) => !p)];
}

function ProjectorHead({ v, photo, togglePhoto }: { v: ProjectorView; photo: boolean; togglePhoto: () => void }) {
  const t = v.tps;
  const d = v.desa;
  return (
    <header className="proj-head">
      <h1 className="where" data-testid="projector-where">
        {t ? `${t.desa.nama} · TPS ${nomorTps(t.nomor)}` : d ? `Desa ${d.nama}` : `Kecamatan ${v.kecamatan.nama}`}
      </h1>
      {t && (
        <span className="proj-status" style={{ background: STATUS_BG[t.status] }} data-testid="projector-status">
          {tileLabel(t.status)}
        </span>
      )}
      {d?.locked && (
        <span className="proj-status" style={{ background: '#166534' }}>
          Desa terkunci
        </span>
      )}
      <span style={{ flex: 1 }} />
      {t?.current && (
        <button type="button" className="proj-toggle" aria-pressed={photo} onClick={togglePhoto}>
          Foto C.Hasil <kbd>F</kbd>
        </button>
      )}
      <span className="pem" title={v.pemilihan.nama}>
        Pemilihan {shortPemilihan(v.pemilihan.id)}
      </span>
    </header>
  );
}

function Projector({ v }: { v: ProjectorView }) {
  const t = v.tps;
  const d = v.desa;
  const [photo, togglePhoto] = usePhotoToggle();
  const pil = v.pemilihan.pilihan;
  return (
    <main className="proj proj-fit" data-testid="projector">
      <ProjectorHead v={v} photo={photo} togglePhoto={togglePhoto} />
      <div className={`proj-main${t && photo ? ' with-photo' : ''}`}>
        <section aria-label="Angka yang dibacakan">
          {t ? (
            <>
              <h2>Perolehan suara TPS {nomorTps(t.nomor)}</h2>
              <TpsVotes t={t} />
            </>
          ) : d ? (
            <>
              <h2>Jumlah desa {d.nama}</h2>
              <VotesTable pilihan={pil} totals={d.totals} testId="projector-desa-votes" />
            </>
          ) : (
            <>
              <h2>Perolehan sementara kecamatan {v.kecamatan.nama}</h2>
              <VotesTable pilihan={pil} totals={v.totals} testId="projector-kecamatan-votes" />
            </>
          )}
        </section>
        <section aria-label={t && photo ? 'Foto C.Hasil' : 'Jumlah sementara'}>
          {t && photo ? (
            <ProjectorPhoto key={t.tps} t={t} />
          ) : t || d ? (
            <>
              <h2>Sementara kecamatan {v.kecamatan.nama}</h2>
              <VotesTable pilihan={pil} totals={v.totals} className="small" testId="projector-totals" />
            </>
          ) : (
            <DesaProgress v={v} />
          )}
          {d && t && !photo && (
            <>
              <h2 style={{ marginTop: '0.8em' }}>Jumlah sementara desa {d.nama}</h2>
              <VotesTable pilihan={pil} totals={d.totals} className="small" testId="projector-desa-votes" brief />
            </>
          )}
        </section>
      </div>
      <ProjectorFoot v={v} />
    </main>
  );
}
