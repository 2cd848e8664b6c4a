// "Terbitkan dokumen": kind, pemilihan, paper, FINAL (only once the pemilihan is final, else the blockers are
// listed) and the reason a reissue needs. Issuing goes through the data layer, which refreshes list and status.
import { useState } from 'react';
import { useApiCommand } from '../../api/hooks';
import { Button, Card, Field, Select, StatusPill, optionsOf, useToast } from '../../ui';
import type {
  DocumentItem,
  DocumentPemilihanStatus,
  DocumentsStatus,
} from '../../../shared/contracts/documents.contract';
import type { DocKind, PaperSize } from '../../../shared/documents/types';
import { KIND_LABELS } from './labels';

/** What is issued: kind, paper and pemilihan ('' until chosen: the first one). */
interface Choice {
  kind: DocKind;
  paper: PaperSize;
  pemilihan: string;
}

const KIND_OPTIONS = optionsOf({
  'd-hasil': 'Model D.Hasil Kecamatan-KWK, dengan lampiran per desa',
  'kejadian-khusus': 'Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK',
} satisfies Record<DocKind, string>);
const PAPER_OPTIONS = optionsOf({
  a4: 'A4 (210 × 297 mm)',
  f4: 'F4 / folio (215 × 330 mm)',
} satisfies Record<PaperSize, string>);

function ChoiceFields(p: { choice: Choice; set(c: Partial<Choice>): void; pems: DocumentPemilihanStatus[] }) {
  const current = p.pems.find((x) => x.id === p.choice.pemilihan) ?? p.pems[0];
  return (
    <>
      <Field label="Jenis dokumen">
        <Select value={p.choice.kind} onChange={(v) => p.set({ kind: v as DocKind })} options={KIND_OPTIONS} />
      </Field>
      <Field label="Kertas">
        <Select value={p.choice.paper} onChange={(v) => p.set({ paper: v as PaperSize })} options={PAPER_OPTIONS} />
      </Field>
      <Field label="Pemilihan">
        <Select
          value={current?.id ?? ''}
          onChange={(pemilihan) => p.set({ pemilihan })}
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
  const [choice, setChoice] = useState<Choice>({ kind: 'd-hasil', paper: 'a4', pemilihan: '' });
  const { kind, paper } = choice;
  const [final, setFinal] = useState(false);
  const [reason, setReason] = useState('');

  const pems = status?.pemilihan ?? [];
  const current = pems.find((p) => p.id === choice.pemilihan) ?? pems[0];
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
        <ChoiceFields choice={choice} set={(c) => setChoice({ ...choice, ...c })} pems={pems} />
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
