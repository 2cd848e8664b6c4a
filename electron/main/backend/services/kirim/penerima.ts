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

/** A certificate checked against this kecamatan's master, not yet installed (the PPK confirms the fingerprint). */
export interface PenerimaPreview {
  cert: PenerimaCert;
  /** Grouped receiver key fingerprint. */
  fingerprint: string;
  /** The certificate envelope, JCS text. */
  text: string;
}

/** Verifies a certificate (parsed JSON of the envelope) without installing it. */
export function previewPenerima(ctx: Pick<BackendContext, 'db'>, json: unknown): Result<PenerimaPreview> {
  const master = getMasterRecord(ctx.db);
  const meta = getMeta(ctx.db);
  if (!master || !meta) return fail('NO_KECAMATAN', 'Belum ada data master: buat basis data dengan pleno init.');
  const v = verifyPenerimaCert(json, master.signerPublicKey, nodeCrypto, meta.kabkotaKode);
  if (!v.ok) return fail('INVALID_INPUT', `Sertifikat penerima ditolak: ${v.error.message}.`);
  const cert = v.value.cert;
  const fp = keyFingerprint(fromBase64Url(cert.publicKey), nodeCrypto);
  return ok({ cert, fingerprint: groupFingerprint(fp), text: canonicalize(json) });
}

/**
 * Verifies and installs a certificate (parsed JSON of the envelope). With `confirmFingerprint`, the key must be the
 * one the PPK was shown and confirmed.
 */
export function installPenerima(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  json: unknown,
  actor: string,
  confirmFingerprint?: string,
): Result<InstalledPenerima> {
  const key = ppkKeyOrNull(ctx);
  if (!key) return fail('NO_KECAMATAN', 'Belum ada data master: buat basis data dengan pleno init.');
  const p = previewPenerima(ctx, json);
  if (!p.ok) return p;
  const { cert, fingerprint } = p.value;
  if (confirmFingerprint !== undefined && confirmFingerprint.replace(/\s/g, '') !== fingerprint.replace(/\s/g, ''))
    return fail('CONFLICT', 'Sidik jari kunci penerima berbeda dengan yang dikonfirmasi; periksa ulang sertifikat.');
  return runCommand(ctx, (unit) => {
    insertPenerima(unit.db, {
      sertifikatJson: p.value.text,
      kabkota: cert.kabkota.kode,
      url: cert.url,
      publicKey: cert.publicKey,
      fingerprint: fingerprint.replace(/ /g, ''),
      installedAt: ctx.clock().toISOString(),
      installedBy: actor,
    });
    return ok({ cert, fingerprint, ppkKey: key.publicKey, ppkFingerprint: groupFingerprint(key.keyId) });
  });
}

/** `GET /v1/hello` of a typed URL: the certificate it carries (JSON), or why not. */
export async function fetchHelloCert(url: string): Promise<Result<unknown>> {
  let base: URL;
  try {
    base = new URL(url);
    if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new Error('scheme');
  } catch {
    return fail('INVALID_INPUT', 'Alamat penerima tidak sah: tulis lengkap, misalnya https://kirim.kpu-kotabaru.go.id');
  }
  let json: unknown;
  try {
    const res = await fetch(new URL('/v1/hello', base), { signal: AbortSignal.timeout(30_000) });
    if (!res.ok) return fail('INVALID_INPUT', `Penerima di ${url} tidak menjawab dengan benar.`);
    const text = await res.text();
    if (text.length > 64 * 1024) return fail('INVALID_INPUT', `Jawaban penerima di ${url} terlalu besar.`);
    json = JSON.parse(text);
  } catch {
    return fail('INVALID_INPUT', `Penerima di ${url} tidak dapat dihubungi.`);
  }
  const hello = parseHello(json);
  if (!hello.ok) return fail('INVALID_INPUT', `Jawaban penerima tidak sah: ${hello.error.message}.`);
  return ok(hello.value.sertifikat);
}

/** Fetches `GET /v1/hello` of a typed URL and installs the certificate it carries (still verified as above). */
export async function installPenerimaFromUrl(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  url: string,
  actor: string,
): Promise<Result<InstalledPenerima>> {
  const cert = await fetchHelloCert(url);
  return cert.ok ? installPenerima(ctx, cert.value, actor) : cert;
}

export function penerimaInUse(ctx: Pick<BackendContext, 'db'>): PenerimaRow | undefined {
  return currentPenerima(ctx.db);
}
