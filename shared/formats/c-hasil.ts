// Strict parser of the C.Hasil record payload (`pleno.c-hasil/1`, docs/design.md §3.2) against the data master, the
// device check (signer registered for that TPS), and the full verification of a signed C.Hasil envelope.
//
// Exports: parseCHasil(payload, { master }) → ParseResult<CHasilRecord>; parseCounts(value, pilihanCount, path?);
// checkDevice(record, keyId, master, extraDevices?) → ParseResult<Perangkat>;
// verifyCHasilEnvelope(json, { master, crypto, extraDevices? }) → ParseResult<VerifiedCHasil>;
// isIsoDateTimeWithOffset(s).

import {
  C_HASIL_FORMAT,
  type CHasilCounts,
  type CHasilRecord,
  type DataMaster,
  type FotoRef,
  type Perangkat,
  type PemilihanId,
  type PemilihVoters,
  type SignedEnvelope,
} from '../domain/model';
import { fromBase64Url, toHex } from './bytes';
import { type CryptoPort, MAX_KEY_ID_LENGTH, parseEnvelope, signingBytes } from './envelope';
import { indexMaster, MAX_COUNT, parseLP } from './master';
import { type ParseResult, parseFail, parsed, runParser } from './parse-result';
// The strict readers (strict.ts) are named with their module: `strict.integer(...)` reads as what it checks.
import * as strict from './strict';

const MAX_FOTO = 50;
const MAX_LEMBAR = 99;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const TPS_CODE = /^[0-9]{13}$/;

const RECORD_KEYS = [
  'format',
  'tps',
  'pemilihan',
  'pemilih',
  'pengguna',
  'disabilitas',
  'suratSuara',
  'suara',
  'foto',
  'perangkat',
  'dibuat',
] as const;

const count = (v: unknown, path: string): number => strict.integer(v, path, 0, MAX_COUNT);

function voters(v: unknown, path: string): PemilihVoters {
  const o = strict.exactObject(v, path, ['dpt', 'dpph', 'dptb', 'jumlah']);
  return {
    dpt: parseLP(o.dpt, strict.joinPath(path, 'dpt')),
    dpph: parseLP(o.dpph, strict.joinPath(path, 'dpph')),
    dptb: parseLP(o.dptb, strict.joinPath(path, 'dptb')),
    jumlah: parseLP(o.jumlah, strict.joinPath(path, 'jumlah')),
  };
}

function countsOf(
  o: Record<string, unknown>,
  pilihanCount: number,
  base: string,
  pemilihanLabel?: string,
): CHasilCounts {
  const p = (k: string) => strict.joinPath(base, k);
  const dis = strict.exactObject(o.disabilitas, p('disabilitas'), ['pemilih', 'pengguna']);
  const ss = strict.exactObject(o.suratSuara, p('suratSuara'), [
    'diterima',
    'dikembalikan',
    'tidakDigunakan',
    'digunakan',
  ]);
  const su = strict.exactObject(o.suara, p('suara'), ['paslon', 'sah', 'tidakSah', 'total']);
  const paslonPath = strict.joinPath(p('suara'), 'paslon');
  const paslon = strict.array(su.paslon, paslonPath);
  if (paslon.length !== pilihanCount) {
    strict.fail(
      'WRONG_CHOICE_COUNT',
      paslonPath,
      `harus berisi ${pilihanCount} angka (jumlah pilihan${pemilihanLabel ? ` pemilihan ${pemilihanLabel}` : ''}), ditemukan ${paslon.length}`,
    );
  }
  return {
    pemilih: voters(o.pemilih, p('pemilih')),
    pengguna: voters(o.pengguna, p('pengguna')),
    disabilitas: {
      pemilih: parseLP(dis.pemilih, strict.joinPath(p('disabilitas'), 'pemilih')),
      pengguna: parseLP(dis.pengguna, strict.joinPath(p('disabilitas'), 'pengguna')),
    },
    suratSuara: {
      diterima: count(ss.diterima, strict.joinPath(p('suratSuara'), 'diterima')),
      dikembalikan: count(ss.dikembalikan, strict.joinPath(p('suratSuara'), 'dikembalikan')),
      tidakDigunakan: count(ss.tidakDigunakan, strict.joinPath(p('suratSuara'), 'tidakDigunakan')),
      digunakan: count(ss.digunakan, strict.joinPath(p('suratSuara'), 'digunakan')),
    },
    suara: {
      paslon: paslon.map((v, i) => count(v, strict.joinPath(paslonPath, i))),
      sah: count(su.sah, strict.joinPath(p('suara'), 'sah')),
      tidakSah: count(su.tidakSah, strict.joinPath(p('suara'), 'tidakSah')),
      total: count(su.total, strict.joinPath(p('suara'), 'total')),
    },
  };
}

