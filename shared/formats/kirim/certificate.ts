// `pleno.penerima/1` receiver certificates (docs/design.md §4.1): parse, and verify against the data master's signer.
import { base64UrlOfLength, type CryptoPort, ED25519_PUBLIC_KEY_BYTES } from '../envelope';
import { type ParseResult, parseFail, parsed, runParser } from '../parse-result';
import { exactObject, fail, joinPath, literal, pattern } from '../strict';
import { kode, name, time } from './fields';
import { openKeyedUnder } from './keyed';
import type { PenerimaCert } from './types';

const URL_RE = /^https?:\/\/[^\s/?#@]+(?:\/[^\s]*)?$/;
const MAX_URL = 2000;

export function parsePenerimaCert(payload: unknown): ParseResult<PenerimaCert> {
  return runParser(() => {
    const o = exactObject(payload, '', ['format', 'kabkota', 'url', 'publicKey', 'dibuat']);
    literal(o.format, 'format', 'pleno.penerima/1', 'WRONG_FORMAT');
    const k = exactObject(o.kabkota, 'kabkota', ['kode', 'nama']);
    const url = pattern(o.url, 'url', URL_RE, 'alamat http:// atau https://');
    if (url.length > MAX_URL) fail('BAD_VALUE', 'url', `terlalu panjang (lebih dari ${MAX_URL} karakter)`);
    base64UrlOfLength(o.publicKey, 'publicKey', ED25519_PUBLIC_KEY_BYTES);
    return {
      format: 'pleno.penerima/1',
      kabkota: { kode: kode(k.kode, joinPath('kabkota', 'kode'), 4), nama: name(k.nama, joinPath('kabkota', 'nama')) },
      url,
      publicKey: o.publicKey as string,
      dibuat: time(o.dibuat, 'dibuat'),
    };
  });
}

export interface VerifiedCert {
  cert: PenerimaCert;
  /** Fingerprint of the KPU key that signed it (the master's signer). */
  signer: string;
}

/**
 * A certificate the kecamatan may trust: a well-formed envelope carrying its key, signed by `masterSignerKey` (the
 * key that signed this kecamatan's data master), for the master's kab/kota when `kabkota` is given.
 */
export function verifyPenerimaCert(
  json: unknown,
  masterSignerKey: string,
  port: CryptoPort,
  kabkota?: string,
): ParseResult<VerifiedCert> {
  const whose = 'kunci KPU yang menandatangani data master';
  const opened = openKeyedUnder(json, { publicKey: masterSignerKey, whose }, port, parsePenerimaCert);
  if (!opened.ok) return opened;
  const { payload: cert, signer } = opened.value;
  if (kabkota !== undefined && cert.kabkota.kode !== kabkota) {
    return parseFail('BAD_VALUE', `sertifikat untuk kab/kota ${cert.kabkota.kode}, bukan ${kabkota}`, 'kabkota.kode');
  }
  return parsed({ cert, signer: signer.fingerprint });
}
