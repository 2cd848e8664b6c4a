// The desa lock for the current pemilihan. "Kunci desa" opens a confirmation that reads out the desa's totals (per
// paslon, suara sah / tidak sah, jumlah) and asks the decider's PIN; when a TPS is unsettled or an objection is
// open it lists the reasons instead. "Buka kunci" needs a recorded reason and the PIN. Only the ketua or a
// delegate decides (the backend enforces it; docs/plenary-decisions.md).
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button } from '../../ui';
import { RefusalDialog } from '../../ui/RefusalDialog';
import type { DesaView } from '../../../shared/contracts/plenary.contract';
import type { PemilihanId } from '../../../shared/domain/model';
import { useActionDialog } from './use-action';
import { UnlockDialog } from './DecideDialogs';
import { ActionDialog } from './ActionDialog';
import { PinField, pinReady } from './decider';
import { VoteTotals } from './VoteTotals';

export function DesaLock({ pemilihan, desa }: { pemilihan: PemilihanId; desa: { kode: string; nama: string } }) {
  const q = useApiQuery('plenary.desa', { pemilihan, desa: desa.kode });
  const [open, setOpen] = useState<'lock' | 'unlock' | null>(null);
  const d = q.data;
  if (!d) return null;
  const settled = d.counts.sesuai + d.counts.dikoreksi;
  return (
    <span className="row" data-testid="desa-lock">
      <span className="muted" title={`Desa ${d.nama}`}>
        Desa: <strong className="num">{settled}</strong>/{d.tiles.length} diputuskan
      </span>
      {d.locked ? (
        <Button size="sm" variant="danger" onClick={() => setOpen('unlock')}>
          Buka kunci desa
        </Button>
      ) : (
        <Button
          size="sm"
          onClick={() => setOpen('lock')}
          title={d.lockBlockers.length ? d.lockBlockers.join('\n') : 'Semua TPS sudah diputuskan'}
        >
          Kunci desa
        </Button>
      )}
      {open === 'lock' && d.lockBlockers.length > 0 && <LockRefused d={d} onClose={() => setOpen(null)} />}
      {open === 'lock' && d.lockBlockers.length === 0 && (
        <LockDialog d={d} pemilihan={pemilihan} onClose={() => setOpen(null)} />
      )}
      <UnlockDialog desa={desa} pemilihan={pemilihan} open={open === 'unlock'} onClose={() => setOpen(null)} />
    </span>
  );
}

function LockRefused({ d, onClose }: { d: DesaView; onClose: () => void }) {
  const title = `Desa ${d.nama} belum dapat dikunci`;
  return <RefusalDialog title={title} reasons={d.lockBlockers} testId="lock-refused" onClose={onClose} />;
}

/** Reads the desa's totals out before the lock: what the room agrees to freeze. */
function LockDialog({ d, pemilihan, onClose }: { d: DesaView; pemilihan: PemilihanId; onClose: () => void }) {
  const lock = useActionDialog('plenary.lockDesa', onClose);
  const [pin, setPin] = useState('');
  const submit = () => lock.submit({ pemilihan, desa: d.kode, pin }, `Desa ${d.nama} dikunci`);
  return (
    <ActionDialog
      open
      dialog={lock}
      title={`Kunci desa ${d.nama}?`}
      submitLabel="Kunci desa"
      submitDisabled={!pinReady(pin)}
      onSubmit={submit}
    >
      <p>
        Bacakan hasil desa {d.nama} ({d.tiles.length} TPS) sebelum dikunci. Setelah dikunci, angka desa ini tidak dapat
        diubah kecuali kunci dibuka dengan alasan yang dicatat.
      </p>
      <VoteTotals pilihan={d.pemilihan.pilihan} suara={d.totals} label={`Hasil desa ${d.nama}`} testId="lock-totals" />
      <PinField value={pin} onChange={setPin} />
    </ActionDialog>
  );
}
