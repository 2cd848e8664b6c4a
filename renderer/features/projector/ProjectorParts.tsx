// Smaller parts of the projector: the per-desa progress list (kecamatan overview) and the footer counts.
import type { ProjectorView } from '../../../shared/contracts/plenary.contract';

export function DesaProgress({ v }: { v: ProjectorView }) {
  return (
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
  );
}

export function ProjectorFoot({ v }: { v: ProjectorView }) {
  const settled = v.counts.sesuai + v.counts.dikoreksi;
  const waiting = v.counts.konflik + v.counts.bermasalah + v.counts.sengketa;
  return (
    <footer className="proj-foot">
      <span>
        {settled} dari {v.tpsTotal} TPS diputuskan
      </span>
      <span>{v.tpsTotal - v.counts['belum-masuk']} TPS masuk</span>
      {waiting > 0 && <span>{waiting} TPS perlu keputusan</span>}
    </footer>
  );
}
