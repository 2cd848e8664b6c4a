// Dokumen: issue Model D.Hasil Kecamatan-KWK and D.Kejadian Khusus (draft, or final once every desa is locked),
// the list of issued versions with their hashes, a page preview (PNG pages rendered by the backend: the CSP allows
// no frames or objects), printing (the pages as images into the system print dialog: Electron's or the browser's),
// download, saving a copy to a removable drive, and verification of the kept file.
import { useEffect, useMemo, useState } from 'react';
import { useCall, useQuery } from '../../api/hooks';
import { api } from '../../api/client';
import { Button, Card, Field, StatusPill, Table, useToast, type Column } from '../../ui';
import type { DocumentItem, DocumentVerification, DriveTarget } from '../../../shared/contracts/documents.contract';
import type { DocKind } from '../../../shared/documents/types';
import './documents.css';

const KIND_LABELS: Record<DocKind, string> = {
  'd-hasil': 'D.Hasil Kecamatan',
  'kejadian-khusus': 'D.Kejadian Khusus',
};

function formatIssued(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}.${m[5]}` : iso;
}

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

export default function DocumentsScreen() {
  const toast = useToast();
  const status = useQuery(
    'documents.status',
    {},
    { refreshOn: ['pleno-changed', 'documents-changed', 'kecamatan-changed'] },
  );
  const list = useQuery('documents.list', {}, { refreshOn: ['documents-changed', 'kecamatan-changed'] });
  const issue = useCall('documents.issue');

  const [kind, setKind] = useState<DocKind>('d-hasil');
  const [pemilihan, setPemilihan] = useState('');
  const [paper, setPaper] = useState<'a4' | 'f4'>('a4');
  const [final, setFinal] = useState(false);
  const [reason, setReason] = useState('');
  const [selected, setSelected] = useState<number | null>(null);
  const [page, setPage] = useState(1);
  const [verification, setVerification] = useState<DocumentVerification | null>(null);
  const [printPages, setPrintPages] = useState<string[] | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [drives, setDrives] = useState<DriveTarget[] | null>(null);

  const pems = status.data?.pemilihan ?? [];
  const current = pems.find((p) => p.id === pemilihan) ?? pems[0];
  const canFinal = current?.final === true;
  const needsReason = current ? current.finalIssued[kind] : false;
  const docs = list.data ?? [];
  const doc = docs.find((d) => d.id === selected) ?? null;

  const select = (id: number) => {
    setSelected(id);
    setDrives(null);
    setPage(1);
    setVerification(null);
  };

  const preview = useQuery(
    'documents.page',
    { id: doc?.id ?? 1, page, dpi: 80 },
    { enabled: doc !== null && status.data?.previewAvailable === true },
  );

  const submit = async () => {
    if (!current) return;
    const r = await issue.run({
      kind,
      pemilihan: current.id,
      paper,
      final: final && canFinal,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
    });
    if (r.ok) {
      toast({
        kind: 'ok',
        title: `${KIND_LABELS[kind]} versi ${r.value.version} diterbitkan`,
        body: `${r.value.pages} halaman, ${r.value.final ? 'FINAL' : 'DRAF'}`,
      });
      select(r.value.id);
      setReason('');
      setFinal(false);
      list.reload();
      status.reload();
    }
  };

  const fetchFile = async (d: DocumentItem) => {
    const r = await api.call('documents.file', { id: d.id });
    if (!r.ok) {
      toast({
        kind: 'error',
        title: 'Berkas tidak dapat dibaca',
        body: r.error.message,
        ...(r.error.ref ? { refId: r.error.ref } : {}),
      });
      return null;
    }
    return r.value;
  };

  const download = async (d: DocumentItem) => {
    setBusy('download');
    try {
      const f = await fetchFile(d);
      if (!f) return;
      const url = URL.createObjectURL(base64ToBlob(f.base64, 'application/pdf'));
      const a = document.createElement('a');
      a.href = url;
      a.download = f.fileName;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } finally {
      setBusy(null);
    }
  };

  const print = async (d: DocumentItem) => {
    setBusy('print');
    try {
      const pages: string[] = [];
      for (let p = 1; p <= d.pages; p++) {
        const r = await api.call('documents.page', { id: d.id, page: p, dpi: 150 });
        if (!r.ok) {
          toast({ kind: 'error', title: 'Halaman tidak dapat disiapkan untuk dicetak', body: r.error.message });
          return;
        }
        pages.push(`data:image/png;base64,${r.value.png}`);
      }
      setPrintPages(pages);
    } finally {
      setBusy(null);
    }
  };

  useEffect(() => {
    if (!printPages) return;
    const imgs = Array.from(document.querySelectorAll<HTMLImageElement>('.doc-print img'));
    void Promise.all(
      imgs.map((i) =>
        i.complete ? Promise.resolve() : new Promise((res) => (i.onload = i.onerror = () => res(undefined))),
      ),
    ).then(() => {
      window.print();
      setPrintPages(null);
    });
  }, [printPages]);

  const verify = async (d: DocumentItem) => {
    setBusy('verify');
    try {
      const r = await api.call('documents.verify', { id: d.id });
      if (r.ok) setVerification(r.value);
      else toast({ kind: 'error', title: 'Pemeriksaan gagal', body: r.error.message });
    } finally {
      setBusy(null);
    }
  };

  const saveTo = async (d: DocumentItem, target: DriveTarget) => {
    setBusy('drive');
    try {
      const r = await api.call('documents.saveToDrive', { id: d.id, root: target.root });
      if (r.ok) toast({ kind: 'ok', title: `Disimpan ke ${target.label}`, body: r.value.path });
      else toast({ kind: 'error', title: 'Gagal menyimpan ke drive', body: r.error.message });
    } finally {
      setBusy(null);
      setDrives(null);
    }
  };

  const saveToDrive = async (d: DocumentItem) => {
    setBusy('drive');
    try {
      const r = await api.call('documents.drives', {});
      if (!r.ok || r.value.length === 0) {
        toast({
          kind: 'warn',
          title: 'Tidak ada drive',
          body: 'Pasang flashdisk atau drive lalu coba lagi. Atau gunakan Unduh PDF.',
        });
        return;
      }
      if (r.value.length === 1) {
        setBusy(null);
        await saveTo(d, r.value[0]!);
        return;
      }
      setDrives(r.value);
    } finally {
      setBusy((b) => (b === 'drive' ? null : b));
    }
  };

  const columns: Column<DocumentItem>[] = useMemo(
    () => [
      { key: 'kind', header: 'Dokumen', render: (d) => <strong>{KIND_LABELS[d.kind]}</strong> },
      { key: 'pemilihan', header: 'Pemilihan', render: (d) => d.pemilihan },
      { key: 'version', header: 'Versi', numeric: true, width: '60px', render: (d) => d.version },
      {
        key: 'status',
        header: 'Status',
        render: (d) => (
          <span className="row">
            {d.final ? <StatusPill tone="ok">FINAL</StatusPill> : <StatusPill tone="warn">DRAF</StatusPill>}
            {d.simulasi && <StatusPill tone="sim">SIMULASI</StatusPill>}
          </span>
        ),
      },
      { key: 'pages', header: 'Hal.', numeric: true, width: '50px', render: (d) => d.pages },
      { key: 'issued', header: 'Terbit', render: (d) => formatIssued(d.issuedAt) },
      {
        key: 'hash',
        header: 'SHA-256 data',
        render: (d) => (
          <span className="doc-hash" title={d.dataSha256}>
            {d.dataSha256.slice(0, 16)}…
          </span>
        ),
      },
    ],
    [],
  );

  if (status.error?.code === 'NO_KECAMATAN') {
    return (
      <Card title="Dokumen">
        <p>Belum ada data master. Buat basis data kecamatan dulu.</p>
      </Card>
    );
  }

  return (
    <div className="stack" data-testid="documents">
      <Card title="Terbitkan dokumen">
        <div className="doc-form">
          <Field label="Jenis dokumen">
            <select value={kind} onChange={(e) => setKind(e.target.value as DocKind)}>
              <option value="d-hasil">Model D.Hasil Kecamatan-KWK (dengan lampiran per desa)</option>
              <option value="kejadian-khusus">Model D.Kejadian Khusus dan/atau Keberatan Saksi-KWK</option>
            </select>
          </Field>
          <Field label="Pemilihan">
            <select value={current?.id ?? ''} onChange={(e) => setPemilihan(e.target.value)}>
              {pems.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.nama}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Kertas">
            <select value={paper} onChange={(e) => setPaper(e.target.value as 'a4' | 'f4')}>
              <option value="a4">A4 (210 × 297 mm)</option>
              <option value="f4">F4 / folio (215 × 330 mm)</option>
            </select>
          </Field>
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
              <ul className="doc-blockers" aria-label="Yang belum selesai">
                {current.blockers.slice(0, 30).map((b) => (
                  <li key={b}>{b}</li>
                ))}
              </ul>
            )}
          </div>
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
            {status.data?.simulasi && <StatusPill tone="sim">Data SIMULASI: dokumen diberi tanda SIMULASI</StatusPill>}
          </div>
        </div>
      </Card>

      <div className="doc-layout">
        <Card title="Dokumen yang diterbitkan">
          <Table
            aria-label="Dokumen yang diterbitkan"
            columns={columns}
            rows={docs}
            rowKey={(d) => String(d.id)}
            selectedKey={selected === null ? null : String(selected)}
            onRowClick={(d) => select(d.id)}
            empty="Belum ada dokumen yang diterbitkan."
          />
        </Card>

        <Card
          title={doc ? `${KIND_LABELS[doc.kind]} · ${doc.pemilihan} · versi ${doc.version}` : 'Pratinjau'}
          aside={
            doc && (
              <span className="row">
                <Button size="sm" onClick={() => void print(doc)} busy={busy === 'print'}>
                  Cetak
                </Button>
                <Button size="sm" onClick={() => void download(doc)} busy={busy === 'download'}>
                  Unduh PDF
                </Button>
                <Button size="sm" onClick={() => void saveToDrive(doc)} busy={busy === 'drive'}>
                  Simpan ke drive
                </Button>
                <Button size="sm" onClick={() => void verify(doc)} busy={busy === 'verify'}>
                  Periksa
                </Button>
              </span>
            )
          }
        >
          {!doc ? (
            <p className="muted">Pilih dokumen dari daftar untuk melihat halamannya.</p>
          ) : (
            <div className="stack">
              <div className="doc-hash" data-testid="doc-hashes">
                <div>
                  Dokumen {doc.docId} · versi {doc.version} · {doc.paper.toUpperCase()} · oleh {doc.issuedBy}
                </div>
                <div>SHA-256 data: {doc.dataSha256}</div>
                <div>SHA-256 berkas: {doc.fileSha256}</div>
                {doc.reason && <div>Alasan: {doc.reason}</div>}
              </div>
              {drives && (
                <div className="row" role="group" aria-label="Pilih drive">
                  <span>Simpan ke:</span>
                  {drives.map((t) => (
                    <Button key={t.root} size="sm" onClick={() => void saveTo(doc, t)} title={t.root}>
                      {t.label}
                    </Button>
                  ))}
                  <Button size="sm" variant="ghost" onClick={() => setDrives(null)}>
                    Batal
                  </Button>
                </div>
              )}
              {verification && (
                <div className="row" data-testid="doc-verify">
                  {verification.valid ? (
                    <StatusPill tone="ok">Sah: data, tanda tangan PPK dan halaman cocok</StatusPill>
                  ) : (
                    <>
                      <StatusPill tone="danger">Tidak sah</StatusPill>
                      <ul>
                        {verification.problems.map((p) => (
                          <li key={p}>{p}</li>
                        ))}
                      </ul>
                    </>
                  )}
                </div>
              )}
              {status.data?.previewAvailable ? (
                <>
                  <div className="row">
                    <Button size="sm" onClick={() => setPage((p) => Math.max(1, p - 1))} disabled={page <= 1}>
                      ‹ Sebelumnya
                    </Button>
                    <span>
                      Halaman {page} dari {doc.pages}
                    </span>
                    <Button
                      size="sm"
                      onClick={() => setPage((p) => Math.min(doc.pages, p + 1))}
                      disabled={page >= doc.pages}
                    >
                      Berikutnya ›
                    </Button>
                  </div>
                  <div className="doc-preview">
                    {preview.data && preview.data.id === doc.id ? (
                      <img
                        src={`data:image/png;base64,${preview.data.png}`}
                        width={preview.data.width}
                        height={preview.data.height}
                        alt={`Halaman ${preview.data.page} dari ${preview.data.pages}`}
                      />
                    ) : (
                      <p className="muted">{preview.error ? preview.error.message : 'Menyiapkan halaman…'}</p>
                    )}
                  </div>
                </>
              ) : (
                <p className="muted">
                  Pratinjau halaman tidak tersedia di komputer ini; gunakan Unduh PDF untuk membukanya.
                </p>
              )}
            </div>
          )}
        </Card>
      </div>

      {printPages && (
        <div className="doc-print" aria-hidden="true">
          {printPages.map((src, i) => (
            <img key={i} src={src} alt="" />
          ))}
        </div>
      )}
    </div>
  );
}
