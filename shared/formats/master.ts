// Strict parser of the data master payload (`pleno.master/1`, docs/design.md §3.6) and an index for fast lookups.
//
// Exports: parseMaster(payload) → ParseResult<DataMaster>, indexMaster(master) → MasterIndex (cached per object).
// The envelope's signature is checked separately (envelope.ts verifySelfSigned); this module reads the payload only.

import {
  type DataMaster,
  type LP,
  MASTER_FORMAT,
  type MasterDesa,
  type MasterTps,
  type Pemilihan,
  PEMILIHAN_IDS,
  type PemilihanId,
  type Perangkat,
  type Pilihan,
  type PpkMember,
  tpsCode,
  type Wilayah,
} from '../domain/model';
import { base64UrlOfLength, ED25519_PUBLIC_KEY_BYTES, MAX_KEY_ID_LENGTH } from './envelope';
import { type ParseResult, runParser } from './parse-result';
import {
  array,
  describe,
  exactObject,
  fail,
  integer,
  isPlainObject,
  joinPath,
  literal,
  pattern,
  string,
  text,
} from './strict';

export const MAX_COUNT = 9999;
export const MAX_TPS_NOMOR = 999;
/** Generous bounds that keep a hostile file from exhausting memory; real kecamatan are far below. */
const MAX = { desa: 500, tpsPerDesa: 999, pilihan: 20, perangkat: 50_000, ppk: 50 } as const;

export function parseLP(v: unknown, path: string): LP {
  const o = exactObject(v, path, ['l', 'p']);
  return { l: integer(o.l, joinPath(path, 'l'), 0, MAX_COUNT), p: integer(o.p, joinPath(path, 'p'), 0, MAX_COUNT) };
}

function digits(n: number): RegExp {
  return new RegExp(`^[0-9]{${n}}$`);
}

function wilayah(v: unknown, path: string, len: number, parent?: { kode: string; what: string }): Wilayah {
  return wilayahFields(exactObject(v, path, ['kode', 'nama']), path, len, parent);
}

function wilayahFields(
  o: Record<string, unknown>,
  path: string,
  len: number,
  parent?: { kode: string; what: string },
): Wilayah {
  const kode = pattern(o.kode, joinPath(path, 'kode'), digits(len), `kode ${len} angka`);
  if (parent && !kode.startsWith(parent.kode)) {
    fail(
      'BAD_VALUE',
      joinPath(path, 'kode'),
      `harus diawali kode ${parent.what} ${parent.kode}, ditemukan ${describe(kode)}`,
    );
  }
  return { kode, nama: text(o.nama, joinPath(path, 'nama')) };
}

function boundedArray(v: unknown, path: string, min: number, max: number, what: string): unknown[] {
  const a = array(v, path);
  if (a.length < min) fail('BAD_VALUE', path, `harus berisi paling sedikit ${min} ${what}`);
  if (a.length > max) fail('BAD_VALUE', path, `berisi lebih dari ${max} ${what}`);
  return a;
}

function parseDesa(v: unknown, path: string, kecamatan: string): MasterDesa {
  const o = exactObject(v, path, ['kode', 'nama', 'tps']);
  const w = wilayahFields(o, path, 10, { kode: kecamatan, what: 'kecamatan' });
  const seen = new Set<number>();
  const tps = boundedArray(o.tps, joinPath(path, 'tps'), 1, MAX.tpsPerDesa, 'TPS').map((t, i): MasterTps => {
    const tp = joinPath(joinPath(path, 'tps'), i);
    const to = exactObject(t, tp, ['nomor', 'dpt']);
    const nomor = integer(to.nomor, joinPath(tp, 'nomor'), 1, MAX_TPS_NOMOR);
    if (seen.has(nomor)) fail('DUPLICATE', joinPath(tp, 'nomor'), `nomor TPS ${nomor} muncul dua kali di desa ini`);
    seen.add(nomor);
    return { nomor, dpt: parseLP(to.dpt, joinPath(tp, 'dpt')) };
  });
  return { kode: w.kode, nama: w.nama, tps };
}

