// QR intake sessions (docs/design.md §3.4): the renderer scans codes with the camera or opens images and sends the
// decoded texts here; each session keeps a QrAssembler (shared/formats/qr.ts) so the parts of a multi-part code arrive
// in any order with progress ("2 dari 3"). A completed code goes to the storage import service (channel 'qr'); a
// garbled or foreign text is quarantined with its reason. A camera sees the same code many times a second, so texts
// already handled in a session are answered from memory, never imported or quarantined twice.
//
//   createQrSessions(ctx) → { feed(session, texts, name?), feedImage(session, name, bytes), reset(session) }
import type { BackendContext } from '../../context';
import type { ImportResultView, QrProgress } from '../../../../../shared/contracts/import.contract';
import { QrAssembler } from '../../../../../shared/formats/qr';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { importEnvelopeBytes } from '../import/import.service';
import { quarantine } from '../quarantine/quarantine';
import { decodeQrImage, QrImageError } from './qr-image';

interface Session {
  assembler: QrAssembler;
  /** Texts already handled (completed or rejected) → what they produced. */
  handled: Map<string, { results: ImportResultView[]; rejected?: string }>;
  /** The total of the set most recently added to, for progress. */
  lastTotal: number | null;
  usedAt: number;
}

const MAX_SESSIONS = 64;
const IDLE_MS = 60 * 60 * 1000;

export interface QrSessions {
  feed(session: string, texts: string[], name?: string): QrProgress;
  feedImage(session: string, name: string, bytes: Uint8Array): Promise<QrProgress>;
  reset(session: string): QrProgress;
}

function emptyProgress(message: string): QrProgress {
  return { state: 'kosong', have: 0, total: 0, missing: [], results: [], message };
}

export function createQrSessions(ctx: BackendContext): QrSessions {
  const sessions = new Map<string, Session>();

  const get = (id: string): Session => {
    const now = Date.now();
    for (const [k, s] of sessions) if (now - s.usedAt > IDLE_MS) sessions.delete(k);
    let s = sessions.get(id);
    if (!s) {
      if (sessions.size >= MAX_SESSIONS) {
        const oldest = [...sessions.entries()].sort((a, b) => a[1].usedAt - b[1].usedAt)[0];
        if (oldest) sessions.delete(oldest[0]);
      }
      s = { assembler: new QrAssembler(), handled: new Map(), lastTotal: null, usedAt: now };
      sessions.set(id, s);
    }
    s.usedAt = now;
    return s;
  };

  const progressOf = (s: Session, results: ImportResultView[], rejected: string[]): QrProgress => {
    const pending = s.assembler.pending();
    const current = pending.find((p) => p.total === s.lastTotal) ?? pending[pending.length - 1];
    if (rejected.length > 0 && results.length === 0) {
      return {
        state: 'ditolak',
        have: current?.have ?? 0,
        total: current?.total ?? 0,
        missing: current?.missing ?? [],
        results,
        message: rejected.join('; '),
      };
    }
    if (results.length > 0) {
      const r = results[results.length - 1]!;
      const what = r.status === 'ditolak' ? `ditolak: ${r.reason ?? ''}` : r.status;
      return {
        state: 'selesai',
        have: current?.have ?? 0,
        total: current?.total ?? 0,
        missing: current?.missing ?? [],
        results,
        message: `Kode QR lengkap: ${r.tps ? `TPS ${r.tps} ${r.pemilihan ?? ''} ` : ''}${what}`.trim(),
      };
    }
    if (current) {
      return {
        state: 'sebagian',
        have: current.have,
        total: current.total,
        missing: current.missing,
        results,
        message: `${current.have} dari ${current.total} bagian terbaca; pindai bagian ${current.missing.join(', ')}`,
      };
    }
    return emptyProgress('Belum ada kode QR Pleno yang terbaca.');
  };

  const feed = (sessionId: string, texts: string[], name = 'kode QR'): QrProgress => {
    const s = get(sessionId);
    const results: ImportResultView[] = [];
    const rejected: string[] = [];
    for (const text of texts) {
      const seen = s.handled.get(text);
      if (seen) {
        // Rescanned: report what it produced before, without importing or quarantining again.
        results.push(...seen.results);
        if (seen.rejected) rejected.push(seen.rejected);
        continue;
      }
      const r = s.assembler.add(text);
      if (r.status === 'partial') {
        s.lastTotal = r.total;
        continue;
      }
      if (r.status === 'error') {
        const reason = r.message;
        quarantine(ctx, utf8Encode(r.texts.join('\n')), `${name}.txt`, reason, {
          channel: 'qr',
          english: `QR text rejected: ${r.code}`,
        });
        for (const t of r.texts) s.handled.set(t, { results: [], rejected: reason });
        s.handled.set(text, { results: [], rejected: reason });
        rejected.push(reason);
        continue;
      }
      // The assembled envelope JSON goes to the import service like any envelope, tagged as the QR channel.
      const outcomes = [importEnvelopeBytes(ctx, utf8Encode(r.envelopeJson), { channel: 'qr', name })];
      const views: ImportResultView[] = outcomes.map((o) => ({
        name,
        status: o.status,
        ...(o.reason !== undefined ? { reason: o.reason } : {}),
        ...(o.tps !== undefined ? { tps: o.tps } : {}),
        ...(o.pemilihan !== undefined ? { pemilihan: o.pemilihan } : {}),
      }));
      for (const t of r.texts) s.handled.set(t, { results: views });
      results.push(...views);
    }
    return progressOf(s, results, rejected);
  };

  return {
    feed,
    async feedImage(sessionId, name, bytes) {
      let texts: string[];
      try {
        texts = await decodeQrImage(bytes);
      } catch (err) {
        const reason =
          err instanceof QrImageError ? err.message : `gambar tidak dapat dibaca: ${(err as Error).message}`;
        quarantine(ctx, bytes, name, reason, { channel: 'qr', english: 'not a readable image' });
        return { ...emptyProgress(reason), state: 'ditolak' };
      }
      if (texts.length === 0) {
        const reason = 'tidak ada kode QR yang terbaca pada gambar ini';
        quarantine(ctx, bytes, name, reason, { channel: 'qr', english: 'no QR code found in the image' });
        const p = progressOf(get(sessionId), [], []);
        return {
          ...p,
          state: p.state === 'sebagian' ? 'sebagian' : 'ditolak',
          message: `${name}: ${reason}. ${p.state === 'sebagian' ? p.message : ''}`.trim(),
        };
      }
      return feed(sessionId, texts, name);
    },
    reset(sessionId) {
      sessions.delete(sessionId);
      return emptyProgress('Pemindaian diulang dari awal.');
    },
  };
}
