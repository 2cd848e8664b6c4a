import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeCrypto, signPayload } from '../../electron/main/backend/crypto';
import { checkDevice, isIsoDateTimeWithOffset, parseCHasil, parseCounts, verifyCHasilEnvelope } from './c-hasil';
import { sampleMaster, sampleRecord } from '../../tests/support/format-samples';
import { canonicalBytes } from './canonical';
import { toHex } from './bytes';
import { parseJson } from './json';

const nodeCryptoHex = (bytes: Uint8Array) => toHex(nodeCrypto.sha256(bytes));

type Mutator = (r: Record<string, any>) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

const master = sampleMaster();

function mutated(f: Mutator): unknown {
  const r = structuredClone(sampleRecord()) as unknown as Record<string, unknown>;
  f(r);
  return r;
}

describe('parseCHasil', () => {
  it('accepts a well-formed record and returns an equal, fresh object', () => {
    const r = parseCHasil(sampleRecord(), { master });
    expect(r).toEqual({ ok: true, value: sampleRecord() });
  });

  it.each<[string, Mutator]>([
    ['empty foto', (r) => (r.foto = [])],
    ['gubernur with 2 choices', (r) => ((r.pemilihan = 'gubernur'), (r.suara.paslon = [1, 2]))],
    ['zero and 9999 counts', (r) => ((r.suara.sah = 0), (r.suratSuara.diterima = 9999))],
    ['UTC time', (r) => (r.dibuat = '2024-11-27T06:05:00Z')],
    ['fractional seconds, negative offset', (r) => (r.dibuat = '2024-11-27T06:05:00.123-03:30')],
    ['leap day', (r) => (r.dibuat = '2024-02-29T00:00:00+07:00')],
  ])('accepts %s', (_name, f) => {
    const r = parseCHasil(mutated(f), { master });
    expect(r.ok ? 'ok' : r.error.message).toBe('ok');
  });

  it.each<[string, Mutator, string, string, RegExp?]>([
    [
      'paslon above 9999',
      (r) => (r.suara.paslon[2] = 10000),
      'suara.paslon[2]',
      'OUT_OF_RANGE',
      /^suara\.paslon\[2\]: harus bilangan bulat 0–9999, ditemukan 10000$/,
    ],
    ['negative count', (r) => (r.pemilih.dpt.l = -1), 'pemilih.dpt.l', 'OUT_OF_RANGE', /ditemukan -1/],
    ['float count', (r) => (r.suara.sah = 312.5), 'suara.sah', 'NOT_INTEGER', /ditemukan 312\.5/],
    [
      'count as string',
      (r) => (r.suratSuara.diterima = '421'),
      'suratSuara.diterima',
      'WRONG_TYPE',
      /ditemukan teks "421"/,
    ],
    ['count null', (r) => (r.suara.tidakSah = null), 'suara.tidakSah', 'WRONG_TYPE', /ditemukan null/],
    ['count boolean', (r) => (r.disabilitas.pengguna.p = true), 'disabilitas.pengguna.p', 'WRONG_TYPE'],
    ['huge count', (r) => (r.pengguna.jumlah.p = 1e21), 'pengguna.jumlah.p', 'OUT_OF_RANGE'],
    [
      'too few choices',
      (r) => (r.suara.paslon = [1, 2]),
      'suara.paslon',
      'WRONG_CHOICE_COUNT',
      /harus berisi 3 angka .*bupati.*ditemukan 2/,
    ],
    ['too many choices', (r) => r.suara.paslon.push(0), 'suara.paslon', 'WRONG_CHOICE_COUNT'],
    ['choices of the other pemilihan', (r) => (r.pemilihan = 'gubernur'), 'suara.paslon', 'WRONG_CHOICE_COUNT'],
    ['paslon not a list', (r) => (r.suara.paslon = { 0: 1 }), 'suara.paslon', 'WRONG_TYPE'],
    ['unknown top-level field', (r) => (r.catatan = 'x'), 'catatan', 'UNKNOWN_FIELD', /^catatan: kolom tidak dikenal$/],
    ['unknown nested field', (r) => (r.pemilih.dpt.j = 410), 'pemilih.dpt.j', 'UNKNOWN_FIELD'],
    ['unknown field in suara', (r) => (r.suara.rusak = 1), 'suara.rusak', 'UNKNOWN_FIELD'],
    [
      'missing top-level field',
      (r) => delete r.suratSuara,
      'suratSuara',
      'MISSING_FIELD',
      /^suratSuara: kolom wajib tidak ada$/,
    ],
    ['missing nested field', (r) => delete r.pengguna.dptb, 'pengguna.dptb', 'MISSING_FIELD'],
    ['missing L', (r) => delete r.disabilitas.pemilih.l, 'disabilitas.pemilih.l', 'MISSING_FIELD'],
    ['missing foto', (r) => delete r.foto, 'foto', 'MISSING_FIELD'],
    ['LP as array', (r) => (r.pemilih.dpph = [2, 1]), 'pemilih.dpph', 'WRONG_TYPE'],
    ['wrong format', (r) => (r.format = 'pleno.c-hasil/2'), 'format', 'WRONG_FORMAT'],
    ['master given as record', (r) => (r.format = 'pleno.master/1'), 'format', 'WRONG_FORMAT'],
    ['TPS 12 digits', (r) => (r.tps = '630214200100'), 'tps', 'BAD_VALUE', /kode TPS 13 angka/],
    ['TPS dotted', (r) => (r.tps = '63.02.14.2001001'), 'tps', 'BAD_VALUE'],
    ['TPS as number', (r) => (r.tps = 6302142001001), 'tps', 'WRONG_TYPE'],
    ['TPS not in master', (r) => (r.tps = '6302142001004'), 'tps', 'UNKNOWN_TPS', /tidak ada dalam data master/],
    ['TPS of another kecamatan', (r) => (r.tps = '6302152001001'), 'tps', 'UNKNOWN_TPS'],
    ['pemilihan not in master', (r) => (r.pemilihan = 'walikota'), 'pemilihan', 'UNKNOWN_PEMILIHAN', /walikota/],
    ['pemilihan unknown id', (r) => (r.pemilihan = 'presiden'), 'pemilihan', 'UNKNOWN_PEMILIHAN'],
    ['foto hash uppercase', (r) => (r.foto[0].sha256 = 'A'.repeat(64)), 'foto[0].sha256', 'BAD_VALUE', /huruf kecil/],
    ['foto hash short', (r) => (r.foto[0].sha256 = 'a'.repeat(63)), 'foto[0].sha256', 'BAD_VALUE'],
    ['foto lembar 0', (r) => (r.foto[0].lembar = 0), 'foto[0].lembar', 'OUT_OF_RANGE'],
    ['foto lembar float', (r) => (r.foto[0].lembar = 1.5), 'foto[0].lembar', 'NOT_INTEGER'],
    ['foto extra field', (r) => (r.foto[0].ext = 'jpg'), 'foto[0].ext', 'UNKNOWN_FIELD'],
    ['foto not a list', (r) => (r.foto = 'a'), 'foto', 'WRONG_TYPE'],
    ['empty perangkat', (r) => (r.perangkat = ''), 'perangkat', 'BAD_VALUE'],
    ['perangkat number', (r) => (r.perangkat = 1), 'perangkat', 'WRONG_TYPE'],
    ['time without offset', (r) => (r.dibuat = '2024-11-27T14:05:00'), 'dibuat', 'BAD_VALUE', /zona waktu/],
    ['date only', (r) => (r.dibuat = '2024-11-27'), 'dibuat', 'BAD_VALUE'],
    ['time without seconds', (r) => (r.dibuat = '2024-11-27T14:05+08:00'), 'dibuat', 'BAD_VALUE'],
    ['impossible date', (r) => (r.dibuat = '2024-02-30T14:05:00+08:00'), 'dibuat', 'BAD_VALUE'],
    ['hour 24', (r) => (r.dibuat = '2024-11-27T24:00:00+08:00'), 'dibuat', 'BAD_VALUE'],
    ['offset +15:00', (r) => (r.dibuat = '2024-11-27T14:05:00+15:00'), 'dibuat', 'BAD_VALUE'],
    ['space instead of T', (r) => (r.dibuat = '2024-11-27 14:05:00+08:00'), 'dibuat', 'BAD_VALUE'],
  ])('rejects %s', (_name, f, path, code, msg) => {
    const r = parseCHasil(mutated(f), { master });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.path).toBe(path);
    expect(r.error.message.startsWith(`${path}: `)).toBe(true);
    if (msg) expect(r.error.message).toMatch(msg);
  });

  it.each([null, [], 'x', 5])('rejects a payload that is not an object: %j', (v) => {
    const r = parseCHasil(v, { master });
    expect(!r.ok && r.error.code).toBe('WRONG_TYPE');
  });

  it('reports unknown fields before missing ones, deterministically', () => {
    const r = parseCHasil(
      mutated((x) => ((x.zz = 1), (x.aa = 1), delete x.tps)),
      { master },
    );
    expect(!r.ok && r.error.path).toBe('aa');
  });

  it('normalises -0 to 0', () => {
    const r = parseCHasil(
      mutated((x) => (x.suara.tidakSah = -0)),
      { master },
    );
    expect(r.ok && Object.is(r.value.suara.tidakSah, 0)).toBe(true);
  });
});

