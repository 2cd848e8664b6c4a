// Who is operating: chosen from the PPK members of the data master at the start of a session (each change is a
// recorded hand-over). Shows whether the operator may decide (ketua, or a delegate of the ketua); the ketua can
// delegate or withdraw the right to decide (recorded with an optional reason). A decider without a PIN is asked to
// set one as they start (PinDialogs.tsx); the ketua resets a member's forgotten PIN from the delegation dialog.
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button, Dialog, Field, StatusPill } from '../../ui';
import type { Member, MembersView } from '../../../shared/contracts/plenary.contract';
import { ErrorNotice, useAction } from './use-action';
import { ResetPinDialog, SetPinDialog } from './PinDialogs';
import { PinField, pinReady } from './decider';

export function OperatorChooser() {
  const q = useApiQuery('plenary.members', {});
  const start = useAction('plenary.startSession');
  const [delegating, setDelegating] = useState(false);
  const [settingPin, setSettingPin] = useState(false);
  const m = q.data;
  if (!m) return null;
  const current = m.session?.member ?? null;
  const decider = !!current && (current.ketua || current.delegate);
  return (
    <span className="operator" data-testid="operator">
      <label htmlFor="operator-select" className="muted">
        Operator
      </label>
      <select
        id="operator-select"
        value={current ? String(current.id) : ''}
        onChange={async (e) => {
          if (e.target.value === '') return;
          const member = m.members[Number(e.target.value)];
          const started = await start.run({ member: Number(e.target.value) }, `Operator: ${member?.nama ?? ''}`);
          if (started && (started.member.ketua || started.member.delegate) && !started.member.pin) setSettingPin(true);
        }}
      >
        {!current && <option value="">— pilih operator —</option>}
        {m.members.map((x) => (
          <option key={x.id} value={x.id}>
            {x.nama} ({x.jabatan})
          </option>
        ))}
      </select>
      {current?.ketua && (
        <Button size="sm" onClick={() => setDelegating(true)} title="Memberi atau mencabut hak memutuskan">
          Delegasi
        </Button>
      )}
      {current?.delegate && <StatusPill tone="info">Delegasi Ketua</StatusPill>}
      {decider && (
        <Button size="sm" variant={current.pin ? 'ghost' : 'primary'} onClick={() => setSettingPin(true)}>
          {current.pin ? 'Ganti PIN' : 'Atur PIN'}
        </Button>
      )}
      {current && decider && <SetPinDialog member={current} open={settingPin} onClose={() => setSettingPin(false)} />}
      {!current && <StatusPill tone="warn">Pilih operator</StatusPill>}
      <DelegationDialog view={m} open={delegating} onClose={() => setDelegating(false)} />
    </span>
  );
}

function DelegationDialog({ view, open, onClose }: { view: MembersView; open: boolean; onClose: () => void }) {
  const action = useAction('plenary.delegate');
  const [reason, setReason] = useState('');
  const [pin, setPin] = useState('');
  const [resetting, setResetting] = useState<Member | null>(null);
  const close = () => {
    setPin('');
    action.clear();
    onClose();
  };
  const toggle = async (id: number, active: boolean, nama: string) => {
    await action.run(
      { member: id, active, pin, ...(reason.trim() ? { reason } : {}) },
      active ? `${nama} diberi delegasi untuk memutuskan` : `Delegasi ${nama} dicabut`,
    );
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title="Delegasi hak memutuskan"
      footer={<Button onClick={close}>Selesai</Button>}
    >
      <div className="stack">
        <p>
          Anggota yang diberi delegasi dapat menyetujui koreksi, menyelesaikan keberatan, dan mengunci atau membuka
          kunci desa. Setiap pemberian dan pencabutan dicatat dan dikonfirmasi dengan PIN Ketua.
        </p>
        <Field label="Alasan (opsional)">
          <input className="input" value={reason} onChange={(e) => setReason(e.target.value)} />
        </Field>
        <PinField value={pin} onChange={setPin} />
        <table className="table">
          <tbody>
            {view.members
              .filter((x) => !x.ketua)
              .map((x) => (
                <tr key={x.id}>
                  <td>
                    {x.nama} <span className="muted">({x.jabatan})</span>
                  </td>
                  <td>
                    {x.delegate ? <StatusPill tone="info">Didelegasikan</StatusPill> : <span className="muted">—</span>}
                  </td>
                  <td>
                    <Button
                      size="sm"
                      busy={action.pending}
                      disabled={!pinReady(pin)}
                      onClick={() => void toggle(x.id, !x.delegate, x.nama)}
                    >
                      {x.delegate ? 'Cabut' : 'Beri delegasi'}
                    </Button>
                  </td>
                  <td>
                    {x.pin && (
                      <Button size="sm" variant="ghost" onClick={() => setResetting(x)}>
                        Atur ulang PIN
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
        <ErrorNotice error={action.error} />
      </div>
      <ResetPinDialog member={resetting} onClose={() => setResetting(null)} />
    </Dialog>
  );
}
