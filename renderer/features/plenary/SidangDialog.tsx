// The sidang of the day: open, suspend (skors, with a reason), resume, close; who attended (PPK members, the saksi
// of each paslon, Panwaslu Kecamatan), carried to the D.Hasil signature page; the kejadian khusus recorded for the
// whole kecamatan, closable (docs/plenary-decisions.md).
import { useState } from 'react';
import { useApiQuery } from '../../api/hooks';
import { Button, Dialog, Field, Select, StatusPill } from '../../ui';
import type { SidangView } from '../../../shared/contracts/plenary.contract';
import { SIDANG_LABEL, type SidangAction } from '../../../shared/domain/sidang';
import type { PemilihanId, Pilihan } from '../../../shared/domain/model';
import { ErrorNotice, useAction, useReasonAction } from './use-action';
import { ReasonDialog } from './ReasonPinDialog';
import { KejadianItem } from './KejadianDialog';
import { shortPemilihan } from '../dashboard/pemilihan-label';

const ACTIONS: { action: SidangAction; label: string; when: SidangView['status'][] }[] = [
  { action: 'buka', label: 'Buka sidang', when: ['belum', 'ditutup'] },
  { action: 'skors', label: 'Skors', when: ['berjalan'] },
  { action: 'lanjut', label: 'Lanjutkan sidang', when: ['skors'] },
  { action: 'tutup', label: 'Tutup sidang', when: ['berjalan', 'skors'] },
];

/** The sidang's state in the toolbar, opening the sidang dialog. */
export function SidangButton({ pemilihan, pilihan }: { pemilihan: PemilihanId; pilihan: Pilihan[] }) {
  const q = useApiQuery('plenary.sidang', {});
  const [open, setOpen] = useState(false);
  const s = q.data;
  if (!s) return null;
  const tone = s.status === 'berjalan' ? 'ok' : s.status === 'skors' ? 'warn' : 'neutral';
  return (
    <>
      <Button size="sm" onClick={() => setOpen(true)} data-testid="sidang-button">
        Sidang{s.hari > 0 ? ` hari ke-${s.hari}` : ''}: <StatusPill tone={tone}>{SIDANG_LABEL[s.status]}</StatusPill>
      </Button>
      {open && <SidangDialog s={s} pemilihan={pemilihan} pilihan={pilihan} onClose={() => setOpen(false)} />}
    </>
  );
}

function SidangDialog({
  s,
  pemilihan,
  pilihan,
  onClose,
}: {
  s: SidangView;
  pemilihan: PemilihanId;
  pilihan: Pilihan[];
  onClose: () => void;
}) {
  const act = useAction('plenary.sidangAction');
  const [note, setNote] = useState('');
  const kejadian = useApiQuery('plenary.kejadian', {}).data?.filter((k) => !k.desa && !k.tps) ?? [];
  const run = async (action: SidangAction, label: string) => {
    if (await act.run({ action, ...(note.trim() ? { note } : {}) }, label)) setNote('');
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title={s.hari > 0 ? `Sidang hari ke-${s.hari} — ${SIDANG_LABEL[s.status]}` : 'Sidang pleno'}
      footer={<Button onClick={onClose}>Tutup</Button>}
    >
      <div className="stack" data-testid="sidang">
        <Field label="Catatan (wajib untuk skors: misalnya istirahat, menunggu salinan saksi)">
          <input className="input" value={note} onChange={(e) => setNote(e.target.value)} />
        </Field>
        <div className="row">
          {ACTIONS.filter((a) => a.when.includes(s.status)).map((a) => (
            <Button key={a.action} busy={act.pending} onClick={() => void run(a.action, a.label)}>
              {a.label}
            </Button>
          ))}
        </div>
        <ErrorNotice error={act.error} />
        {(s.status === 'berjalan' || s.status === 'skors') && (
          <Attendance s={s} pemilihan={pemilihan} pilihan={pilihan} />
        )}
        {kejadian.length > 0 && <h3>Kejadian khusus tingkat kecamatan</h3>}
        {kejadian.map((k) => (
          <KejadianItem key={k.id} k={k} />
        ))}
      </div>
    </Dialog>
  );
}

const PERAN = { ppk: 'Anggota PPK', saksi: 'Saksi', panwaslu: 'Panwaslu Kecamatan' } as const;

