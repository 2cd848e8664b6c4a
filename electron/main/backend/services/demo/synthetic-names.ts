// Synthetic person and place names for the demo (SIMULASI): combinations drawn with the seeded PRNG,
// deliberately not the names of real candidates or officials.
import type { Prng } from './prng';

const GIVEN_M = [
  'Ahmad',
  'Budi',
  'Rahmat',
  'Fauzan',
  'Hendra',
  'Syahrani',
  'Akhmad',
  'Junaidi',
  'Rusdi',
  'Zainal',
  'Yusuf',
  'Hairul',
  'Arif',
  'Mahyudin',
  'Taufik',
  'Irwan',
  'Saipul',
  'Gusti',
  'Darmawan',
  'Ridwan',
];
const GIVEN_F = [
  'Siti',
  'Nurul',
  'Rahmah',
  'Aulia',
  'Fitriani',
  'Mariana',
  'Halimah',
  'Dewi',
  'Rusmiati',
  'Hasanah',
  'Norhayati',
  'Salmah',
  'Rina',
  'Yuliani',
  'Khadijah',
  'Wahyuni',
];
const FAMILY = [
  'Rasyid',
  'Hakim',
  'Mansyur',
  'Noor',
  'Fadillah',
  'Ramadhan',
  'Saputra',
  'Hidayat',
  'Anshari',
  'Maulana',
  'Pratama',
  'Wijaya',
  'Santoso',
  'Kurniawan',
  'Baihaqi',
  'Rizani',
  'Aspihani',
  'Effendi',
  'Gazali',
  'Hamidi',
];

/** `count` distinct full names (mixed gender), e.g. "Rahmat Hidayat". */
export function personNames(rng: Prng, count: number): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  while (out.length < count) {
    const given = rng.chance(0.6) ? rng.pick(GIVEN_M) : rng.pick(GIVEN_F);
    const name = `${given} ${rng.pick(FAMILY)}`;
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  return out;
}

/** Paslon names "Calon – Wakil" (en dash as on KPU ballots). */
export function paslonNames(rng: Prng, count: number): string[] {
  const people = personNames(rng, count * 2);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(`${people[2 * i]} – ${people[2 * i + 1]}`);
  return out;
}

const PLACE_A = [
  'Sungai',
  'Teluk',
  'Tanjung',
  'Batu',
  'Muara',
  'Tanah',
  'Gunung',
  'Pulau',
  'Rantau',
  'Sei',
  'Bukit',
  'Lembah',
];
const PLACE_B = [
  'Bulan',
  'Damar',
  'Jaya',
  'Baru',
  'Indah',
  'Makmur',
  'Raya',
  'Lestari',
  'Permai',
  'Sari',
  'Mulia',
  'Harapan',
  'Kencana',
  'Sejahtera',
  'Alam',
  'Rimba',
  'Pandan',
  'Karya',
  'Intan',
  'Melati',
];

/** `count` distinct synthetic desa names, e.g. "Teluk Damar". */
export function desaNames(rng: Prng, count: number): string[] {
  const all: string[] = [];
  for (const a of PLACE_A) for (const b of PLACE_B) all.push(`${a} ${b}`);
  if (count > all.length) throw new Error(`at most ${all.length} synthetic desa names`);
  return rng.sample(all, count);
}
