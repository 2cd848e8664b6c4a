// The rapat pleno of the KPU kabupaten/kota (#/pleno-kab[/<pemilihan>], docs/receiver-plenary.md): each kecamatan's
// pushed D.Hasil with its state, the decisions of the ketua (terima, tidak dapat diterima, kunci with the totals read
// out, buka kunci), corrections of a TPS figure ("x → y", setujui/tolak), keberatan, and the kab/kota documents.
import { useState } from 'react';
import type { KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import type { KabKecamatanModel, KabKoreksiView } from '../../../shared/domain/kab-pleno';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { href, useRoute } from '../../app/router';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { StatusPill } from '../../ui/StatusPill';
import { Table, type Column } from '../../ui/Table';
import { KabAnggota } from './KabAnggota';
import { KabCatatan } from './KabCatatan';
import { DecisionDialog, type DecisionProps, KoreksiDialog, LockReadout, LockRefused, ketuaOf } from './KabDialogs';
import { KabDokumen } from './KabDokumen';
import { angka, kecamatanState, koreksiFields } from './kab-format';

type Open =
  | { kind: 'terima' | 'tolak' | 'kunci' | 'buka' | 'koreksi'; k: KabKecamatanModel }
  | { kind: 'putus'; k: KabKecamatanModel; x: KabKoreksiView }
  | null;

function columns(v: KabPlenoView, setOpen: (o: Open) => void): Column<KabKecamatanModel>[] {
  return [
    {
      key: 'nama',
      header: 'Kecamatan',
      render: (k) => <a href={href('/penerima', v.pemilihan.id, k.kode)}>{k.nama}</a>,
    },
    {
      key: 'status',
      header: 'Status pleno',
      render: (k) => {
        const s = kecamatanState(k);
        return <StatusPill tone={s.tone}>{s.label}</StatusPill>;
      },
    },
    ...v.pemilihan.pilihan.map((p, i) => ({
      key: `p${i}`,
      header: p.kolomKosong ? 'Kolom kosong' : `Paslon ${p.nomor}`,
      numeric: true,
      render: (k: KabKecamatanModel) => {
        const now = k.total?.suara.paslon[i];
        const was = k.totalDiterima?.suara.paslon[i];
        return was !== undefined && now !== was ? `${angka(was)} → ${angka(now)}` : angka(now);
      },
    })),
    { key: 'sah', header: 'Suara sah', numeric: true, render: (k) => angka(k.total?.suara.sah) },
    {
      key: 'aksi',
      header: 'Tindakan',
      render: (k) => (
        <span className="row" style={{ gap: 6, flexWrap: 'wrap' }}>
          {!k.locked && k.status === 'final' && k.penerimaan?.keputusan !== 'diterima' && (
            <Button size="sm" onClick={() => setOpen({ kind: 'terima', k })}>
              Terima
            </Button>
          )}
          {!k.locked && k.status !== 'belum' && k.penerimaan === null && (
            <Button size="sm" onClick={() => setOpen({ kind: 'tolak', k })}>
              Tidak dapat diterima
            </Button>
          )}
          {!k.locked && k.status !== 'belum' && (
            <Button size="sm" onClick={() => setOpen({ kind: 'koreksi', k })}>
              Koreksi
            </Button>
          )}
          {!k.locked && k.status !== 'belum' && (
            <Button
              size="sm"
              variant={k.lockBlockers.length === 0 ? 'primary' : 'default'}
              onClick={() => setOpen({ kind: 'kunci', k })}
            >
              Kunci
            </Button>
          )}
          {k.locked && (
            <Button size="sm" onClick={() => setOpen({ kind: 'buka', k })}>
              Buka kunci
            </Button>
          )}
        </span>
      ),
    },
  ];
}

function Koreksi({ v, setOpen }: { v: KabPlenoView; setOpen: (o: Open) => void }) {
  const fields = koreksiFields(v.pemilihan.pilihan);
  const rows = v.model.kecamatan.flatMap((k) => k.koreksi.map((x) => ({ k, x })));
  if (rows.length === 0) return null;
  return (
    <Card title="Koreksi kabupaten/kota">
      <ul>
        {rows.map(({ k, x }) => (
          <li key={x.id} data-testid={`koreksi-${x.id}`}>
            Kecamatan {k.nama}, TPS {x.tps.slice(10)} ({x.tps.slice(0, 10)}):{' '}
            {fields.find((f) => f.path === x.bidang)?.label ?? x.bidang} {angka(x.dari)} → {angka(x.menjadi)} ·{' '}
            {x.alasan} · diusulkan {x.diusulkan.oleh} ·{' '}
            {x.state === 'menunggu' ? (
              <Button size="sm" onClick={() => setOpen({ kind: 'putus', k, x })}>
                Setujui / tolak
              </Button>
            ) : (
              <StatusPill tone={x.state === 'disetujui' ? 'ok' : 'danger'}>
                {x.state === 'disetujui'
                  ? `Disetujui ${x.keputusan?.oleh}`
                  : `Ditolak ${x.keputusan?.oleh}: ${x.keputusan?.alasan ?? ''}`}
              </StatusPill>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

function PutusDialog(p: {
  v: KabPlenoView;
  k: KabKecamatanModel;
  x: KabKoreksiView;
  close: () => void;
  run: ReturnType<typeof useApiCommand<'kabpleno.decideKoreksi'>>['run'];
}) {
  const decide = (keputusan: 'disetujui' | 'ditolak') => (pin: string, alasan: string) =>
    p.run({ id: p.x.id, pemilihan: p.v.pemilihan.id, keputusan, pin, ...(alasan ? { alasan } : {}) });
  return (
    <DecisionDialog
      title="Putuskan usulan koreksi"
      ketua={ketuaOf(p.v)}
      confirm="Setujui"
      reason="Catatan (wajib bila ditolak)"
      alternative={{ label: 'Tolak', reasonRequired: true, run: decide('ditolak') }}
      onClose={p.close}
      run={decide('disetujui')}
    >
      <p>
        TPS {p.x.tps.slice(10)} Kecamatan {p.k.nama}: {angka(p.x.dari)} → {angka(p.x.menjadi)}. Alasan: {p.x.alasan}
      </p>
    </DecisionDialog>
  );
}

type Decided = Omit<DecisionProps, 'ketua' | 'onClose'>;
const required = (reason: string) => ({ reason, reasonRequired: true });

function Dialogs({ v, open, close }: { v: KabPlenoView; open: Open; close: () => void }) {
  const accept = useApiCommand('kabpleno.accept');
  const lock = useApiCommand('kabpleno.lock');
  const unlock = useApiCommand('kabpleno.unlock');
  const propose = useApiCommand('kabpleno.proposeKoreksi');
  const decide = useApiCommand('kabpleno.decideKoreksi');
  if (!open) return null;
  const base = { kecamatan: open.k.kode, pemilihan: v.pemilihan.id };
  const k = open.k;
  // The four decisions on a kecamatan: title, button, reason asked (and required) and the command each runs.
  const decided: Record<'terima' | 'tolak' | 'kunci' | 'buka', Decided> = {
    terima: {
      title: `Terima hasil Kecamatan ${k.nama}`,
      confirm: 'Terima',
      run: (pin) => accept.run({ ...base, keputusan: 'diterima', pin }),
      children: <p>D.Hasil final kiriman urutan {k.urutan} diterima pleno kabupaten/kota.</p>,
    },
    tolak: {
      title: `Hasil Kecamatan ${k.nama} tidak dapat diterima`,
      confirm: 'Catat',
      ...required('Alasan'),
      run: (pin, alasan) => accept.run({ ...base, keputusan: 'tidak-diterima', alasan, pin }),
    },
    kunci: {
      title: `Kunci Kecamatan ${k.nama}`,
      confirm: 'Kunci',
      run: (pin) => lock.run({ ...base, pin }),
      children: <LockReadout v={v} k={k} />,
    },
    buka: {
      title: `Buka kunci Kecamatan ${k.nama}`,
      confirm: 'Buka kunci',
      ...required('Alasan membuka kunci'),
      run: (pin, alasan) => unlock.run({ ...base, alasan, pin }),
    },
  };
  switch (open.kind) {
    case 'kunci':
      if (k.lockBlockers.length > 0) return <LockRefused k={k} onClose={close} />;
      return <DecisionDialog ketua={ketuaOf(v)} onClose={close} {...decided.kunci} />;
    case 'terima':
    case 'tolak':
    case 'buka':
      return <DecisionDialog ketua={ketuaOf(v)} onClose={close} {...decided[open.kind]} />;
    case 'koreksi':
      return <KoreksiDialog v={v} k={open.k} onClose={close} run={(i) => propose.run({ ...base, ...i })} />;
    case 'putus':
      return <PutusDialog v={v} k={open.k} x={open.x} close={close} run={decide.run} />;
  }
}

export default function KabPlenoScreen() {
  const route = useRoute();
  const pemilihan = route.params[0] ?? 'bupati';
  const q = useApiQuery('kabpleno.state', { pemilihan });
  const [open, setOpen] = useState<Open>(null);
  if (!q.data) return q.error ? <EmptyState title="Pleno tidak dapat dimuat">{q.error.message}</EmptyState> : null;
  const v = q.data;
  const m = v.model;
  return (
    <div className="stack">
      <h1>
        Rapat pleno KPU {v.kabkota.nama} — {v.pemilihan.nama}
      </h1>
      <nav className="row" aria-label="Pilih pemilihan" style={{ gap: 12 }}>
        {v.semua.map((p) => (
          <a key={p.id} href={href('/pleno-kab', p.id)} aria-current={p.id === pemilihan ? 'page' : undefined}>
            {p.nama}
          </a>
        ))}
      </nav>
      <p data-testid="ringkasan-pleno-kab">
        {m.kecamatan.filter((k) => k.locked).length} dari {m.kecamatan.length} kecamatan dikunci ·{' '}
        {m.final.final ? 'siap final' : 'belum final'}
      </p>
      {v.anggota.length === 0 ? (
        <KabAnggota v={v} />
      ) : (
        <Card title="Kecamatan">
          <Table
            aria-label="Kecamatan dalam pleno kabupaten/kota"
            columns={columns(v, setOpen)}
            rows={m.kecamatan}
            rowKey={(k) => k.kode}
          />
        </Card>
      )}
      <Koreksi v={v} setOpen={setOpen} />
      {v.anggota.length > 0 && <KabCatatan v={v} />}
      <KabDokumen v={v} />
      {v.anggota.length > 0 && <KabAnggota v={v} />}
      <Dialogs v={v} open={open} close={() => setOpen(null)} />
    </div>
  );
}
