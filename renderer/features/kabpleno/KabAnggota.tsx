// The KPU kab/kota members of this receiver's plenary (docs/receiver-plenary.md): listed with whether their PIN is
// set; a member is added by name and jabatan; each sets a PIN (changing it needs the current one).
import { useState } from 'react';
import type { KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import { useApiCommand } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Field, PinInput, Select, TextInput } from '../../ui/Field';

function PinForm({ v }: { v: KabPlenoView }) {
  const setPin = useApiCommand('kabpleno.setPin');
  const [pinFor, setPinFor] = useState('');
  const [pin, setPinText] = useState('');
  const [lama, setLama] = useState('');
  return (
    <>
      <div className="row" style={{ gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field label="Atur PIN untuk">
          <Select
            className="input"
            value={pinFor}
            onChange={setPinFor}
            placeholder="Pilih anggota"
            options={v.anggota.map((a) => ({ value: a.nama, label: a.nama }))}
          />
        </Field>
        <Field label="PIN baru (4–8 angka)">
          <PinInput value={pin} onChange={setPinText} />
        </Field>
        <Field label="PIN lama (bila sudah ada)">
          <PinInput value={lama} onChange={setLama} />
        </Field>
        <Button
          disabled={!pinFor || pin.length < 4}
          onClick={() =>
            void setPin.run({ nama: pinFor, pin, ...(lama ? { currentPin: lama } : {}) }).then((r) => {
              if (r.ok) {
                setPinText('');
                setLama('');
              }
            })
          }
        >
          Simpan PIN
        </Button>
      </div>
      {setPin.error && (
        <p role="alert" className="error">
          {setPin.error.message}
        </p>
      )}
    </>
  );
}

export function KabAnggota({ v }: { v: KabPlenoView }) {
  const add = useApiCommand('kabpleno.addAnggota');
  const [nama, setNama] = useState('');
  const [jabatan, setJabatan] = useState<'ketua' | 'anggota'>(
    v.anggota.some((a) => a.jabatan === 'ketua') ? 'anggota' : 'ketua',
  );
  const error = add.error?.message;
  return (
    <Card title="Anggota KPU kabupaten/kota">
      {v.anggota.length === 0 && <p>Daftarkan ketua dan anggota KPU yang memimpin rapat pleno ini.</p>}
      <ul>
        {v.anggota.map((a) => (
          <li key={a.nama}>
            {a.nama} — {a.jabatan === 'ketua' ? 'Ketua' : 'Anggota'} · {a.pin ? 'PIN sudah diatur' : 'PIN belum diatur'}
          </li>
        ))}
      </ul>
      <div className="row" style={{ gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
        <Field label="Nama anggota">
          <TextInput value={nama} onChange={setNama} />
        </Field>
        <Field label="Jabatan">
          <select className="input" value={jabatan} onChange={(e) => setJabatan(e.target.value as 'ketua' | 'anggota')}>
            <option value="ketua">Ketua</option>
            <option value="anggota">Anggota</option>
          </select>
        </Field>
        <Button onClick={() => void add.run({ nama, jabatan }).then((r) => r.ok && setNama(''))}>Tambah anggota</Button>
      </div>
      {v.anggota.length > 0 && <PinForm v={v} />}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </Card>
  );
}
