// One post to the LAN receiver, cheapest checks first, so that no unsigned byte costs the laptop more than a few
// milliseconds before the rate limits have spoken:
//   content type → declared length (413) → per-address gate (429, before a byte of the body is read) → body read
//   with a hard cap (413) → bounded key-id peek (no archive inflated beyond its small result entries) → per-device
//   gate (429) → only then quarantine (a cut-short upload) or the full, strict import.
// Device buckets are keyed by key id and address: key ids are public (the data master lists them), so a sender
// elsewhere on the LAN cannot spend a phone's tokens by naming its key.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { BackendContext } from '../context';
import { parseJson } from '../../../../shared/formats/json';
import { payloadHash } from '../../../../shared/formats/envelope';
import { nodeCrypto } from '../crypto';
import { findPerangkat } from '../repositories/master.repo';
import { importBundleBytes, MAX_ENVELOPE_BYTES, type ImportOutcome } from '../services/import/import.service';
import { quarantine } from '../services/quarantine/quarantine';
import type { ContactLog } from '../services/lan/lan-contacts';
import type { LanOutcome, NewLanContact } from '../repositories/lan-contact.repo';
import { declaredLength, readBody } from '../../http/body';
import { addressOf } from '../../http/limits';
import { sendJson } from '../../http/respond';
import type { EnvelopeQueue } from './group-commit';
import type { RateLimiter } from './rate-limit';
import { answerFor, errorBody, type Answer, type ReceiptSigner } from './answers';
import { peekKeyIds, type Endpoint } from './peek';
import { isDiskFull } from '../unexpected';
import { asStorageFailure, StorageFailure } from '../db/storage-failure';

export interface PostDeps {
  ctx: BackendContext;
  maxBodyBytes: number;
  addressGate: RateLimiter;
  deviceGate: RateLimiter;
  signer: ReceiptSigner;
  envelopes: EnvelopeQueue;
  contacts: ContactLog;
  onRateLimited(): void;
}

type Contact = Omit<NewLanContact, 'at'>;

export function answer(res: ServerResponse, a: Answer, close = false): void {
  sendJson(res, a.status, a.body, a.headers, close);
}

function tooMany(retryAfterSeconds: number): Answer {
  return {
    status: 429,
    headers: { 'Retry-After': String(retryAfterSeconds) },
    body: errorBody(
      'RATE_LIMITED',
      `terlalu banyak kiriman dari perangkat ini; coba lagi dalam ${retryAfterSeconds} detik`,
    ),
  };
}

function contentTypeOk(endpoint: Endpoint, header: string | undefined): boolean {
  const type = (header ?? '').split(';')[0]!.trim().toLowerCase();
  if (endpoint === 'c-hasil') return type === 'application/json';
  return type === 'application/zip' || type === 'application/x-zip-compressed' || type === 'application/octet-stream';
}

function safeName(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64);
}

const registered = (d: PostDeps, keyId: string | null): boolean =>
  keyId !== null && findPerangkat(d.ctx.db, keyId).length > 0;
const limitFor = (d: PostDeps, endpoint: Endpoint) => (endpoint === 'c-hasil' ? MAX_ENVELOPE_BYTES : d.maxBodyBytes);

function truncated(
  d: PostDeps,
  endpoint: Endpoint,
  remote: string,
  keyId: string | null,
  bytes: Uint8Array,
  expected: number,
) {
  const { ctx } = d;
  const reason = `unggahan terputus: diterima ${bytes.length} dari ${expected >= 0 ? expected : '?'} byte`;
  const name = `lan-${endpoint}-${safeName(keyId ?? remote)}-terputus${endpoint === 'bundle' ? '.pleno' : '.json'}`;
  try {
    quarantine(ctx, bytes, name, reason, {
      channel: 'lan',
      english: `truncated LAN upload: ${bytes.length} of ${expected} bytes`,
      actor: keyId ? `perangkat:${keyId}` : `lan:${remote}`,
      truncated: true,
    });
  } catch (err) {
    ctx.log.error('LAN: could not quarantine a truncated upload', err);
  }
  const contact: Contact = {
    keyId,
    registered: registered(d, keyId),
    remote,
    endpoint,
    httpStatus: 400,
    outcome: 'ditolak',
    tps: null,
    pemilihan: null,
    sha256: null,
    records: 0,
    size: bytes.length,
    reason,
  };
  return { contact, answer: { status: 400, body: errorBody('TRUNCATED', reason) } satisfies Answer };
}

async function importBody(d: PostDeps, endpoint: Endpoint, bytes: Uint8Array, keyId: string | null, remote: string) {
  const name = `lan-${safeName(keyId ?? remote)}-${endpoint === 'bundle' ? 'bundle.pleno' : 'c-hasil.json'}`;
  const source = { channel: 'lan' as const, name, ...(keyId !== null ? { device: keyId } : {}) };
  const outcomes: ImportOutcome[] =
    endpoint === 'c-hasil' ? [await d.envelopes.submit(bytes, source)] : await importBundleBytes(d.ctx, bytes, source);
  // The hash the receipt names is the record's payload hash; fill it where the import service did not.
  const first = outcomes[0];
  if (endpoint === 'c-hasil' && first && !first.sha256 && first.status !== 'ditolak') {
    const j = parseJson(bytes);
    if (j.ok) outcomes[0] = { ...first, sha256: payloadHash((j.value as { payload: unknown }).payload, nodeCrypto) };
  }
  return outcomes;
}

