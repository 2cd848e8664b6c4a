// The desa lock for the current pemilihan: "Kunci desa" (refused with the reasons when a TPS is unsettled or an
// objection is open), or "Buka kunci" with a recorded reason. Needs the ketua or a delegate (enforced by the backend).
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button, Dialog } from '../../ui';
import type { PemilihanId } from '../../../shared/domain/model';
import { useAction } from './use-action';
import { UnlockDialog } from './DecideDialogs';

export function DesaLock({ pemilihan, desa }: { pemilihan: PemilihanId; desa: { kode: string; nama: string } }) {
  const q = useApiQuery('plenary.desa', { pemilihan, desa: desa.kode });
  const lock = useAction('plenary.lockDesa');
  const [unlocking, setUnlocking] = useState(false);
  const d = q.data;
  if (!d) return null;
  const settled = d.counts.sesuai + d.counts.dikoreksi;
  return (
    <span className="row" data-testid="desa-lock">
      <span className="muted" title={`Desa ${d.nama}`}>
        Desa: <strong className="num">{settled}</strong>/{d.tiles.length} diputuskan
      </span>
      {d.locked ? (
        <Button size="sm" variant="danger" onClick={() => setUnlocking(true)}>
          Buka kunci desa
        </Button>
      ) : (
        <Button
          size="sm"
          busy={lock.pending}
          onClick={() => void lock.run({ pemilihan, desa: desa.kode }, `Desa ${d.nama} dikunci`)}
          title={d.lockBlockers.length ? d.lockBlockers.join('\n') : 'Semua TPS sudah diputuskan'}
        >
          Kunci desa
        </Button>
      )}
      <Dialog
        open={lock.error !== null}
        onClose={lock.clear}
        title={`Desa ${d.nama} belum dapat dikunci`}
        footer={<Button onClick={lock.clear}>Tutup</Button>}
      >
        <div className="stack" data-testid="lock-refused">
          {lock.error && !(d.lockBlockers[0] && lock.error.includes(d.lockBlockers[0])) && <p>{lock.error}</p>}
          {d.lockBlockers.length > 0 && (
            <ul>
              {d.lockBlockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          )}
        </div>
      </Dialog>
      <UnlockDialog desa={desa} pemilihan={pemilihan} open={unlocking} onClose={() => setUnlocking(false)} />
    </span>
  );
}
