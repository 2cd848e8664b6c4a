// "Terbitkan dokumen": kind, pemilihan, paper, FINAL (only once the pemilihan is final, else the blockers are
// listed) and the reason a reissue needs. Issuing goes through the data layer, which refreshes list and status.
import { useState } from 'react';
import { useApiCommand } from '../../api/hooks';
import { Button, Card, Field, Select, StatusPill, useToast } from '../../ui';
import type {
  DocumentItem,
  DocumentPemilihanStatus,
  DocumentsStatus,
} from '../../../shared/contracts/documents.contract';
import type { DocKind, PaperSize } from '../../../shared/documents/types';
import { KIND_LABELS } from './labels';

/** Kind, paper and pemilihan. */
function ChoiceFields(p: {
  kind: DocKind;
  setKind(k: DocKind): void;
  paper: PaperSize;
  setPaper(v: PaperSize): void;
  pems: DocumentPemilihanStatus[];
  current: DocumentPemilihanStatus | undefined;
  setPemilihan(id: string): void;
}) {
  return (
    <>
      <Field label="Jenis dokumen">
        <select value={p.kind} onChange={(e) => p.setKind(e.target.value as DocKind)}>
          <option value="d-hasil">Model D.Hasil Kecamatan-KWK, dengan lampiran per desa</option>
          <option value="kejadian-khusus">Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK</option>
        </select>
      </Field>
      <Field label="Kertas">
        <select value={p.paper} onChange={(e) => p.setPaper(e.target.value as PaperSize)}>
          <option value="a4">A4 (210 × 297 mm)</option>
          <option value="f4">F4 / folio (215 × 330 mm)</option>
        </select>
      </Field>
      <Field label="Pemilihan">
        <Select
          value={p.current?.id ?? ''}
          onChange={p.setPemilihan}
          options={p.pems.map((x) => ({ value: x.id, label: x.nama }))}
        />
      </Field>
    </>
  );
}

/** The FINAL choice, disabled with the list of what keeps the pemilihan from being final. */
function FinalChoice({
  current,
  final,
  setFinal,
}: {
  current: DocumentPemilihanStatus | undefined;
  final: boolean;
  setFinal(v: boolean): void;
}) {
  const canFinal = current?.final === true;
  return (
    <div className="wide stack">
      <label className="row">
        <input
          type="checkbox"
          checked={final && canFinal}
          disabled={!canFinal}
          onChange={(e) => setFinal(e.target.checked)}
        />
        <span>
          Terbitkan sebagai <strong>FINAL</strong>
          {!canFinal && ' — belum dapat: pemilihan ini belum final'}
        </span>
      </label>
      {current && !canFinal && (
        <ul className="doc-blockers" aria-label="Yang belum selesai" tabIndex={0}>
          {current.blockers.slice(0, 30).map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function IssueForm({
  status,
  onIssued,
}: {
  status: DocumentsStatus | undefined;
  onIssued(d: DocumentItem): void;
}) {
  const toast = useToast();
  const issue = useApiCommand('documents.issue');
  const [kind, setKind] = useState<DocKind>('d-hasil');
  const [pemilihan, setPemilihan] = useState('');
  const [paper, setPaper] = useState<PaperSize>('a4');
  const [final, setFinal] = useState(false);
  const [reason, setReason] = useState('');

  const pems = status?.pemilihan ?? [];
  const current = pems.find((p) => p.id === pemilihan) ?? pems[0];
  const canFinal = current?.final === true;
  const needsReason = current ? current.finalIssued[kind] : false;

  const submit = async () => {
    if (!current) return;
    const r = await issue.run({
      kind,
      pemilihan: current.id,
      paper,
      final: final && canFinal,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    if (!r.ok) return;
    toast({
      kind: 'ok',
      title: `${KIND_LABELS[kind]} versi ${r.value.version} diterbitkan`,
      body: `${r.value.pages} halaman, ${r.value.final ? 'FINAL' : 'DRAF'}`,
    });
    setReason('');
    setFinal(false);
    onIssued(r.value);
  };

  return (
    <Card title="Terbitkan dokumen">
      <div className="doc-form">
        <ChoiceFields
          kind={kind}
          setKind={setKind}
          paper={paper}
          setPaper={setPaper}
          pems={pems}
          current={current}
          setPemilihan={setPemilihan}
        />
        <FinalChoice current={current} final={final} setFinal={setFinal} />
        <div className="wide">
          <Field
            label={needsReason ? 'Alasan penerbitan ulang (wajib)' : 'Alasan / catatan (jika penerbitan ulang)'}
            hint="Versi sebelumnya tetap tersimpan; alasan dicatat di dokumen dan log audit."
            error={issue.error?.message}
          >
            <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </Field>
        </div>
        <div className="wide row">
          <Button
            variant="primary"
            onClick={() => void submit()}
            busy={issue.pending}
            disabled={!current || (needsReason && reason.trim() === '')}
          >
            {final && canFinal ? 'Terbitkan FINAL' : 'Terbitkan DRAF'}
          </Button>
          {status?.simulasi && <StatusPill tone="sim">Data SIMULASI: dokumen diberi tanda SIMULASI</StatusPill>}
        </div>
      </div>
    </Card>
  );
}