function contactFor(
  a: Answer,
  outcomes: ImportOutcome[],
  base: Omit<Contact, 'httpStatus' | 'outcome' | 'tps' | 'pemilihan' | 'sha256' | 'records' | 'reason'>,
): Contact {
  const first = outcomes[0];
  return {
    ...base,
    httpStatus: a.status,
    outcome: (a.body.status as LanOutcome) ?? 'ditolak',
    tps: first?.tps ?? null,
    pemilihan: first?.pemilihan ?? null,
    sha256: first?.sha256 ?? null,
    records: outcomes.filter((o) => o.status !== 'ditolak').length,
    reason: a.status >= 400 && a.status !== 409 ? String((a.body.error as { message: string }).message) : null,
  };
}

/** The checks before the body is read: a database open read-only, content type, declared size, per-address limit. False when answered. */
function admitted(d: PostDeps, req: IncomingMessage, res: ServerResponse, endpoint: Endpoint, remote: string): boolean {
  if (d.ctx.readOnly) {
    // Nothing can be stored (damaged or read-only file, issue 14): the phone keeps its record and tries later.
    req.resume();
    const why = 'basis data laptop PPK sedang dibuka hanya-baca; hasil belum dapat disimpan, coba lagi nanti';
    answer(res, { status: 503, headers: { 'Retry-After': '60' }, body: errorBody('UNAVAILABLE', why) }, true);
    return false;
  }
  if (!contentTypeOk(endpoint, req.headers['content-type'])) {
    const want = endpoint === 'c-hasil' ? 'application/json' : 'application/zip';
    answer(res, { status: 400, body: errorBody('BAD_CONTENT_TYPE', `Content-Type harus ${want}`) }, true);
    return false;
  }
  const max = limitFor(d, endpoint);
  const declared = declaredLength(req);
  if (declared > max) {
    const msg = `isi permintaan terlalu besar (${declared} byte; batas ${max} byte)`;
    answer(res, { status: 413, body: errorBody('TOO_LARGE', msg) }, true);
    return false;
  }
  const addressGate = d.addressGate.take(remote);
  if (!addressGate.ok) {
    d.onRateLimited();
    answer(res, tooMany(addressGate.retryAfterSeconds), true);
    return false;
  }
  return true;
}

export function createPostHandler(d: PostDeps) {
  const { ctx } = d;
  const record = (c: Contact) => d.contacts.add({ ...c, at: ctx.clock().toISOString() });

  return async function handlePost(req: IncomingMessage, res: ServerResponse, endpoint: Endpoint): Promise<void> {
    const remote = addressOf(req.socket);
    if (!admitted(d, req, res, endpoint, remote)) return;
    const max = limitFor(d, endpoint);
    const body = await readBody(req, max);
    if (body.kind === 'too-large') {
      answer(
        res,
        { status: 413, body: errorBody('TOO_LARGE', `isi permintaan terlalu besar (lebih dari ${max} byte)`) },
        true,
      );
      setImmediate(() => req.socket.destroy());
      return;
    }
    const keyId = peekKeyIds(endpoint, body.bytes)[0] ?? null;
    const isRegistered = registered(d, keyId);
    const gate = d.deviceGate.take(isRegistered ? `key:${keyId}@${remote}` : `ip:${remote}`);
    if (!gate.ok) {
      d.onRateLimited();
      answer(res, tooMany(gate.retryAfterSeconds), body.kind === 'aborted');
      return;
    }
    if (body.kind === 'aborted') {
      const t = truncated(d, endpoint, remote, keyId, body.bytes, body.expected);
      record(t.contact);
      if (!res.writableEnded && !req.socket.destroyed) answer(res, t.answer, true);
      return;
    }
    let outcomes: ImportOutcome[];
    try {
      outcomes = await importBody(d, endpoint, body.bytes, keyId, remote);
    } catch (err) {
      // A full disk is said as such (the phone shows it; the PPK sees the disk banner): nothing was stored. A failing
      // storage is a known failure (logged as a warning); anything else is a bug with a reference.
      const storage = asStorageFailure(err);
      if (storage instanceof StorageFailure)
        ctx.log.warn('LAN: import refused by the storage', { code: storage.code, error: storage.message });
      const ref = storage instanceof StorageFailure ? null : ctx.log.error('LAN: import failed unexpectedly', err);
      const why = isDiskFull(err)
        ? 'disk laptop PPK penuh; hasil belum disimpan, coba lagi nanti'
        : `laptop PPK sedang tidak dapat menyimpan; coba lagi nanti${ref ? ` (ref ${ref})` : ''}`;
      answer(res, { status: 503, headers: { 'Retry-After': '30' }, body: errorBody('UNAVAILABLE', why) });
      return;
    }
    const a = answerFor(d.signer, outcomes, endpoint, ctx.clock().toISOString());
    record(contactFor(a, outcomes, { keyId, registered: isRegistered, remote, endpoint, size: body.bytes.length }));
    answer(res, a);
  };
}
