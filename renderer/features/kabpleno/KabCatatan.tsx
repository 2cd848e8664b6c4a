// Keberatan and kejadian khusus of the kab/kota plenary (docs/receiver-plenary.md), as D.Kejadian Khusus
// Kabupaten/Kota prints them: each keberatan named by its order ("Keberatan ke-2"), where, by whom, what, and its
// resolution (diterima or ditolak with the ketua's decision text, confirmed by the ketua's PIN); an open keberatan
// holds the final D.Hasil back. Kejadian khusus are recorded the same way and declared settled with how (its
// penyelesaian on the D.Kejadian), as at the kecamatan level.
import { useState } from 'react';
import type { KabKejadianView, KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import type { KabKeberatanView } from '../../../shared/domain/kab-pleno';
import { useApiCommand } from '../../api/hooks';
import { waktu } from '../../app/local-time';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { StatusPill } from '../../ui/StatusPill';
import { ordinal } from '../plenary/ordinals';
import { CatatanDialog, SelesaiDialog } from './KabCatatanDialogs';
import { DecisionDialog, ketuaOf } from './KabDialogs';

type Open =
  | { kind: 'keberatan' | 'kejadian' }
  | { kind: 'selesaikan'; x: KabKeberatanView }
  | { kind: 'kejadian-selesai'; k: KabKejadianView }
  | null;

function tempat(v: KabPlenoView, kecamatan: string | null): string {
  if (kecamatan === null) return `Seluruh ${v.kabkota.nama}`;
  return `Kecamatan ${v.model.kecamatan.find((k) => k.kode === kecamatan)?.nama ?? kecamatan}`;
}

function ResolveDialog({ v, x, onClose }: { v: KabPlenoView; x: KabKeberatanView; onClose: () => void }) {
  const resolve = useApiCommand('kabpleno.resolveKeberatan');
  const decide = (hasil: 'diterima' | 'ditolak') => (pin: string, alasan: string) =>
    resolve.run({ id: x.id, hasil, alasan, pin });
  return (
    <DecisionDialog
      title={`Selesaikan keberatan ${ordinal(v.model.keberatan, x.id)}`}
      ketua={ketuaOf(v)}
      confirm="Keberatan diterima"
      reason="Keputusan rapat pleno (dicetak pada D.Kejadian Khusus)"
      reasonRequired
      alternative={{ label: 'Keberatan ditolak', reasonRequired: true, run: decide('ditolak') }}
      onClose={onClose}
      run={decide('diterima')}
    >
      <div className="notice">
        <strong>{x.pihak}</strong> tentang {tempat(v, x.kecamatan)}: {x.uraian}
      </div>
    </DecisionDialog>
  );
}

function KeberatanItem({ v, x, open }: { v: KabPlenoView; x: KabKeberatanView; open: (o: Open) => void }) {
  return (
    <li data-testid={`keberatan-${ordinal(v.model.keberatan, x.id)}`}>
      <strong>Keberatan {ordinal(v.model.keberatan, x.id)}</strong> · {tempat(v, x.kecamatan)} · {x.pihak}: {x.uraian}{' '}
      <span className="muted">
        (dicatat {x.oleh}, {waktu(x.waktu)})
      </span>{' '}
      {x.selesai ? (
        <>
          <StatusPill tone={x.selesai.hasil === 'diterima' ? 'ok' : 'danger'}>
            {x.selesai.hasil === 'diterima' ? 'Diterima' : 'Ditolak'}
          </StatusPill>{' '}
          {x.selesai.alasan} ({x.selesai.oleh}, {waktu(x.selesai.waktu)})
        </>
      ) : (
        <>
          <StatusPill tone="warn">Belum diselesaikan</StatusPill>{' '}
          <Button size="sm" onClick={() => open({ kind: 'selesaikan', x })}>
            Selesaikan
          </Button>
        </>
      )}
    </li>
  );
}

function KejadianItem({ v, k, open }: { v: KabPlenoView; k: KabKejadianView; open: (o: Open) => void }) {
  return (
    <li data-testid={`kejadian-${k.id}`}>
      <strong>Kejadian khusus</strong> · {tempat(v, k.kecamatan)} · {k.pihak}: {k.uraian}{' '}
      <span className="muted">
        (dicatat {k.oleh}, {waktu(k.waktu)})
      </span>{' '}
      {k.selesai ? (
        <>
          <StatusPill tone="ok">Selesai</StatusPill> {k.selesai.catatan} ({k.selesai.oleh}, {waktu(k.selesai.waktu)})
        </>
      ) : (
        <Button size="sm" onClick={() => open({ kind: 'kejadian-selesai', k })}>
          Nyatakan selesai
        </Button>
      )}
    </li>
  );
}

export function KabCatatan({ v }: { v: KabPlenoView }) {
  const raise = useApiCommand('kabpleno.raiseKeberatan');
  const kejadian = useApiCommand('kabpleno.addKejadian');
  const closeKejadian = useApiCommand('kabpleno.closeKejadian');
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const keberatan = [...v.model.keberatan].sort((a, b) => a.id - b.id);
  return (
    <Card
      title="Keberatan dan kejadian khusus"
      aside={
        <span className="row" style={{ gap: 8 }}>
          <Button size="sm" onClick={() => setOpen({ kind: 'keberatan' })} disabled={v.anggota.length === 0}>
            Catat keberatan
          </Button>
          <Button size="sm" onClick={() => setOpen({ kind: 'kejadian' })} disabled={v.anggota.length === 0}>
            Catat kejadian khusus
          </Button>
        </span>
      }
    >
      {keberatan.length === 0 && v.kejadian.length === 0 && (
        <p className="muted">Belum ada keberatan atau kejadian khusus pada pemilihan ini.</p>
      )}
      {keberatan.length > 0 && (
        <ul aria-label="Keberatan">
          {keberatan.map((x) => (
            <KeberatanItem key={x.id} v={v} x={x} open={setOpen} />
          ))}
        </ul>
      )}
      {v.kejadian.length > 0 && (
        <ul aria-label="Kejadian khusus">
          {v.kejadian.map((k) => (
            <KejadianItem key={k.id} v={v} k={k} open={setOpen} />
          ))}
        </ul>
      )}
      {open?.kind === 'selesaikan' && <ResolveDialog v={v} x={open.x} onClose={close} />}
      {open?.kind === 'kejadian-selesai' && (
        <SelesaiDialog
          v={v}
          uraian={open.k.uraian}
          onClose={close}
          run={(i) => closeKejadian.run({ ...i, id: open.k.id })}
        />
      )}
      {(open?.kind === 'keberatan' || open?.kind === 'kejadian') && (
        <CatatanDialog
          v={v}
          kind={open.kind}
          onClose={close}
          run={(i) => (open.kind === 'keberatan' ? raise : kejadian).run({ ...i, pemilihan: v.pemilihan.id })}
        />
      )}
    </Card>
  );
}