function parsePemilihan(v: unknown, path: string, provinsi: string, kabkota: string): Pemilihan {
  const o = exactObject(v, path, ['id', 'nama', 'wilayah', 'pilihan']);
  const idPath = joinPath(path, 'id');
  const idRaw = string(o.id, idPath);
  if (!(PEMILIHAN_IDS as readonly string[]).includes(idRaw)) {
    fail('BAD_VALUE', idPath, `harus salah satu dari ${PEMILIHAN_IDS.join(', ')}, ditemukan ${describe(idRaw)}`);
  }
  const id = idRaw as PemilihanId;
  const expectedWilayah = id === 'gubernur' ? provinsi : kabkota;
  const wil = string(o.wilayah, joinPath(path, 'wilayah'));
  if (wil !== expectedWilayah) {
    fail(
      'BAD_VALUE',
      joinPath(path, 'wilayah'),
      `harus kode ${id === 'gubernur' ? 'provinsi' : 'kab/kota'} ${expectedWilayah}, ditemukan ${describe(wil)}`,
    );
  }
  const pp = joinPath(path, 'pilihan');
  const raw = boundedArray(o.pilihan, pp, 1, MAX.pilihan, 'pilihan');
  const pilihan = raw.map((c, i): Pilihan => {
    const cp = joinPath(pp, i);
    const co = exactObject(c, cp, ['nomor', 'nama'], ['kind']);
    const nomor = integer(co.nomor, joinPath(cp, 'nomor'), 1, MAX.pilihan);
    if (nomor !== i + 1)
      fail('BAD_VALUE', joinPath(cp, 'nomor'), `harus ${i + 1} (nomor urut berurutan dari 1), ditemukan ${nomor}`);
    const out: Pilihan = { nomor, nama: text(co.nama, joinPath(cp, 'nama')) };
    if (co.kind !== undefined) {
      out.kind = literal(co.kind, joinPath(cp, 'kind'), 'kolom-kosong');
      if (i !== raw.length - 1)
        fail('BAD_VALUE', joinPath(cp, 'kind'), 'kolom kosong hanya boleh sebagai pilihan terakhir');
      if (i === 0)
        fail(
          'BAD_VALUE',
          joinPath(cp, 'kind'),
          'kolom kosong memerlukan paling sedikit satu pasangan calon sebelumnya',
        );
    }
    return out;
  });
  return { id, nama: text(o.nama, joinPath(path, 'nama')), wilayah: wil, pilihan };
}

/**
 * Parses a `pleno.master/1` payload strictly: exact key sets, code hierarchy (provinsi 2 digits ⊂ kab/kota 4 ⊂
 * kecamatan 6 ⊂ desa 10), unique desa codes, TPS nomor 1–999 unique per desa, pemilihan ids unique (bupati and
 * walikota exclusive) with `wilayah` = provinsi (gubernur) or kab/kota code, choices numbered 1..n with at most one
 * kolom kosong as the last, device ids unique and registered to existing TPS with 32-byte base64url keys.
 * Returns a fresh object holding only the known fields.
 */