describe('parseCounts', () => {
  it('parses the numeric parts with a path prefix', () => {
    const { format: _f, tps: _t, pemilihan: _p, foto: _fo, perangkat: _pe, dibuat: _d, ...counts } = sampleRecord();
    expect(parseCounts(counts, 3)).toEqual({ ok: true, value: counts });
    const r = parseCounts({ ...counts, suara: { ...counts.suara, sah: -5 } }, 3, 'koreksi');
    expect(!r.ok && r.error.message).toBe('koreksi.suara.sah: harus bilangan bulat 0–9999, ditemukan -5');
  });
});

describe('isIsoDateTimeWithOffset', () => {
  it('checks the calendar', () => {
    expect(isIsoDateTimeWithOffset('2023-02-29T00:00:00Z')).toBe(false);
    expect(isIsoDateTimeWithOffset('2024-12-31T23:59:59+14:00')).toBe(true);
    expect(isIsoDateTimeWithOffset('2024-13-01T00:00:00Z')).toBe(false);
  });
});

describe('checkDevice', () => {
  const rec = sampleRecord();
  it('accepts the device registered for the TPS', () => {
    expect(checkDevice(rec, 'kpps-6302142001001', master)).toEqual({ ok: true, value: master.perangkat[0] });
  });
  it('rejects perangkat ≠ keyId', () => {
    const r = checkDevice(rec, 'kpps-6302142001002', master);
    expect(!r.ok && r.error.code).toBe('DEVICE_MISMATCH');
    expect(!r.ok && r.error.path).toBe('perangkat');
  });
  it('rejects a device registered for another TPS', () => {
    const r = checkDevice({ ...rec, perangkat: 'kpps-6302142001002' }, 'kpps-6302142001002', master);
    expect(!r.ok && r.error.code).toBe('UNKNOWN_DEVICE');
    expect(!r.ok && r.error.message).toMatch(/terdaftar untuk TPS 6302142001002, bukan untuk TPS 6302142001001/);
  });
  it('rejects an unregistered device, unless added by a PPK decision', () => {
    const r = checkDevice({ ...rec, perangkat: 'hp-baru' }, 'hp-baru', master);
    expect(!r.ok && r.error.message).toMatch(/tidak terdaftar/);
    const extra = { id: 'hp-baru', tps: rec.tps, publicKey: master.perangkat[0]!.publicKey };
    expect(checkDevice({ ...rec, perangkat: 'hp-baru' }, 'hp-baru', master, [extra])).toEqual({
      ok: true,
      value: extra,
    });
  });
});

