// The kab/kota documents of one pemilihan (docs/receiver-plenary.md): issue a draft or final D.Hasil
// Kabupaten/Kota-KWK or D.Kejadian Khusus, the list of issued versions, and the selected one printed, downloaded and
// previewed exactly as the kecamatan's documents are (the documents feature's PagePreview and file actions).
import { useState } from 'react';
import type { KabDokumenView, KabPlenoView } from '../../../shared/contracts/kabpleno.contract';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { waktu } from '../../app/local-time';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { StatusPill } from '../../ui/StatusPill';
import { useFileActions } from '../documents/document-actions';
import { FileButtons } from '../documents/FileButtons';
import { PagePreview } from '../documents/PagePreview';

/** The selected document: Cetak (the PDF itself, renderer/api/print.ts) and Unduh PDF, then its pages. */
function Selected({ doc }: { doc: KabDokumenView }) {
  const a = useFileActions(doc.id, 'kabpleno');
  const name = `${NAMES[doc.kind]} versi ${doc.version}`;
  return (
    <div className="stack" data-testid="pratinjau-kab">
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        <strong>{name}</strong>
        <span className="grow" />
        <FileButtons a={a} />
      </div>
      <PagePreview doc={doc} source="kabpleno" label={name} />
    </div>
  );
}

const NAMES = { 'd-hasil-kabko': 'D.Hasil Kabupaten/Kota', 'kejadian-kabko': 'D.Kejadian Khusus' } as const;

export function KabDokumen({ v }: { v: KabPlenoView }) {
  const list = useApiQuery('kabpleno.documents', { pemilihan: v.pemilihan.id });
  const issue = useApiCommand('kabpleno.issue');
  const [shown, setShown] = useState<number | null>(null);
  const docs = list.data?.dokumen ?? [];
  const selected = docs.find((d) => d.id === shown) ?? docs.at(-1) ?? null;
  async function run(kind: KabDokumenView['kind'], final: boolean) {
    const r = await issue.run({ kind, pemilihan: v.pemilihan.id, final });
    if (r.ok) setShown(r.value.id);
  }
  return (
    <Card title="Dokumen kabupaten/kota">
      <div className="row" style={{ gap: 8, flexWrap: 'wrap' }}>
        <Button onClick={() => void run('d-hasil-kabko', false)} disabled={issue.pending}>
          Terbitkan draf D.Hasil Kabupaten/Kota
        </Button>
        <Button
          variant="primary"
          onClick={() => void run('d-hasil-kabko', true)}
          disabled={issue.pending || !v.model.final.final}
        >
          Terbitkan D.Hasil final
        </Button>
        <Button onClick={() => void run('kejadian-kabko', false)} disabled={issue.pending}>
          Terbitkan draf D.Kejadian Khusus
        </Button>
        <Button onClick={() => void run('kejadian-kabko', true)} disabled={issue.pending || !v.model.final.final}>
          Terbitkan D.Kejadian Khusus final
        </Button>
      </div>
      {!v.model.final.final && <p className="muted">Belum dapat final: {v.model.final.reasons.join(' ')}</p>}
      {issue.error && (
        <p role="alert" className="error">
          {issue.error.message}
        </p>
      )}
      {docs.length > 0 && (
        <ul>
          {docs.map((d) => (
            <li key={d.id}>
              <button type="button" className="link" onClick={() => setShown(d.id)}>
                {NAMES[d.kind]} versi {d.version}
              </button>{' '}
              {d.final ? <StatusPill tone="ok">Final</StatusPill> : <StatusPill tone="info">Draf</StatusPill>} ·{' '}
              {d.pages} halaman · terbit {waktu(d.issuedAt)} · sidik data <code>{d.dataSha256.slice(0, 16)}</code>
            </li>
          ))}
        </ul>
      )}
      {selected && <Selected key={selected.id} doc={selected} />}
    </Card>
  );
}
