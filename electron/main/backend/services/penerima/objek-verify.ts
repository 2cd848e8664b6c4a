// The signature check of one pushed object against its listing (docs/design.md §4.3), without the database: a
// document under the kecamatan's PPK key, a C.Hasil under a device of its TPS (or the PPK key, for manual entries).
// receive.service.ts runs it for an object arriving alone; the bundle-read worker runs it for a bundle's objects.
import type { DataMaster } from '../../../../../shared/domain/model';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { verifyCHasilEnvelope } from '../../../../../shared/formats/c-hasil';
import { parseEnvelope } from '../../../../../shared/formats/envelope';
import { verifyKeyedUnder } from '../../../../../shared/formats/kirim';
import { nodeCrypto } from '../../crypto';
import { ppkAsDevices } from './kecamatan-masters';

export interface PpkKey {
  keyId: string;
  publicKey: string;
}

/** UNAUTHORIZED (401) for a signature that does not hold, INVALID_INPUT (400) for a malformed object. */
export function verifyObjekWith(json: unknown, jenis: string, master: DataMaster, ppk: PpkKey): Result<null> {
  const env = parseEnvelope(json);
  if (!env.ok) return fail('INVALID_INPUT', `Objek tidak sah: ${env.error.message}`);
  if (jenis !== 'c-hasil') {
    const v = verifyKeyedUnder(env.value, ppk.publicKey, nodeCrypto, 'kunci PPK kecamatan ini');
    if (!v.ok) return fail('UNAUTHORIZED', `Dokumen tidak ditandatangani kunci PPK terdaftar: ${v.error.message}`);
    const format = (env.value.payload as { format?: unknown }).format;
    if (typeof format !== 'string' || !format.startsWith('pleno.document/')) {
      return fail('INVALID_INPUT', 'Objek ini bukan data dokumen Pleno.');
    }
    return ok(null);
  }
  const extraDevices = env.value.signature.keyId === ppk.keyId ? ppkAsDevices(master, ppk) : [];
  const v = verifyCHasilEnvelope(json, { master, crypto: nodeCrypto, extraDevices });
  if (v.ok) return ok(null);
  const auth = ['UNKNOWN_DEVICE', 'BAD_SIGNATURE', 'DEVICE_MISMATCH', 'BAD_KEY_ID'].includes(v.error.code);
  return fail(auth ? 'UNAUTHORIZED' : 'INVALID_INPUT', `C.Hasil tidak sah: ${v.error.message}`);
}
