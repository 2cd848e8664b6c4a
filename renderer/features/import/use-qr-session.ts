// One QR scanning session of the panel: texts already sent are not sent again (a camera sees the same code many
// times a second); pictures are decoded here first and sent to the backend as pictures only when the browser finds
// nothing; each answer updates the progress, the results (newest first) and a short log.
import { useCallback, useRef, useState } from 'react';
import type { ImportResultView, QrProgress } from '../../../shared/contracts/import.contract';
import { runCommand } from '../../api/query-client';
import { fileToBase64 } from './files';
import { decodeImageFile } from './qr-browser';

function newSession(): string {
  return `qr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

async function decodeOrNull(f: Blob): Promise<string[] | null> {
  try {
    const texts = await decodeImageFile(f);
    return texts.length > 0 ? texts : null;
  } catch {
    return null; // the browser could not decode: let the backend try (and quarantine if unreadable)
  }
}

export function useQrSession() {
  const [session, setSession] = useState(newSession);
  const [progress, setProgress] = useState<QrProgress | null>(null);
  const [results, setResults] = useState<ImportResultView[]>([]);
  const [log, setLog] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const sent = useRef(new Set<string>());
  const note = useCallback((line: string) => setLog((l) => [line, ...l].slice(0, 30)), []);

  const apply = useCallback(
    (p: QrProgress, source: string) => {
      setProgress(p);
      if (p.results.length > 0) setResults((rs) => [...p.results.map((r) => ({ ...r, name: source })), ...rs]);
      note(`${source}: ${p.message}`);
    },
    [note],
  );

  /** Sends the texts not sent before; false when there were none. */
  const sendTexts = useCallback(
    async (texts: string[], source: string) => {
      const fresh = texts.filter((t) => !sent.current.has(t));
      if (fresh.length === 0) return false;
      for (const t of fresh) sent.current.add(t);
      const r = await runCommand('import.qrText', { session, texts: fresh });
      if (r.ok) apply(r.value, source);
      else note(`${source}: ${r.error.message}`);
      return true;
    },
    [session, apply, note],
  );

  async function openImage(f: File) {
    const texts = await decodeOrNull(f);
    if (texts !== null) {
      if (!(await sendTexts(texts, f.name))) note(`${f.name}: kode ini sudah dibaca`);
      return;
    }
    const r = await runCommand('import.qrImage', { session, name: f.name, contentBase64: await fileToBase64(f) });
    if (r.ok) apply(r.value, f.name);
    else note(`${f.name}: ${r.error.message}`);
  }

  async function openImages(list: FileList | null) {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    setBusy(true);
    try {
      for (const f of files) await openImage(f);
    } finally {
      setBusy(false);
    }
  }

  async function reset() {
    await runCommand('import.qrReset', { session });
    sent.current.clear();
    setSession(newSession());
    setProgress(null);
    setLog([]);
  }

  return { progress, results, log, busy, sendTexts, openImages, reset };
}
