// `pleno penerima sertifikat` (docs/design.md §4.1): a receiver certificate pleno.penerima/1 signed with the KPU
// key file, for the kab/kota of a master signed by that same key. Refuses a key that did not sign the master: a
// certificate no kecamatan could verify would only fail later, far from here.
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { fromBase64Url } from '../../../../../shared/formats/bytes';
import { parseJson } from '../../../../../shared/formats/json';
import { parsePenerimaCert, type PenerimaCert } from '../../../../../shared/formats/kirim';
import { publicKeyOf, signPayload } from '../../crypto';
import { previewMaster } from '../master/master.service';

export interface SertifikatInput {
  kpuKeyFile: Uint8Array;
  master: Uint8Array;
  /** The receiver's raw public key, base64url (printed by `pleno penerima init`). */
  publicKey: string;
  url: string;
  now: Date;
}

export function makeSertifikat(input: SertifikatInput): Result<{ text: string; kabkota: string }> {
  const keyFile = parseJson(input.kpuKeyFile);
  const key = keyFile.ok ? (keyFile.value as { keyId?: unknown; privateKey?: unknown }) : null;
  if (!key || typeof key.privateKey !== 'string' || typeof key.keyId !== 'string') {
    return fail('INVALID_INPUT', 'Berkas kunci KPU harus JSON dengan keyId dan privateKey.');
  }
  let kpuPublic: string;
  try {
    kpuPublic = publicKeyOf(key.privateKey);
  } catch {
    return fail('INVALID_INPUT', 'Kunci privat KPU tidak dapat dibaca.');
  }
  const master = previewMaster(input.master);
  if (!master.ok) return fail('INVALID_INPUT', `Data master: ${master.error.message}`);
  if (master.value.signerPublicKey !== kpuPublic) {
    return fail('INVALID_INPUT', 'Kunci KPU ini tidak menandatangani data master yang diberikan.');
  }
  const payload: PenerimaCert = {
    format: 'pleno.penerima/1',
    kabkota: master.value.kabkota,
    url: input.url,
    publicKey: input.publicKey,
    dibuat: input.now.toISOString(),
  };
  const checked = parsePenerimaCert(payload);
  if (!checked.ok) return fail('INVALID_INPUT', checked.error.message);
  try {
    if (fromBase64Url(input.publicKey).length !== 32) throw new Error('length');
  } catch {
    return fail('INVALID_INPUT', 'Kunci publik penerima harus 32 byte dalam base64url.');
  }
  const env = signPayload(payload, key.privateKey, master.value.fingerprintRaw, { includePublicKey: true });
  return ok({
    text: `${JSON.stringify(env, null, 2)}\n`,
    kabkota: `${master.value.kabkota.nama} (${master.value.kabkota.kode})`,
  });
}
