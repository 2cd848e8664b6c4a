// The header every issued document carries (wilayah, pemilihan and its choices, PPK members, place), from the data
// master: one derivation for issued documents (documents service) and the sample data of tests and benchmarks.
import type { DataMaster, Pemilihan } from '../domain/model';
import type { DocHeader } from './types';

export function docHeader(master: DataMaster, p: Pemilihan): DocHeader {
  return {
    provinsi: master.provinsi,
    kabkota: master.kabkota,
    kecamatan: master.kecamatan,
    pemilihan: { id: p.id, nama: p.nama },
    pilihan: p.pilihan,
    ppk: master.ppk,
    tempat: master.kecamatan.nama,
  };
}
