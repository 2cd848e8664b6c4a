// The master import's steps on the first-run screen: read the file, preview it (signature, fingerprint), import it
// once the fingerprint is confirmed.
import { useState } from 'react';
import type { ApiError } from '../../../shared/contracts/result';
import { fileToBase64, importMaster, previewMaster, type MasterPreview } from './setup-calls';

export type MasterState =
  | { step: 'idle' }
  | { step: 'reading'; fileName: string }
  | { step: 'preview'; fileName: string; contentBase64: string; preview: MasterPreview }
  | { step: 'importing'; fileName: string; contentBase64: string; preview: MasterPreview };

export function useMasterImport(onDone: () => void) {
  const [master, setMaster] = useState<MasterState>({ step: 'idle' });
  const [confirmed, setConfirmed] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function onFile(file: File | undefined) {
    if (!file) return;
    setError(null);
    setConfirmed(false);
    setMaster({ step: 'reading', fileName: file.name });
    let contentBase64: string;
    try {
      contentBase64 = await fileToBase64(file);
    } catch {
      setMaster({ step: 'idle' });
      setError({ code: 'INVALID_INPUT', message: `Berkas ${file.name} tidak dapat dibaca.` });
      return;
    }
    const r = await previewMaster({ fileName: file.name, contentBase64 });
    if (!r.ok) {
      setMaster({ step: 'idle' });
      setError(r.error);
      return;
    }
    setMaster({ step: 'preview', fileName: file.name, contentBase64, preview: r.value });
  }

  async function onImport() {
    if (master.step !== 'preview') return;
    setMaster({ ...master, step: 'importing' });
    const r = await importMaster({
      fileName: master.fileName,
      contentBase64: master.contentBase64,
      confirmFingerprint: master.preview.fingerprint,
    });
    if (!r.ok) {
      setMaster({ ...master, step: 'preview' });
      setError(r.error);
      return;
    }
    setMaster({ step: 'idle' });
    onDone();
  }

  const cancel = () => setMaster({ step: 'idle' });
  return { master, confirmed, setConfirmed, error, onFile, onImport, cancel };
}

export type MasterImport = ReturnType<typeof useMasterImport>;