/**
 * Parses just the numeric parts (`pemilih`, `pengguna`, `disabilitas`, `suratSuara`, `suara`) with exact keys,
 * e.g. for a manual entry or a correction. Counts are integers 0–9999.
 */
export function parseCounts(value: unknown, pilihanCount: number, path = ''): ParseResult<CHasilCounts> {
  return runParser(() => {
    const o = strict.exactObject(value, path, ['pemilih', 'pengguna', 'disabilitas', 'suratSuara', 'suara']);
    return countsOf(o, pilihanCount, path);
  });
}

const ISO_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-](\d{2}):(\d{2}))$/;

/** RFC 3339 date-time with seconds and an explicit offset (`Z` or `±hh:mm`), with a real calendar date. */
export function isIsoDateTimeWithOffset(s: string): boolean {
  const m = ISO_OFFSET.exec(s);
  if (!m) return false;
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || se > 59) return false;
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > daysInMonth) return false;
  if (m[8] !== 'Z' && (Number(m[9]) > 14 || Number(m[10]) > 59)) return false;
  return true;
}

/**
 * Parses a C.Hasil payload strictly against the master: exact key sets at every level, counts integers 0–9999,
 * `tps` a 13-digit code of the master, `pemilihan` an id of the master with `suara.paslon` as long as its choices,
 * `foto` a list of `{ lembar ≥ 1, sha256 }` (lowercase hex), `perangkat` non-empty, `dibuat` RFC 3339 with offset.
 * The first problem found is reported, its message starting with the field path. Returns a fresh object.
 */
export function parseCHasil(payload: unknown, ctx: { master: DataMaster }): ParseResult<CHasilRecord> {
  return runParser(() => {
    if (strict.isPlainObject(payload) && payload.format !== undefined)
      strict.literal(payload.format, 'format', C_HASIL_FORMAT, 'WRONG_FORMAT');
    const o = strict.exactObject(payload, '', RECORD_KEYS);
    strict.literal(o.format, 'format', C_HASIL_FORMAT, 'WRONG_FORMAT');
    const idx = indexMaster(ctx.master);

    const tps = strict.pattern(o.tps, 'tps', TPS_CODE, 'kode TPS 13 angka');
    if (!idx.tps.has(tps))
      strict.fail(
        'UNKNOWN_TPS',
        'tps',
        `TPS ${tps} tidak ada dalam data master kecamatan ${ctx.master.kecamatan.nama}`,
      );

    const pemilihanId = strict.string(o.pemilihan, 'pemilihan');
    const pemilihan = idx.pemilihan.get(pemilihanId);
    if (!pemilihan) {
      strict.fail(
        'UNKNOWN_PEMILIHAN',
        'pemilihan',
        `pemilihan ${strict.describe(pemilihanId)} tidak ada dalam data master (ada: ${[...idx.pemilihan.keys()].join(', ')})`,
      );
    }

    const counts = countsOf(o, pemilihan.pilihan.length, '', pemilihan.id);

    const fotoRaw = strict.array(o.foto, 'foto');
    if (fotoRaw.length > MAX_FOTO) strict.fail('BAD_VALUE', 'foto', `berisi lebih dari ${MAX_FOTO} foto`);
    const foto = fotoRaw.map((f, i): FotoRef => {
      const fp = strict.joinPath('foto', i);
      const fo = strict.exactObject(f, fp, ['lembar', 'sha256']);
      return {
        lembar: strict.integer(fo.lembar, strict.joinPath(fp, 'lembar'), 1, MAX_LEMBAR),
        sha256: strict.pattern(
          fo.sha256,
          strict.joinPath(fp, 'sha256'),
          SHA256_HEX,
          'SHA-256 64 karakter hex huruf kecil',
        ),
      };
    });

    const perangkat = strict.text(o.perangkat, 'perangkat', MAX_KEY_ID_LENGTH);
    const dibuat = strict.string(o.dibuat, 'dibuat');
    if (!isIsoDateTimeWithOffset(dibuat)) {
      strict.fail(
        'BAD_VALUE',
        'dibuat',
        `harus waktu ISO 8601 dengan zona waktu (mis. 2024-11-27T14:05:00+08:00), ditemukan ${strict.describe(dibuat)}`,
      );
    }

    return {
      format: C_HASIL_FORMAT,
      tps,
      pemilihan: pemilihan.id as PemilihanId,
      ...counts,
      foto,
      perangkat,
      dibuat,
    };
  });
}