export function parseMaster(payload: unknown): ParseResult<DataMaster> {
  return runParser(() => {
    if (isPlainObject(payload) && payload.format !== undefined)
      literal(payload.format, 'format', MASTER_FORMAT, 'WRONG_FORMAT');
    const o = exactObject(payload, '', [
      'format',
      'provinsi',
      'kabkota',
      'kecamatan',
      'desa',
      'pemilihan',
      'ppk',
      'perangkat',
    ]);
    literal(o.format, 'format', MASTER_FORMAT, 'WRONG_FORMAT');
    const provinsi = wilayah(o.provinsi, 'provinsi', 2);
    const kabkota = wilayah(o.kabkota, 'kabkota', 4, { kode: provinsi.kode, what: 'provinsi' });
    const kecamatan = wilayah(o.kecamatan, 'kecamatan', 6, { kode: kabkota.kode, what: 'kab/kota' });

    const desaKode = new Set<string>();
    const tpsCodes = new Set<string>();
    const desa = boundedArray(o.desa, 'desa', 1, MAX.desa, 'desa').map((d, i) => {
      const parsedDesa = parseDesa(d, joinPath('desa', i), kecamatan.kode);
      if (desaKode.has(parsedDesa.kode))
        fail('DUPLICATE', `desa[${i}].kode`, `kode desa ${parsedDesa.kode} muncul dua kali`);
      desaKode.add(parsedDesa.kode);
      for (const t of parsedDesa.tps) tpsCodes.add(tpsCode(parsedDesa.kode, t.nomor));
      return parsedDesa;
    });

    const ids = new Set<string>();
    const pemilihan = boundedArray(o.pemilihan, 'pemilihan', 1, PEMILIHAN_IDS.length, 'pemilihan').map((p, i) => {
      const pe = parsePemilihan(p, joinPath('pemilihan', i), provinsi.kode, kabkota.kode);
      if (ids.has(pe.id)) fail('DUPLICATE', `pemilihan[${i}].id`, `pemilihan ${pe.id} muncul dua kali`);
      ids.add(pe.id);
      return pe;
    });
    if (ids.has('bupati') && ids.has('walikota')) {
      fail('BAD_VALUE', 'pemilihan', 'bupati dan walikota tidak dapat berada dalam satu kecamatan');
    }

    const ppk = boundedArray(o.ppk, 'ppk', 0, MAX.ppk, 'anggota').map((m, i): PpkMember => {
      const mp = joinPath('ppk', i);
      const mo = exactObject(m, mp, ['nama', 'jabatan']);
      return { nama: text(mo.nama, joinPath(mp, 'nama')), jabatan: text(mo.jabatan, joinPath(mp, 'jabatan')) };
    });

    const deviceIds = new Set<string>();
    const perangkat = boundedArray(o.perangkat, 'perangkat', 0, MAX.perangkat, 'perangkat').map((d, i): Perangkat => {
      const dp = joinPath('perangkat', i);
      const dobj = exactObject(d, dp, ['id', 'tps', 'publicKey']);
      const id = text(dobj.id, joinPath(dp, 'id'), MAX_KEY_ID_LENGTH);
      if (deviceIds.has(id))
        fail('DUPLICATE', joinPath(dp, 'id'), `id perangkat ${JSON.stringify(id)} muncul dua kali`);
      deviceIds.add(id);
      const tps = pattern(dobj.tps, joinPath(dp, 'tps'), digits(13), 'kode TPS 13 angka');
      if (!tpsCodes.has(tps)) fail('UNKNOWN_TPS', joinPath(dp, 'tps'), `TPS ${tps} tidak ada dalam data master`);
      base64UrlOfLength(dobj.publicKey, joinPath(dp, 'publicKey'), ED25519_PUBLIC_KEY_BYTES);
      return { id, tps, publicKey: dobj.publicKey as string };
    });

    return { format: MASTER_FORMAT, provinsi, kabkota, kecamatan, desa, pemilihan, ppk, perangkat };
  });
}

export interface MasterTpsEntry {
  /** 13-digit TPS code. */
  kode: string;
  desa: MasterDesa;
  tps: MasterTps;
}

export interface MasterIndex {
  tps: ReadonlyMap<string, MasterTpsEntry>;
  pemilihan: ReadonlyMap<string, Pemilihan>;
  perangkat: ReadonlyMap<string, Perangkat>;
}

const indexCache = new WeakMap<DataMaster, MasterIndex>();

/** Lookup maps over a parsed master; cached per master object (treat a parsed master as immutable). */
export function indexMaster(master: DataMaster): MasterIndex {
  let idx = indexCache.get(master);
  if (!idx) {
    const tps = new Map<string, MasterTpsEntry>();
    for (const desa of master.desa)
      for (const t of desa.tps)
        tps.set(tpsCode(desa.kode, t.nomor), { kode: tpsCode(desa.kode, t.nomor), desa, tps: t });
    idx = {
      tps,
      pemilihan: new Map(master.pemilihan.map((p) => [p.id, p])),
      perangkat: new Map(master.perangkat.map((d) => [d.id, d])),
    };
    indexCache.set(master, idx);
  }
  return idx;
}
