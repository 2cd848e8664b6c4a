// `pleno.tanda-terima/1` receipts (docs/design.md §4.3): parse, verify under the receiver key, match a manifest.
import { type CryptoPort } from '../envelope';
import { type ParseResult, parseFail, parsed, runParser } from '../parse-result';
import { exactObject } from '../strict';
import { auditHead, count, oneOf, PUSH_KEYS, pushScope, sha256Hex, time } from './fields';
import { openKeyedUnder } from './keyed';
import type { KirimManifest, ReceiptStatus, TandaTerima } from './types';

export const RECEIPT_STATUS: readonly ReceiptStatus[] = ['lengkap', 'menunggu-berkas'];

export function parseTandaTerima(payload: unknown): ParseResult<TandaTerima> {
  return runParser(() => {
    const o = exactObject(payload, '', [...PUSH_KEYS, 'manifest', 'audit', 'status', 'berkasKurang', 'diterima']);
    return {
      ...pushScope(o, 'pleno.tanda-terima/1'),
      urutan: count(o.urutan, 'urutan', 1),
      manifest: sha256Hex(o.manifest, 'manifest'),
      audit: auditHead(o.audit, 'audit'),
      status: oneOf(o.status, 'status', RECEIPT_STATUS),
      berkasKurang: count(o.berkasKurang, 'berkasKurang'),
      diterima: time(o.diterima, 'diterima'),
    };
  });
}

/**
 * A receipt that proves delivery of one manifest: a keyed envelope under the receiver certificate's key whose
 * payload names exactly that manifest (address, kecamatan, pemilihan, urutan, audit head). `lengkap` receipts hold
 * no missing blobs. Anything else is not delivery (§4.5).
 */
export function verifyTandaTerima(
  json: unknown,
  receiverKey: string,
  manifest: { address: string; payload: KirimManifest },
  port: CryptoPort,
): ParseResult<TandaTerima> {
  const whose = 'kunci penerima pada sertifikat';
  const opened = openKeyedUnder(json, { publicKey: receiverKey, whose }, port, parseTandaTerima);
  if (!opened.ok) return opened;
  const t = opened.value.payload;
  const m = manifest.payload;
  const mismatch =
    t.manifest !== manifest.address
      ? 'manifest'
      : t.kecamatan !== m.kecamatan
        ? 'kecamatan'
        : t.pemilihan !== m.pemilihan
          ? 'pemilihan'
          : t.urutan !== m.urutan
            ? 'urutan'
            : t.audit.jumlah !== m.audit.jumlah || t.audit.kepala !== m.audit.kepala
              ? 'audit'
              : null;
  if (mismatch) return parseFail('BAD_VALUE', 'tanda terima ini untuk kiriman lain', mismatch);
  if (t.status === 'lengkap' && t.berkasKurang !== 0) {
    return parseFail('BAD_VALUE', 'status lengkap tetapi masih ada berkas kurang', 'berkasKurang');
  }
  return parsed(t);
}
