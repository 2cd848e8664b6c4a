// How a person reads a TPS and a pemilihan: "Desa Hampang TPS 003" and "Bupati", never the 13-digit code or the id.
import type { DataMaster, PemilihanId } from './model';
import { tpsCode } from './model';

const SHORT: Record<PemilihanId, string> = { gubernur: 'Gubernur', bupati: 'Bupati', walikota: 'Wali Kota' };

/** "Gubernur", "Bupati", "Wali Kota" (the full name of the master stays for documents). */
export function pemilihanShort(id: string): string {
  return SHORT[id as PemilihanId] ?? id;
}

/** "Desa Hampang TPS 003" (a name the master already gives as "Desa …" or "Kelurahan …" is not prefixed again). */
export function tpsName(desaNama: string, nomor: number): string {
  const desa = /^(desa|kelurahan)\s/i.test(desaNama) ? desaNama : `Desa ${desaNama}`;
  return `${desa} TPS ${String(nomor).padStart(3, '0')}`;
}

/** TPS code → "Desa Hampang TPS 003" for every TPS of the master. */
export function tpsNames(master: Pick<DataMaster, 'desa'> | null): Map<string, string> {
  const names = new Map<string, string>();
  for (const d of master?.desa ?? [])
    for (const t of d.tps) names.set(tpsCode(d.kode, t.nomor), tpsName(d.nama, t.nomor));
  return names;
}