/**
 * The signer must be the record's device: `perangkat` = keyId, and that device registered (in the master, or in
 * `extraDevices` added by a recorded PPK decision) for the record's TPS. Returns the device.
 */
export function checkDevice(
  record: Pick<CHasilRecord, 'tps' | 'perangkat'>,
  keyId: string,
  master: DataMaster,
  extraDevices: readonly Perangkat[] = [],
): ParseResult<Perangkat> {
  if (record.perangkat !== keyId) {
    return parseFail(
      'DEVICE_MISMATCH',
      `${JSON.stringify(record.perangkat)} berbeda dengan perangkat penanda tangan ${JSON.stringify(keyId)}`,
      'perangkat',
    );
  }
  const candidates = [indexMaster(master).perangkat.get(keyId), ...extraDevices.filter((d) => d.id === keyId)].filter(
    (d): d is Perangkat => d !== undefined,
  );
  if (candidates.length === 0)
    return parseFail('UNKNOWN_DEVICE', `perangkat ${JSON.stringify(keyId)} tidak terdaftar`, 'signature.keyId');
  const device = candidates.find((d) => d.tps === record.tps);
  if (!device) {
    return parseFail(
      'UNKNOWN_DEVICE',
      `perangkat ${JSON.stringify(keyId)} terdaftar untuk TPS ${candidates.map((d) => d.tps).join(', ')}, bukan untuk TPS ${record.tps}`,
      'signature.keyId',
    );
  }
  return parsed(device);
}

export interface VerifiedCHasil {
  envelope: SignedEnvelope<Record<string, unknown>>;
  record: CHasilRecord;
  device: Perangkat;
  /** Hex SHA-256 of JCS(payload): the record id (receipts, duplicate detection). */
  sha256: string;
}

/**
 * Full check of a signed C.Hasil (already JSON-decoded; use parseJson for bytes), in this order:
 * envelope shape → signer is a known device (UNKNOWN_DEVICE) → signature over JCS(payload) (BAD_SIGNATURE) →
 * strict payload (malformed: the parse codes) → device registered for the record's TPS and = perangkat.
 * Signature before payload: an unsigned or foreign file is reported as such rather than by its field errors.
 */
export function verifyCHasilEnvelope(
  json: unknown,
  ctx: { master: DataMaster; crypto: CryptoPort; extraDevices?: readonly Perangkat[] },
): ParseResult<VerifiedCHasil> {
  const env = parseEnvelope(json);
  if (!env.ok) return env;
  const keyId = env.value.signature.keyId;
  const keys = [
    indexMaster(ctx.master).perangkat.get(keyId),
    ...(ctx.extraDevices ?? []).filter((d) => d.id === keyId),
  ].filter((d): d is Perangkat => d !== undefined);
  if (keys.length === 0)
    return parseFail('UNKNOWN_DEVICE', `perangkat ${JSON.stringify(keyId)} tidak terdaftar`, 'signature.keyId');
  // JCS(payload) once: it is both what the signature covers and what the record id hashes.
  let msg: Uint8Array;
  try {
    msg = signingBytes(env.value.payload);
  } catch {
    return parseFail('INVALID_JSON', 'payload bukan data JSON yang sah');
  }
  const sig = fromBase64Url(env.value.signature.sig);
  const verifies = (d: Perangkat): boolean => ctx.crypto.verify(fromBase64Url(d.publicKey), msg, sig);
  const signedBy = keys.find(verifies);
  if (!signedBy)
    return parseFail(
      'BAD_SIGNATURE',
      'tanda tangan tidak sah: isi berkas telah berubah atau tidak ditandatangani perangkat ini',
    );
  const record = parseCHasil(env.value.payload, { master: ctx.master });
  if (!record.ok) return record;
  const device = checkDevice(record.value, keyId, ctx.master, ctx.extraDevices);
  if (!device.ok) return device;
  // Same id registered twice with different keys (master + PPK decision): the verifying key must be the TPS's one.
  if (device.value.publicKey !== signedBy.publicKey && !verifies(device.value)) {
    return parseFail('BAD_SIGNATURE', 'tanda tangan tidak dibuat dengan kunci perangkat yang terdaftar untuk TPS ini');
  }
  return parsed({
    envelope: env.value,
    record: record.value,
    device: device.value,
    sha256: toHex(ctx.crypto.sha256(msg)),
  });
}
