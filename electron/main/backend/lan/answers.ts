// The LAN receiver's answers (docs/design.md §3.5): the HTTP status and body for the import outcomes of one post, each
// record with a receipt signed by the PPK key, and the signer that holds the key object.
import { createPrivateKey, sign as cryptoSign } from 'node:crypto';
import type { BackendContext } from '../context';
import { getPpkKey } from '../repositories/keys.repo';
import { ppkKey } from '../services/keys/ppk-key';
import type { ImportOutcome } from '../services/import/import.service';
import type { LanOutcome } from '../repositories/lan-contact.repo';
import { signReceipt, type Receipt } from './receipt';
import { rejectionStatus } from './rejection-status';
import type { Endpoint } from './peek';

export interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

export interface ReceiptSigner {
  keyId: string;
  publicKey: string;
  sign(bytes: Uint8Array): Uint8Array;
}

export function errorBody(code: string, message: string): Record<string, unknown> {
  return { status: 'ditolak', error: { code, message } };
}

/**
 * The PPK key as a signer holding its KeyObject: building the KeyObject from PKCS#8 costs more than the signature,
 * and the receiver signs one receipt per record at the evening peak.
 */
export function cachedSigner(ctx: BackendContext): ReceiptSigner {
  const key = ppkKey(ctx);
  const row = getPpkKey(ctx.db);
  if (!row || row.keyId !== key.keyId) return key;
  const keyObject = createPrivateKey({
    key: Buffer.from(row.privateKeyPkcs8, 'base64url'),
    format: 'der',
    type: 'pkcs8',
  });
  return {
    keyId: key.keyId,
    publicKey: key.publicKey,
    sign: (bytes) => new Uint8Array(cryptoSign(null, bytes, keyObject)),
  };
}

function receiptFor(signer: ReceiptSigner, o: ImportOutcome, at: string): Receipt | null {
  if (!o.tps || !o.pemilihan || !o.sha256) return null;
  return signReceipt(signer, { tps: o.tps, pemilihan: o.pemilihan, sha256: o.sha256, diterima: at });
}

const PESAN: Record<LanOutcome, string> = {
  konflik:
    'Hasil berbeda untuk TPS dan pemilihan yang sama sudah ada: disimpan dan ditandai konflik untuk diputuskan dalam pleno.',
  diterima: 'Hasil diterima.',
  duplikat: 'Hasil yang sama sudah diterima sebelumnya (duplikat).',
  ditolak: 'Hasil ditolak.',
};

export function answerFor(signer: ReceiptSigner, outcomes: ImportOutcome[], endpoint: Endpoint, at: string): Answer {
  const rejected = outcomes.find((o) => o.status === 'ditolak');
  if (rejected || outcomes.length === 0) {
    const { status, code } = rejectionStatus(rejected?.code);
    const message = rejected?.reason ?? 'berkas kosong: tidak ada hasil C.Hasil di dalamnya';
    return { status, body: errorBody(code, message) };
  }
  const hasil = outcomes.map((o) => ({
    status: o.status,
    tps: o.tps,
    pemilihan: o.pemilihan,
    sha256: o.sha256,
    receipt: receiptFor(signer, o, at),
  }));
  const overall: LanOutcome = outcomes.some((o) => o.status === 'konflik')
    ? 'konflik'
    : outcomes.some((o) => o.status === 'diterima')
      ? 'diterima'
      : 'duplikat';
  const status = overall === 'konflik' ? 409 : overall === 'diterima' ? 201 : 200;
  const body: Record<string, unknown> = { status: overall, pesan: PESAN[overall], receipt: hasil[0]!.receipt };
  if (endpoint === 'bundle') body.hasil = hasil;
  return { status, body };
}
