// Receiver setup (docs/design.md §4.1): a pleno.penerima/1 certificate is accepted only when it verifies against
// the key that signed this kecamatan's data master, for the master's kab/kota. Installed by a recorded, audited
// command; the fingerprints (receiver key, PPK key) are returned for the PPK and the kabupaten to compare.
import type { BackendContext } from '../../context';
import { runCommand } from '../../db/command';
import { getMasterRecord, getMeta } from '../../repositories/master.repo';
import { currentPenerima, insertPenerima, type PenerimaRow } from '../../repositories/kirim.repo';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { nodeCrypto } from '../../crypto';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { keyFingerprint } from '../../../../../shared/formats/envelope';
import { fromBase64Url } from '../../../../../shared/formats/bytes';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { parseHello, verifyPenerimaCert, type PenerimaCert } from '../../../../../shared/formats/kirim';

export interface InstalledPenerima {
  cert: PenerimaCert;
  /** Receiver key fingerprint, grouped by 4 for reading aloud. */
  fingerprint: string;
  /** This kecamatan's PPK key (base64url) and its grouped fingerprint, for the kabupaten to register. */
  ppkKey: string;
  ppkFingerprint: string;
}

export function groupFingerprint(fp: string): string {
  return fp.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Verifies and installs a certificate (parsed JSON of the envelope). */
export function installPenerima(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  json: unknown,
  actor: string,
): Result<InstalledPenerima> {
  const master = getMasterRecord(ctx.db);
  const meta = getMeta(ctx.db);
  const key = ppkKeyOrNull(ctx);
  if (!master || !meta || !key)
    return fail('NO_KECAMATAN', 'Belum ada data master: buat basis data dengan pleno init.');
  const v = verifyPenerimaCert(json, master.signerPublicKey, nodeCrypto, meta.kabkotaKode);
  if (!v.ok) return fail('INVALID_INPUT', `Sertifikat penerima ditolak: ${v.error.message}.`);
  const cert = v.value.cert;
  const fp = keyFingerprint(fromBase64Url(cert.publicKey), nodeCrypto);
  return runCommand(ctx, (unit) => {
    insertPenerima(unit.db, {
      sertifikatJson: canonicalize(json),
      kabkota: cert.kabkota.kode,
      url: cert.url,
      publicKey: cert.publicKey,
      fingerprint: fp,
      installedAt: ctx.clock().toISOString(),
      installedBy: actor,
    });
    return ok({
      cert,
      fingerprint: groupFingerprint(fp),
      ppkKey: key.publicKey,
      ppkFingerprint: groupFingerprint(key.keyId),
    });
  });
}

/** Fetches `GET /v1/hello` of a typed URL and installs the certificate it carries (still verified as above). */
export async function installPenerimaFromUrl(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  url: string,
  actor: string,
): Promise<Result<InstalledPenerima>> {
  let json: unknown;
  try {
    const res = await fetch(new URL('/v1/hello', url), { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) return fail('INVALID_INPUT', `Penerima di ${url} tidak menjawab dengan benar.`);
    json = await res.json();
  } catch {
    return fail('INVALID_INPUT', `Penerima di ${url} tidak dapat dihubungi.`);
  }
  const hello = parseHello(json);
  if (!hello.ok) return fail('INVALID_INPUT', `Jawaban penerima tidak sah: ${hello.error.message}.`);
  return installPenerima(ctx, hello.value.sertifikat, actor);
}

export function penerimaInUse(ctx: Pick<BackendContext, 'db'>): PenerimaRow | undefined {
  return currentPenerima(ctx.db);
}
