// Setting a decider's PIN (at session start, or changing it with the current one) and the ketua resetting a
// member's forgotten PIN with a reason (docs/plenary-decisions.md).
import { useState } from 'react';
import { Field } from '../../ui';
import type { Member } from '../../../shared/contracts/plenary.contract';
import { useAction, usePinnedAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { PinField, pinReady } from './decider';

export function SetPinDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const action = useAction('plenary.setPin');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [current, setCurrent] = useState('');
  const close = () => {
    setPin('');
    setAgain('');
    setCurrent('');
    action.clear();
    onClose();
  };
  const submit = async () => {
    const r = await action.run({ pin, ...(member.pin ? { currentPin: current } : {}) }, `PIN ${member.nama} disimpan`);
    if (r) close();
  };
  const mismatch = again.length >= pin.length && again !== pin;
  return (
    <ActionDialog
      open={open}
      onClose={close}
      title={member.pin ? `Ganti PIN ${member.nama}` : `Atur PIN ${member.nama}`}
      action={action}
      submitLabel="Simpan PIN"
      submitDisabled={!pinReady(pin) || pin !== again || (member.pin && !pinReady(current))}
      onSubmit={submit}
    >
      <p>
        Sebagai {member.ketua ? 'Ketua PPK' : 'anggota yang didelegasikan'}, Anda mengonfirmasi setiap persetujuan,
        pembukaan kunci, penguncian dan pembatalan dengan PIN ini. PIN 4–8 angka, tidak berurutan; jangan diberitahukan
        kepada orang lain.
      </p>
      {member.pin && <PinField value={current} onChange={setCurrent} label="PIN lama" />}
      <PinField value={pin} onChange={setPin} label="PIN baru" />
      <Field label="Ulangi PIN baru" {...(mismatch ? { error: 'PIN tidak sama.' } : {})}>
        <input
          className="input pin-input"
          type="password"
          inputMode="numeric"
          autoComplete="off"
          maxLength={8}
          value={again}
          onChange={(e) => setAgain(e.target.value.replace(/\D/g, ''))}
        />
      </Field>
    </ActionDialog>
  );
}

export function ResetPinDialog({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const { action, reason, setReason, pin, setPin, close } = usePinnedAction('plenary.resetPin', onClose);
  if (!member) return null;
  const submit = async () => {
    const r = await action.run({ member: member.id, reason, pin }, `PIN ${member.nama} diatur ulang`);
    if (r) close();
  };
  return (
    <ActionDialog
      open
      onClose={close}
      title={`Atur ulang PIN ${member.nama}`}
      action={action}
      submitLabel="Atur ulang PIN"
      submitVariant="danger"
      submitDisabled={reason.trim().length < 3 || !pinReady(pin)}
      onSubmit={submit}
    >
      <p>PIN lama {member.nama} tidak berlaku lagi; ia mengatur PIN baru saat memutuskan berikutnya.</p>
      <Field label="Alasan (wajib)">
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} autoFocus />
      </Field>
      <PinField value={pin} onChange={setPin} label="PIN Ketua PPK" />
    </ActionDialog>
  );
}
