// Which HTTP status a rejected LAN upload gets (DESIGN §3.5): 401 when the sender is not allowed — unknown device,
// device registered for another TPS, signer ≠ perangkat, bad signature — and 400 for anything else (malformed,
// truncated, another kecamatan). The import service decides *whether* to reject (and quarantines); this only
// re-reads the rejected body to tell the phone which of the two it was, so it never accepts anything.
//
//   rejectionStatus(ctx, endpoint, bytes) → { status: 400 | 401, code }
import type { BackendContext } from '../context';
import { parseJson } from '../../../../shared/formats/json';
import { verifyCHasilEnvelope } from '../../../../shared/formats/c-hasil';
import { readBundle } from '../../../../shared/formats/bundle';
import { nodeCrypto } from '../crypto';
import { decisionDevices, loadDataMaster } from '../repositories/master.repo';

const AUTH_CODES = new Set(['UNKNOWN_DEVICE', 'DEVICE_MISMATCH', 'BAD_SIGNATURE', 'BAD_KEY_ID']);

export function rejectionStatus(ctx: BackendContext, endpoint: 'c-hasil' | 'bundle', bytes: Uint8Array): { status: 400 | 401; code: string } {
  const master = loadDataMaster(ctx.db);
  if (!master) return { status: 400, code: 'NO_MASTER' };
  const extraDevices = decisionDevices(ctx.db);
  let texts: (string | Uint8Array)[];
  if (endpoint === 'c-hasil') texts = [bytes];
  else {
    const b = readBundle(bytes, { sha256: nodeCrypto.sha256 });
    if (!b.ok) return { status: 400, code: b.error.code };
    texts = b.value.results.map((r) => r.text);
  }
  for (const t of texts) {
    const j = parseJson(t);
    if (!j.ok) return { status: 400, code: j.error.code };
    const v = verifyCHasilEnvelope(j.value, { master, crypto: nodeCrypto, extraDevices });
    if (!v.ok) return { status: AUTH_CODES.has(v.error.code) ? 401 : 400, code: v.error.code };
  }
  return { status: 400, code: 'INVALID_INPUT' };
}
