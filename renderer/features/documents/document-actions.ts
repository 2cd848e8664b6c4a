// What can be done with one issued document (of either level): download the kept PDF, print it (the PDF itself: renderer/api/print.ts),
// save a copy to a removable drive, verify it. Reads and commands go through the data layer; refusals become toasts
// in Bahasa Indonesia.
import { useState } from 'react';
import { base64ToBytes } from '../../api/bytes';
import { printDocument } from '../../api/print';
import { readApi, runCommand } from '../../api/query-client';
import { useToast } from '../../ui';
import type { PrintSource } from '../../../shared/contracts/api';
import type {
  DocumentFile,
  DocumentItem,
  DocumentVerification,
  DriveTarget,
} from '../../../shared/contracts/documents.contract';

export type Busy = 'download' | 'print' | 'verify' | 'drive' | null;

/** Saves the file through the browser's download (an object URL revoked shortly after). */
function saveAsDownload(f: Pick<DocumentFile, 'fileName' | 'base64'>): void {
  const url = URL.createObjectURL(new Blob([base64ToBytes(f.base64)], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = f.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

type Toast = ReturnType<typeof useToast>;
type During = (what: Exclude<Busy, null>, body: () => Promise<void>) => Promise<void>;

/** Saving a copy to a removable drive: list the drives, then copy to the one chosen. */
function useDriveActions(doc: DocumentItem, toast: Toast, during: During) {
  const [drives, setDrives] = useState<DriveTarget[] | null>(null);
  const saveTo = (target: DriveTarget) =>
    during('drive', async () => {
      const r = await runCommand('documents.saveToDrive', { id: doc.id, root: target.root });
      setDrives(null);
      if (r.ok) toast({ kind: 'ok', title: `Disimpan ke ${target.label}`, body: r.value.path });
      else toast({ kind: 'error', title: 'Gagal menyimpan ke drive', body: r.error.message });
    });
  const saveToDrive = () =>
    during('drive', async () => {
      const r = await readApi('documents.drives', {});
      if (!r.ok || r.value.length === 0) {
        toast({
          kind: 'warn',
          title: 'Tidak ada drive',
          body: 'Pasang flashdisk atau drive lalu coba lagi. Atau gunakan Unduh PDF.',
        });
        return;
      }
      setDrives(r.value);
    });
  return { drives, saveTo, saveToDrive, cancelDrives: () => setDrives(null) };
}

/** Download and print of one issued file of `source` (the kecamatan's documents or the kab/kota plenary's). */
export function useFileActions(id: number, source: PrintSource) {
  const toast = useToast();
  const [busy, setBusy] = useState<Busy>(null);

  const during: During = async (what, body) => {
    setBusy(what);
    try {
      await body();
    } finally {
      setBusy((b) => (b === what ? null : b));
    }
  };

  const download = () =>
    during('download', async () => {
      const r = await readApi(`${source}.file`, { id });
      if (r.ok) saveAsDownload(r.value);
      else
        toast({
          kind: 'error',
          title: 'Berkas tidak dapat dibaca',
          body: r.error.message,
          ...(r.error.ref ? { refId: r.error.ref } : {}),
        });
    });

  const print = () =>
    during('print', async () => {
      const r = await printDocument(id, source);
      if (!r.ok) toast({ kind: 'error', title: 'Dokumen tidak dapat dicetak', body: r.error.message });
      else if (r.value.via === 'viewer')
        toast({
          kind: 'ok',
          title: 'PDF dibuka di tab baru',
          body: 'Cetak dari tab itu dengan tombol cetak penampil PDF atau Ctrl+P.',
        });
    });

  return { toast, busy, during, download, print };
}

export function useDocumentActions(doc: DocumentItem) {
  const { toast, busy, during, download, print } = useFileActions(doc.id, 'documents');
  const [verification, setVerification] = useState<DocumentVerification | null>(null);

  const verify = () =>
    during('verify', async () => {
      const r = await readApi('documents.verify', { id: doc.id });
      if (r.ok) setVerification(r.value);
      else toast({ kind: 'error', title: 'Pemeriksaan gagal', body: r.error.message });
    });

  return { busy, verification, download, print, verify, ...useDriveActions(doc, toast, during) };
}
