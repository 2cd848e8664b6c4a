// QR intake sessions (docs/design.md §3.4): the renderer scans codes with the camera or opens images and sends the
// decoded texts here; each session keeps a QrAssembler (shared/formats/qr.ts) so the parts of a multi-part code arrive
// in any order with progress ("2 dari 3"). A completed code goes to the storage import service (channel 'qr'); a
// garbled or foreign text is quarantined with its reason. A camera sees the same code many times a second, so texts
// already handled in a session are answered from memory, never imported or quarantined twice.
//
//   createQrSessions(ctx) → { feed(session, texts, name?), feedImage(session, name, bytes), reset(session) }
import type { ImportResultView, QrProgress } from '../../../../../shared/contracts/import.contract';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { QrAssembler } from '../../../../../shared/formats/qr';
import type { BackendContext } from '../../context';
import { quarantine } from '../quarantine/quarantine';
import { decodeQrImage, QrImageError } from '../qr/qr-image';
import { importEnvelopeBytes } from './import.service';
import { OUTCOME_WORDS, resultLabeler, resultTitle } from './result-labels';

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

export function createQrSessions(ctx: BackendContext): QrSessions {
  const sessions = new Map<string, Session>();
  const feed = (sessionId: string, texts: string[], name = 'kode QR'): QrProgress =>
    feedTexts(ctx, sessionOf(sessions, sessionId), texts, name);
  return {
    feed,
    async feedImage(sessionId, name, bytes) {
      return feedImage(
        ctx,
        () => sessionOf(sessions, sessionId),
        name,
        bytes,
        (texts) => feed(sessionId, texts, name),
      );
    },
    reset(sessionId) {
      sessions.delete(sessionId);
      return emptyProgress('Pemindaian diulang dari awal.');
    },
  };
}

/** The session of that id (created on first use); idle sessions expire, and the oldest gives way past the cap. */
function sessionOf(sessions: Map<string, Session>, id: string): Session {
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
}

function feedTexts(ctx: BackendContext, s: Session, texts: string[], name: string): QrProgress {
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
    const views = importCompleted(ctx, r.envelopeJson, name);
    for (const t of r.texts) s.handled.set(t, { results: views });
    results.push(...views);
  }
  return progressOf(s, results, rejected);
}

/** The assembled envelope JSON goes to the import service like any envelope, tagged as the QR channel. */
function importCompleted(ctx: BackendContext, envelopeJson: string, name: string): ImportResultView[] {
  const o = importEnvelopeBytes(ctx, utf8Encode(envelopeJson), { channel: 'qr', name });
  return [
    {
      name,
      status: o.status,
      kind: o.status === 'ditolak' && o.tps === undefined ? 'berkas' : 'hasil',
      ...(o.reason !== undefined ? { reason: o.reason } : {}),
      ...(o.tps !== undefined ? { tps: o.tps } : {}),
      ...(o.pemilihan !== undefined ? { pemilihan: o.pemilihan } : {}),
      ...resultLabeler(ctx)(o.tps, o.pemilihan),
    },
  ];
}

/** An image's codes fed to the session; an unreadable image or one without a code is quarantined. */
async function feedImage(
  ctx: BackendContext,
  session: () => Session,
  name: string,
  bytes: Uint8Array,
  feed: (texts: string[]) => QrProgress,
): Promise<QrProgress> {
  let texts: string[];
  try {
    texts = await decodeQrImage(bytes);
  } catch (err) {
    const reason = err instanceof QrImageError ? err.message : `gambar tidak dapat dibaca: ${(err as Error).message}`;
    quarantine(ctx, bytes, name, reason, { channel: 'qr', english: 'not a readable image' });
    return { ...emptyProgress(reason), state: 'ditolak' };
  }
  if (texts.length > 0) return feed(texts);
  const reason = 'tidak ada kode QR yang terbaca pada gambar ini';
  quarantine(ctx, bytes, name, reason, { channel: 'qr', english: 'no QR code found in the image' });
  const p = progressOf(session(), [], []);
  return {
    ...p,
    state: p.state === 'sebagian' ? 'sebagian' : 'ditolak',
    message: `${name}: ${reason}. ${p.state === 'sebagian' ? p.message : ''}`.trim(),
  };
}

function emptyProgress(message: string): QrProgress {
  return { state: 'kosong', have: 0, total: 0, missing: [], results: [], message };
}

function progressOf(s: Session, results: ImportResultView[], rejected: string[]): QrProgress {
  const pending = s.assembler.pending();
  const current = pending.find((p) => p.total === s.lastTotal) ?? pending[pending.length - 1];
  const at = { have: current?.have ?? 0, total: current?.total ?? 0, missing: current?.missing ?? [] };
  if (rejected.length > 0 && results.length === 0) {
    return { state: 'ditolak', ...at, results, message: rejected.join('; ') };
  }
  if (results.length > 0) {
    const r = results[results.length - 1]!;
    const what = r.status === 'ditolak' ? `ditolak: ${r.reason ?? ''}` : OUTCOME_WORDS[r.status];
    const title = resultTitle(r);
    const message = `Kode QR lengkap${title ? ` — ${title}` : ''}: ${what}`;
    return { state: 'selesai', ...at, results, message };
  }
  if (current) {
    return {
      state: 'sebagian',
      ...at,
      results,
      message: `${current.have} dari ${current.total} bagian terbaca; pindai bagian ${current.missing.join(', ')}`,
    };
  }
  return emptyProgress('Belum ada kode QR Pleno yang terbaca.');
}