function Attendance({ s, pemilihan, pilihan }: { s: SidangView; pemilihan: PemilihanId; pilihan: Pilihan[] }) {
  const add = useAction('plenary.recordHadir');
  const ppk = useApiQuery('plenary.members', {}).data?.members ?? [];
  const [peran, setPeran] = useState<keyof typeof PERAN>('saksi');
  const [nama, setNama] = useState('');
  const paslon = pilihan.filter((p) => p.kind !== 'kolom-kosong');
  const [nomor, setNomor] = useState(paslon[0]?.nomor ?? 1);
  const submit = async () => {
    const input = peran === 'saksi' ? { peran, nama, pemilihan, paslon: nomor } : { peran, nama };
    // Cleared only if it still holds the name just recorded: a name typed while the last one was saved stays.
    if (await add.run(input, `${nama} tercatat hadir`)) setNama((now) => (now === nama ? '' : now));
  };
  return (
    <>
      <h3>Kehadiran sidang hari ke-{s.hari}</h3>
      <div className="form-grid">
        <Field label="Hadir sebagai">
          <select
            value={peran}
            onChange={(e) => {
              setPeran(e.target.value as keyof typeof PERAN);
              setNama('');
            }}
          >
            {Object.entries(PERAN).map(([k, v]) => (
              <option key={k} value={k}>
                {v}
              </option>
            ))}
          </select>
        </Field>
        {peran === 'saksi' && (
          <Field label="Saksi pasangan calon">
            <select value={nomor} onChange={(e) => setNomor(Number(e.target.value))}>
              {paslon.map((p) => (
                <option key={p.nomor} value={p.nomor}>
                  {p.nomor}. {p.nama}
                </option>
              ))}
            </select>
          </Field>
        )}
        {peran === 'ppk' ? (
          <Field label="Anggota PPK yang hadir">
            <Select
              value={nama}
              onChange={setNama}
              placeholder="— pilih anggota PPK —"
              options={ppk.map((m) => ({ value: m.nama, label: m.nama }))}
            />
          </Field>
        ) : (
          <Field label="Nama yang hadir">
            <input className="input" value={nama} onChange={(e) => setNama(e.target.value)} />
          </Field>
        )}
      </div>
      <Button busy={add.pending} disabled={nama.trim().length < 2} onClick={() => void submit()}>
        Catat hadir
      </Button>
      <ErrorNotice error={add.error} />
      <HadirList s={s} />
    </>
  );
}

type Hadir = SidangView['hadir'][number];

/** Who is recorded present today; a mistaken entry is withdrawn with a reason (appended, never deleted). */
function HadirList({ s }: { s: SidangView }) {
  const [withdrawing, setWithdrawing] = useState<Hadir | null>(null);
  const dialog = useReasonAction('plenary.withdrawHadir', () => setWithdrawing(null));
  const label = (h: Hadir) =>
    `${PERAN[h.peran]}${h.pemilihan && h.paslon ? ` ${shortPemilihan(h.pemilihan)} paslon ${h.paslon}` : ''}`;
  return (
    <>
      <ul data-testid="hadir" className="hadir-list">
        {s.hadir.map((h) => (
          <li key={h.id}>
            <span>
              {label(h)}: {h.nama}
            </span>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => setWithdrawing(h)}
              aria-label={`Tarik kehadiran ${h.nama}`}
            >
              Tarik
            </Button>
          </li>
        ))}
      </ul>
      {withdrawing && (
        <ReasonDialog
          dialog={dialog}
          title={`Tarik kehadiran ${withdrawing.nama}`}
          submitLabel="Tarik kehadiran"
          submitVariant="danger"
          reasonLabel="Alasan menarik (wajib)"
          onSubmit={() =>
            dialog.submit({ hadirId: withdrawing.id, reason: dialog.reason }, `Kehadiran ${withdrawing.nama} ditarik`)
          }
        >
          <p>
            {label(withdrawing)}: {withdrawing.nama}. Catatan ini tetap tersimpan dengan alasan penarikan, tetapi tidak
            lagi dicetak pada halaman tanda tangan D.Hasil.
          </p>
        </ReasonDialog>
      )}
    </>
  );
}