describe('verifyCHasilEnvelope', () => {
  const dev = generateKeyPair();
  const other = generateKeyPair();
  const m = sampleMaster();
  m.perangkat[0]!.publicKey = dev.publicKey;
  m.perangkat[1]!.publicKey = other.publicKey;
  const ctx = { master: m, crypto: nodeCrypto };

  it('accepts a record signed by its TPS device and returns the payload hash', () => {
    const env = signPayload(sampleRecord(), dev.privateKey, 'kpps-6302142001001');
    const r = verifyCHasilEnvelope(JSON.parse(JSON.stringify(env)), ctx);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.record).toEqual(sampleRecord());
      expect(r.value.device.id).toBe('kpps-6302142001001');
      expect(r.value.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it.each<[string, () => unknown, string]>([
    ['unknown device', () => signPayload(sampleRecord(), dev.privateKey, 'hp-asing'), 'UNKNOWN_DEVICE'],
    [
      'tampered number',
      () => ({
        ...signPayload(sampleRecord(), dev.privateKey, 'kpps-6302142001001'),
        payload: { ...sampleRecord(), suara: { ...sampleRecord().suara, sah: 313 } },
      }),
      'BAD_SIGNATURE',
    ],
    [
      'signed with another key',
      () => signPayload(sampleRecord(), other.privateKey, 'kpps-6302142001001'),
      'BAD_SIGNATURE',
    ],
    [
      'device of another TPS signing for this TPS',
      () => signPayload({ ...sampleRecord(), perangkat: 'kpps-6302142001002' }, other.privateKey, 'kpps-6302142001002'),
      'UNKNOWN_DEVICE',
    ],
    [
      'perangkat differs from signer',
      () => signPayload({ ...sampleRecord(), perangkat: 'kpps-6302142001002' }, dev.privateKey, 'kpps-6302142001001'),
      'DEVICE_MISMATCH',
    ],
    [
      'malformed but validly signed',
      () =>
        signPayload(
          { ...sampleRecord(), suara: { ...sampleRecord().suara, sah: 10000 } },
          dev.privateKey,
          'kpps-6302142001001',
        ),
      'OUT_OF_RANGE',
    ],
    ['not an envelope', () => sampleRecord(), 'UNKNOWN_FIELD'],
  ])('rejects %s', (_name, make, code) => {
    const r = verifyCHasilEnvelope(make(), ctx);
    expect(!r.ok && r.error.code).toBe(code);
  });
});

// The import verification path (electron/main/backend/services/import verifies every C.Hasil through this function
// before storing it): devices the PPK registered by a recorded decision come in as extraDevices.
describe('verifyCHasilEnvelope with devices added by a PPK decision', () => {
  const masterKey = generateKeyPair();
  const spare = generateKeyPair();
  const m = sampleMaster();
  m.perangkat[0]!.publicKey = masterKey.publicKey;
  const tps1 = '6302142001001';
  const tps2 = '6302142001002';
  const signed = (rec: object, key: string, keyId: string) =>
    JSON.parse(JSON.stringify(signPayload(rec, key, keyId))) as unknown;

  it('accepts a spare phone registered for the TPS, and names it as the device', () => {
    const extra = { id: 'hp-cadangan', tps: tps1, publicKey: spare.publicKey };
    const rec = { ...sampleRecord(), perangkat: 'hp-cadangan' };
    const r = verifyCHasilEnvelope(signed(rec, spare.privateKey, 'hp-cadangan'), {
      master: m,
      crypto: nodeCrypto,
      extraDevices: [extra],
    });
    expect(r).toMatchObject({ ok: true, value: { device: extra, record: rec } });
    // Without the decision the same file is refused as coming from an unknown device.
    const without = verifyCHasilEnvelope(signed(rec, spare.privateKey, 'hp-cadangan'), {
      master: m,
      crypto: nodeCrypto,
    });
    expect(!without.ok && without.error).toMatchObject({ code: 'UNKNOWN_DEVICE', path: 'signature.keyId' });
    // Another registered id does not lend its key.
    const other = { id: 'hp-lain', tps: tps1, publicKey: spare.publicKey };
    const wrongId = verifyCHasilEnvelope(signed(rec, spare.privateKey, 'hp-cadangan'), {
      master: m,
      crypto: nodeCrypto,
      extraDevices: [other],
    });
    expect(!wrongId.ok && wrongId.error.code).toBe('UNKNOWN_DEVICE');
    // An unknown signer is named as unknown even when some other added device exists (no signature check first).
    const unrelated = { id: 'hp-lain', tps: tps1, publicKey: masterKey.publicKey };
    const unknown = verifyCHasilEnvelope(signed(rec, spare.privateKey, 'hp-cadangan'), {
      master: m,
      crypto: nodeCrypto,
      extraDevices: [unrelated],
    });
    expect(!unknown.ok && unknown.error).toMatchObject({
      code: 'UNKNOWN_DEVICE',
      message: 'signature.keyId: perangkat "hp-cadangan" tidak terdaftar',
    });
  });

  it('a key registered under the same device id for another TPS cannot sign for the master TPS', () => {
    const sameId = { id: 'kpps-6302142001001', tps: tps2, publicKey: spare.publicKey };
    const ctx = { master: m, crypto: nodeCrypto, extraDevices: [sameId] };
    const forTps1 = verifyCHasilEnvelope(signed(sampleRecord(), spare.privateKey, sameId.id), ctx);
    expect(!forTps1.ok && forTps1.error).toMatchObject({
      code: 'BAD_SIGNATURE',
      message: 'tanda tangan tidak dibuat dengan kunci perangkat yang terdaftar untuk TPS ini',
    });
    // The same key signing for the TPS it was registered for is accepted, as that registration.
    const rec2 = { ...sampleRecord(), tps: tps2, pemilih: { ...sampleRecord().pemilih, dpt: { l: 150, p: 160 } } };
    const forTps2 = verifyCHasilEnvelope(signed(rec2, spare.privateKey, sameId.id), ctx);
    expect(forTps2).toMatchObject({ ok: true, value: { device: sameId } });
    // The master's own key still signs for its TPS.
    const own = verifyCHasilEnvelope(signed(sampleRecord(), masterKey.privateKey, sameId.id), ctx);
    expect(own).toMatchObject({ ok: true, value: { device: m.perangkat[0] } });
  });

  it('the record id is the SHA-256 of the canonical payload, the same for any key order or spacing', () => {
    const env = signPayload(sampleRecord(), masterKey.privateKey, 'kpps-6302142001001');
    const r = verifyCHasilEnvelope(JSON.parse(JSON.stringify(env)), { master: m, crypto: nodeCrypto });
    const reordered = JSON.parse(JSON.stringify({ signature: env.signature, payload: env.payload }, null, 2));
    const again = verifyCHasilEnvelope(reordered, { master: m, crypto: nodeCrypto });
    expect(r.ok && r.value.sha256).toBe(nodeCryptoHex(canonicalBytes(sampleRecord())));
    expect(again.ok && again.value.sha256).toBe(r.ok && r.value.sha256);
  });

  it('counts are JSON values: 312.0 or 3.12e2 in the file is the integer 312 under the same signature; 312.5 is refused', () => {
    const env = signPayload(sampleRecord(), masterKey.privateKey, 'kpps-6302142001001');
    const sah = sampleRecord().suara.sah;
    const text = JSON.stringify(env);
    const spelled = (n: string) => text.replace(`"sah":${sah},`, `"sah":${n},`);
    expect(spelled(`${sah}.0`)).not.toBe(text);
    for (const n of [`${sah}.0`, `${sah / 100}e2`]) {
      const json = parseJson(spelled(n));
      const r = json.ok && verifyCHasilEnvelope(json.value, { master: m, crypto: nodeCrypto });
      expect(r && r.ok && [r.value.record.suara.sah, r.value.sha256]).toEqual([
        sah,
        nodeCryptoHex(canonicalBytes(sampleRecord())),
      ]);
    }
    const half = parseJson(spelled(`${sah}.5`));
    const refused = half.ok && verifyCHasilEnvelope(half.value, { master: m, crypto: nodeCrypto });
    expect(refused && !refused.ok && refused.error.code).toBe('BAD_SIGNATURE');
    const unsigned = half.ok && parseCHasil((half.value as { payload: unknown }).payload, { master });
    expect(unsigned && !unsigned.ok && unsigned.error.code).toBe('NOT_INTEGER');
  });

  it('a payload outside the JSON data model (lone surrogate) is refused as not JSON, not as a bad signature', () => {
    const env = JSON.parse(JSON.stringify(signPayload(sampleRecord(), masterKey.privateKey, 'kpps-6302142001001')));
    env.payload.dibuat = '\ud800';
    const r = verifyCHasilEnvelope(env, { master: m, crypto: nodeCrypto });
    expect(!r.ok && r.error).toMatchObject({ code: 'INVALID_JSON', message: 'payload bukan data JSON yang sah' });
  });
});

describe('parseCHasil and its date check at the limits', () => {
  it('isIsoDateTimeWithOffset: each field at its limit passes, one past it fails', () => {
    const ok = [
      '2024-01-01T00:00:00Z',
      '2024-12-31T23:59:59Z',
      '2024-02-29T12:00:00.123456789+08:00',
      '2024-11-27T14:05:00+14:00',
      '2024-11-27T14:05:00-05:59',
    ];
    const bad = [
      '2024-00-10T00:00:00Z',
      '2024-13-10T00:00:00Z',
      '2024-01-00T00:00:00Z',
      '2024-04-31T00:00:00Z',
      '2024-01-01T24:00:00Z',
      '2024-01-01T00:60:00Z',
      '2024-01-01T00:00:60Z',
      '2024-11-27T14:05:00+15:00',
      '2024-11-27T14:05:00+08:60',
      '2024-11-27T14:05:00',
    ];
    for (const s of ok) expect(isIsoDateTimeWithOffset(s), s).toBe(true);
    for (const s of bad) expect(isIsoDateTimeWithOffset(s), s).toBe(false);
  });

  it('a payload of another format is named as such before its unknown fields; a missing format is a missing field', () => {
    const other = parseCHasil(
      mutated((x) => ((x.format = 'pleno.c-hasil/2'), (x.tambahan = 1))),
      { master },
    );
    expect(!other.ok && other.error).toMatchObject({ code: 'WRONG_FORMAT', path: 'format' });
    const missing = parseCHasil(
      mutated((x) => delete x.format),
      { master },
    );
    expect(!missing.ok && missing.error).toMatchObject({ code: 'MISSING_FIELD', path: 'format' });
  });

  it('names the pemilihan the master has when the record names another', () => {
    const r = parseCHasil(
      mutated((x) => (x.pemilihan = 'presiden')),
      { master },
    );
    expect(!r.ok && r.error.message).toBe(
      'pemilihan: pemilihan teks "presiden" tidak ada dalam data master (ada: gubernur, bupati)',
    );
  });

  it('takes up to 50 photos', () => {
    const foto = (n: number) => Array.from({ length: n }, (_, i) => ({ lembar: i + 1, sha256: 'b'.repeat(64) }));
    expect(
      parseCHasil(
        mutated((x) => (x.foto = foto(50))),
        { master },
      ).ok,
    ).toBe(true);
    const r = parseCHasil(
      mutated((x) => (x.foto = foto(51))),
      { master },
    );
    expect(!r.ok && r.error.message).toBe('foto: berisi lebih dari 50 foto');
  });

  it('checkDevice: a device added by decision under another id does not vouch for an unknown signer', () => {
    const rec = { ...sampleRecord(), perangkat: 'hp-baru' };
    const other = { id: 'hp-lain', tps: rec.tps, publicKey: master.perangkat[0]!.publicKey };
    const r = checkDevice(rec, 'hp-baru', master, [other]);
    expect(!r.ok && r.error).toMatchObject({
      code: 'UNKNOWN_DEVICE',
      message: 'signature.keyId: perangkat "hp-baru" tidak terdaftar',
    });
  });
});
