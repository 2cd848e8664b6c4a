// "Daftarkan perangkat KPPS": a device that is not in the data master, added by a recorded decision of the ketua
// PPK or a delegate (docs/plenary-decisions.md), confirmed with the decider's PIN like every weighty decision. The
// key is typed or read from a QR picture of the phone's screen; the backend checks it all again and records it.
import type { DevicesView } from '../../../shared/contracts/import.contract';
import { Button, Dialog, Field, FilePicker, Select, StatusPill } from '../../ui';
import { PinField } from '../plenary/decider';
import { ErrorAlert } from './panel-parts';
import { useRegisterDevice, type RegisterDeviceState, type RegisterTarget } from './use-register-device';

function DeviceFields({ s, view }: { s: RegisterDeviceState; view: DevicesView }) {
  const f = s.fields;
  return (
    <>
      <Field label="Id perangkat">
        <input className="mono" value={f.id} maxLength={128} onChange={(e) => f.setId(e.target.value)} />
      </Field>
      <Field label="TPS">
        <Select
          value={f.tps}
          onChange={f.setTps}
          placeholder="— pilih TPS —"
          options={view.tps.map((t) => ({ value: t.kode, label: t.label }))}
        />
      </Field>
      <Field label="Kunci publik perangkat" hint="base64url, 43 karakter (32 byte), seperti tampil di HP KPPS">
        <textarea
          className="mono"
          rows={2}
          value={f.publicKey}
          onChange={(e) => f.setPublicKey(e.target.value)}
          spellCheck={false}
        />
      </Field>
      <div className="row">
        <FilePicker
          size="sm"
          accept="image/png,image/jpeg,.png,.jpg,.jpeg"
          inputLabel="Gambar kode QR perangkat"
          onFiles={(files) => void s.scan(files)}
        >
          Pindai QR dari gambar…
        </FilePicker>
        {s.qrNote && (
          <span className={s.qrNote.ok ? 'muted' : 'error'} role="status" data-testid="device-qr-note">
            {s.qrNote.text}
          </span>
        )}
      </div>
    </>
  );
}

function DeciderNote({ operator }: { operator: DevicesView['operator'] }) {
  return (
    <>
      <p data-testid="device-decider">
        Diputuskan oleh:{' '}
        {operator ? (
          <>
            <strong>{operator.nama}</strong>{' '}
            {operator.mayDecide ? (
              <StatusPill tone="ok">berwenang</StatusPill>
            ) : (
              <StatusPill tone="danger">bukan Ketua/anggota yang didelegasikan</StatusPill>
            )}
          </>
        ) : (
          <StatusPill tone="danger">belum ada operator</StatusPill>
        )}
      </p>
      {operator && !operator.mayDecide && (
        <p className="alert alert-danger">
          Hanya Ketua PPK atau anggota yang didelegasikan Ketua yang dapat mendaftarkan perangkat. Ganti operator di
          menu Pleno.
        </p>
      )}
      {!operator && <p className="alert alert-danger">Pilih dulu siapa yang mengoperasikan (menu Pleno → Operator).</p>}
    </>
  );
}

export function RegisterDeviceDialog({
  target,
  view,
  onClose,
}: {
  target: RegisterTarget | null;
  view: DevicesView;
  onClose: () => void;
}) {
  const s = useRegisterDevice(target, view, onClose);
  const mayDecide = view.operator?.mayDecide === true;
  return (
    <Dialog
      open={target !== null}
      title="Daftarkan perangkat KPPS"
      onClose={onClose}
      actions={
        <Button variant="primary" busy={s.pending} disabled={!mayDecide || !s.filled} onClick={() => void s.submit()}>
          Daftarkan dengan keputusan PPK
        </Button>
      }
    >
      <div className="stack device-register">
        <p className="muted">
          Cocokkan kunci dengan yang tampil di layar HP KPPS (ketik/tempel, atau foto kode QR di layar HP). Keputusan
          ini dicatat di log audit dengan nama yang memutuskan dan alasannya; perangkat yang sudah terdaftar tidak dapat
          dipindah TPS atau diganti kuncinya.
        </p>
        <DeviceFields s={s} view={view} />
        <Field label="Alasan keputusan (wajib)">
          <textarea
            value={s.fields.reason}
            maxLength={2000}
            onChange={(e) => s.fields.setReason(e.target.value)}
            placeholder="mis. HP KPPS TPS 003 rusak, diganti HP cadangan"
          />
        </Field>
        <DeciderNote operator={view.operator} />
        {mayDecide && <PinField value={s.fields.pin} onChange={s.fields.setPin} />}
        <ErrorAlert message={s.error} />
      </div>
    </Dialog>
  );
}
