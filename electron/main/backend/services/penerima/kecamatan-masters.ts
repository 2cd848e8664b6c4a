// The receiver's kecamatan masters, parsed once per database and cached (they never change once stored).
import { tpsCode, type DataMaster, type Perangkat } from '../../../../../shared/domain/model';
import { parseEnvelope } from '../../../../../shared/formats/envelope';
import { parseMaster } from '../../../../../shared/formats/master';
import { parseJson } from '../../../../../shared/formats/json';
import type { Db } from '../../context';
import { getPenerimaMaster } from '../../repositories/penerima.repo';

const cache = new WeakMap<Db, Map<string, DataMaster>>();

/** The data master of a kecamatan held by this receiver, or undefined. */
export function kecamatanMaster(db: Db, kecamatan: string): DataMaster | undefined {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  const hit = m.get(kecamatan);
  if (hit) return hit;
  const row = getPenerimaMaster(db, kecamatan);
  if (!row) return undefined;
  const json = parseJson(row.envelopeJson);
  const env = json.ok ? parseEnvelope(json.value) : json;
  const master = env.ok ? parseMaster(env.value.payload) : env;
  if (!master.ok) throw new Error(`stored master of ${kecamatan} no longer parses: ${master.error.message}`);
  m.set(kecamatan, master.value);
  return master.value;
}

/** The PPK key as a "device" of every TPS of its kecamatan: manual double entry records are signed by it (§4.1). */
export function ppkAsDevices(master: DataMaster, ppk: { keyId: string; publicKey: string }): Perangkat[] {
  return master.desa.flatMap((d) =>
    d.tps.map((t) => ({ id: ppk.keyId, tps: tpsCode(d.kode, t.nomor), publicKey: ppk.publicKey })),
  );
}
