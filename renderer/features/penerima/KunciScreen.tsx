// Unknown PPK keys (#/kunci-ppk): keys that tried to push, with the kecamatan they claim and their fingerprint. The
// operator compares the fingerprint with the one printed on that kecamatan's D.Hasil pages and registers the key
// with a reason (audited; a key is bound to one kecamatan, never re-bound).
import { useState } from 'react';
import type { UnknownKeyView } from '../../../shared/contracts/penerima.contract';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { Dialog } from '../../ui/Dialog';
import { EmptyState } from '../../ui/EmptyState';
import { Field, TextInput } from '../../ui/Field';
import { Table } from '../../ui/Table';
import { waktu } from './penerima-format';

function Daftarkan({ k, onClose }: { k: UnknownKeyView; onClose: (done: boolean) => void }) {
  const [alasan, setAlasan] = useState('');
  const [tried, setTried] = useState(false);
  const save = useApiCommand('penerima.registerKey');
  const missing = tried && alasan.trim() === '' ? 'Alasan wajib diisi.' : undefined;
  async function submit() {
    setTried(true);
    if (alasan.trim() === '') return;
    const r = await save.run({ kecamatan: k.kecamatan, publicKey: k.publicKey, alasan });
    if (r.ok) onClose(true);
  }
  return (
    <Dialog
      open
      title={`Daftarkan kunci PPK Kecamatan ${k.nama}`}
      onClose={() => onClose(false)}
      actions={
        <Button variant="primary" onClick={() => void submit()} disabled={save.pending}>
          Daftarkan
        </Button>
      }
    >
      <p>
        Sidik jari: <strong>{k.fingerprint}</strong>. Cocokkan dengan sidik jari yang tercetak di setiap halaman D.Hasil
        kecamatan ini. Kunci yang sudah didaftarkan tidak dapat dipindahkan ke kecamatan lain.
      </p>
      <Field label="Alasan pendaftaran" error={missing ?? save.error?.message}>
        <TextInput value={alasan} onChange={setAlasan} />
      </Field>
    </Dialog>
  );
}

export default function KunciScreen() {
  const q = useApiQuery('penerima.unknownKeys', {});
  const [open, setOpen] = useState<UnknownKeyView | null>(null);
  if (!q.data)
    return q.error ? <EmptyState title="Daftar kunci tidak dapat dimuat">{q.error.message}</EmptyState> : null;
  return (
    <div className="stack">
      <h1>Kunci PPK yang belum dikenal</h1>
      <Card title="Kunci yang mencoba mengirim">
        <Table
          aria-label="Kunci PPK yang belum terdaftar"
          columns={[
            { key: 'kec', header: 'Mengaku kecamatan', render: (k) => `${k.nama} (${k.kecamatan})` },
            { key: 'fp', header: 'Sidik jari kunci', render: (k) => <code>{k.fingerprint}</code> },
            { key: 'waktu', header: 'Pertama mencoba', render: (k) => waktu(k.waktu) },
            {
              key: 'aksi',
              header: 'Tindakan',
              render: (k) => (
                <Button size="sm" onClick={() => setOpen(k)}>
                  Daftarkan
                </Button>
              ),
            },
          ]}
          rows={q.data.kunci}
          rowKey={(k) => `${k.keyId}-${k.kecamatan}`}
          empty="Tidak ada kunci yang belum dikenal."
        />
      </Card>
      {open && (
        <Daftarkan
          k={open}
          onClose={(done) => {
            setOpen(null);
            if (done) q.reload();
          }}
        />
      )}
    </div>
  );
}
