// Setting a decider's PIN (at session start, or changing it with the current one), the ketua resetting a member's
// forgotten PIN with a reason, and the ketua's own forgotten PIN cleared by two delegates with their PINs
// (docs/plenary-decisions.md).
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button, Field, PinInput } from '../../ui';
import type { Member } from '../../../shared/contracts/plenary.contract';
import { useActionDialog, useReasonAction } from './use-action';
import { ActionDialog } from './ActionDialog';
import { PinField, pinReady } from './decider';
import { ReasonDialog, ReasonPinDialog } from './ReasonPinDialog';

export function SetPinDialog({ member, open, onClose }: { member: Member; open: boolean; onClose: () => void }) {
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [current, setCurrent] = useState('');
  const dialog = useActionDialog('plenary.setPin', onClose, () => {
    setPin('');
    setAgain('');
    setCurrent('');
  });
  const submit = () =>
    dialog.submit({ pin, ...(member.pin ? { currentPin: current } : {}) }, `PIN ${member.nama} disimpan`);
  const mismatch = again.length >= pin.length && again !== pin;
  const [forgot, setForgot] = useState(false);
  return (
    <>
      <ActionDialog
        open={open}
        dialog={dialog}
        title={member.pin ? `Ganti PIN ${member.nama}` : `Atur PIN ${member.nama}`}
        submitLabel="Simpan PIN"
        submitDisabled={!pinReady(pin) || pin !== again || (member.pin && !pinReady(current))}
        onSubmit={submit}
      >
        <p>
          Sebagai {member.ketua ? 'Ketua PPK' : 'anggota yang didelegasikan'}, Anda mengonfirmasi setiap persetujuan,
          pembukaan kunci, penguncian dan pembatalan dengan PIN ini. PIN 4–8 angka, tidak berurutan; jangan
          diberitahukan kepada orang lain.
        </p>
        {member.pin && <PinField value={current} onChange={setCurrent} label="PIN lama" />}
        {member.pin && member.ketua && (
          <Button size="sm" variant="ghost" onClick={() => setForgot(true)}>
            Lupa PIN Ketua? Atur ulang dengan dua anggota yang didelegasikan
          </Button>
        )}
        <PinField value={pin} onChange={setPin} label="PIN baru" />
        <Field label="Ulangi PIN baru" {...(mismatch ? { error: 'PIN tidak sama.' } : {})}>
          <PinInput value={again} onChange={setAgain} />
        </Field>
      </ActionDialog>
      {forgot && <ResetKetuaPinDialog ketua={member} onClose={() => setForgot(false)} />}
    </>
  );
}

// Both PIN resets (the ketua's by two delegates, a member's by the ketua) say the same words.
const resetTitle = (m: Member) => `Atur ulang PIN ${m.nama}`;
const resetDone = (m: Member) => `PIN ${m.nama} diatur ulang`;

/** The ketua's own PIN, forgotten: two delegates confirm with their PINs and a reason; the ketua then sets a new one. */
function ResetKetuaPinDialog({ ketua, onClose }: { ketua: Member; onClose: () => void }) {
  const dialog = useReasonAction('plenary.resetKetuaPin', onClose);
  const delegates = useApiQuery('plenary.members', {}).data?.members.filter((m) => m.delegate && m.pin) ?? [];
  const [who, setWho] = useState<[string, string]>(['', '']);
  const [pins, setPins] = useState<[string, string]>(['', '']);
  const ready = who[0] !== '' && who[1] !== '' && who[0] !== who[1] && pins.every(pinReady);
  const submit = () => {
    const witnesses = [0, 1].map((i) => ({ member: Number(who[i]), pin: pins[i]! }));
    return dialog.submit({ reason: dialog.reason, witnesses }, resetDone(ketua));
  };
  return (
    <ReasonDialog
      dialog={dialog}
      title={resetTitle(ketua)}
      submitLabel="Atur ulang PIN Ketua"
      submitVariant="danger"
      ready={ready}
      onSubmit={submit}
    >
      <p>
        PIN Ketua yang terlupa diatur ulang oleh dua anggota yang didelegasikan, masing-masing dengan PIN-nya, di depan
        rapat. Setelah itu Ketua langsung mengatur PIN baru. Kejadian ini dicatat dengan nama keduanya dan alasannya.
      </p>
      {delegates.length < 2 && (
        <div className="notice notice-danger">
          Perlu dua anggota yang didelegasikan dan sudah punya PIN; saat ini ada {delegates.length}.
        </div>
      )}
      {[0, 1].map((i) => (
        <div className="form-grid" key={i}>
          <Field label={`Anggota ${i + 1}`}>
            <select
              value={who[i]}
              onChange={(e) => setWho((w) => (i === 0 ? [e.target.value, w[1]] : [w[0], e.target.value]))}
            >
              <option value="">— pilih anggota yang didelegasikan —</option>
              {delegates.map((m) => (
                <option key={m.id} value={String(m.id)}>
                  {m.nama}
                </option>
              ))}
            </select>
          </Field>
          <PinField
            value={pins[i]!}
            onChange={(v) => setPins((p) => (i === 0 ? [v, p[1]] : [p[0], v]))}
            label={`PIN anggota ${i + 1}`}
          />
        </div>
      ))}
    </ReasonDialog>
  );
}

export function ResetPinDialog({ member, onClose }: { member: Member | null; onClose: () => void }) {
  const pinned = useReasonAction('plenary.resetPin', onClose);
  const { reason, pin } = pinned;
  if (!member) return null;
  const submit = () => pinned.submit({ member: member.id, reason, pin }, resetDone(member));
  return (
    <ReasonPinDialog
      pinned={pinned}
      title={resetTitle(member)}
      submitLabel="Atur ulang PIN"
      pinLabel="PIN Ketua PPK"
      onSubmit={submit}
    >
      <p>PIN lama {member.nama} tidak berlaku lagi; ia mengatur PIN baru saat memutuskan berikutnya.</p>
    </ReasonPinDialog>
  );
}
