// Receipts of the LAN receiver (docs/design.md §3.5): `{ payload: { format: "pleno.receipt/1", tps, pemilihan, sha256,
// diterima }, signature }`, signed with the PPK laptop's key so a KPPS phone can prove what the PPK received.
//
//   signReceipt(signer, { tps, pemilihan, sha256, diterima }): Receipt
//   verifyReceipt(value: unknown, ppkPublicKey: base64url): { ok: true, receipt } | { ok: false, reason }
import { toBase64Url } from '../../../../shared/formats/bytes';
import { parseEnvelope, signingBytes } from '../../../../shared/formats/envelope';
import type { SignedEnvelope } from '../../../../shared/domain/model';
import { verifyEnvelopeSignature } from '../crypto';

export const RECEIPT_FORMAT = 'pleno.receipt/1';

export interface ReceiptPayload {
  format: typeof RECEIPT_FORMAT;
  tps: string;
  pemilihan: string;
  /** SHA-256 (hex) of JCS(payload of the record). */
  sha256: string;
  /** ISO time the PPK laptop issued this receipt. */
  diterima: string;
}

export type Receipt = SignedEnvelope<ReceiptPayload>;

export interface ReceiptSigner {
  keyId: string;
  sign(bytes: Uint8Array): Uint8Array;
}

export function signReceipt(signer: ReceiptSigner, fields: Omit<ReceiptPayload, 'format'>): Receipt {
  const payload: ReceiptPayload = { format: RECEIPT_FORMAT, ...fields };
  return {
    payload,
    signature: { alg: 'Ed25519', keyId: signer.keyId, sig: toBase64Url(signer.sign(signingBytes(payload))) },
  };
}

const HEX64 = /^[0-9a-f]{64}$/;

export function verifyReceipt(
  value: unknown,
  ppkPublicKey: string,
): { ok: true; receipt: Receipt } | { ok: false; reason: string } {
  const env = parseEnvelope(value);
  if (!env.ok) return { ok: false, reason: `tanda terima rusak: ${env.error.message}` };
  const p = env.value.payload;
  const keys = Object.keys(p).sort().join(',');
  if (keys !== 'diterima,format,pemilihan,sha256,tps')
    return { ok: false, reason: `tanda terima berisi kolom tak terduga: ${keys}` };
  if (p.format !== RECEIPT_FORMAT) return { ok: false, reason: `format tanda terima bukan ${RECEIPT_FORMAT}` };
  if (typeof p.tps !== 'string' || typeof p.pemilihan !== 'string' || typeof p.diterima !== 'string') {
    return { ok: false, reason: 'tanda terima: tps/pemilihan/diterima harus teks' };
  }
  if (typeof p.sha256 !== 'string' || !HEX64.test(p.sha256))
    return { ok: false, reason: 'tanda terima: sha256 tidak sah' };
  if (!verifyEnvelopeSignature(env.value, ppkPublicKey)) {
    return { ok: false, reason: 'tanda tangan tanda terima tidak sah (bukan kunci PPK yang diumumkan)' };
  }
  return { ok: true, receipt: env.value as unknown as Receipt };
}
