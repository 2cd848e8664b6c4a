// What the LAN receiver learns from a body before trusting it: the device key ids it names, for the per-device
// rate limit. Bounded: an envelope body is at most 1 MiB of JSON; a bundle is read from its central directory and
// only its (at most three, small) result entries are inflated, capped at their declared size (peekBundleKeyIds).
// [] when nothing readable names a device; the full, strict read comes after the rate limit.
import { parseJson } from '../../../../shared/formats/json';
import { peekBundleKeyIds } from '../../../../shared/formats/bundle';

export type Endpoint = 'c-hasil' | 'bundle';

function keyOf(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const sig = (value as { signature?: unknown }).signature;
  if (typeof sig !== 'object' || sig === null) return null;
  const k = (sig as { keyId?: unknown }).keyId;
  return typeof k === 'string' && k.length > 0 && k.length <= 128 ? k : null;
}

export function peekKeyIds(endpoint: Endpoint, bytes: Uint8Array): string[] {
  if (endpoint === 'bundle') return peekBundleKeyIds(bytes);
  const j = parseJson(bytes);
  const k = j.ok ? keyOf(j.value) : null;
  return k ? [k] : [];
}
