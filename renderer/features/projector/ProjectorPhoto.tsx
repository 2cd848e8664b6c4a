// The C.Hasil photo on the projector (toggled with "Foto C.Hasil" or the F key): the counted submission's sheets,
// one at a time (the last sheet, with the votes, first), fitted to the pane.
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import type { TpsReview } from '../../../shared/contracts/plenary.contract';

export function countedPhotos(t: TpsReview) {
  const s = t.submissions.find((x) => x.counted) ?? t.submissions[0];
  return s ? s.foto : [];
}

export function ProjectorPhoto({ t }: { t: TpsReview }) {
  const pages = countedPhotos(t);
  const [index, setIndex] = useState(Math.max(0, pages.length - 1));
  const page = pages[Math.min(index, pages.length - 1)];
  const q = useApiQuery('plenary.photo', { sha256: page?.sha256 ?? '' }, { enabled: !!page?.available });
  if (!page) return <p>Tidak ada foto C.Hasil untuk TPS ini.</p>;
  return (
    <div className="proj-photo" data-testid="projector-photo">
      <div className="proj-photo-pages" role="group" aria-label="Lembar foto">
        {pages.map((p, i) => (
          <button key={`${p.lembar}-${p.sha256}`} type="button" aria-pressed={p === page} onClick={() => setIndex(i)}>
            Lembar {p.lembar}
          </button>
        ))}
      </div>
      {!page.available ? (
        <p>Foto lembar {page.lembar} belum tersimpan di laptop ini.</p>
      ) : q.data ? (
        <img src={`data:${q.data.mime};base64,${q.data.base64}`} alt={`Foto C.Hasil lembar ${page.lembar}`} />
      ) : (
        <p>{q.error ? q.error.message : 'Memuat foto…'}</p>
      )}
    </div>
  );
}
