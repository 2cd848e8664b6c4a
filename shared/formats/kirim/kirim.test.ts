// The §4 formats against real Ed25519 keys: manifests, certificates, receipts, answers, bundle layout.
import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeCrypto, signPayload } from '../../../electron/main/backend/crypto';
import { canonicalBytes } from '../canonical';
import { toHex } from '../bytes';
import {
  classifyKirimEntries,
  envelopeAddress,
  envelopeSize,
  kirimBundleName,
  parseHello,
  parseKirimAnswer,
  parseKirimBundleName,
  parseManifest,
  parseMasalah,
  parseTandaTerima,
  parseTerakhir,
  receiptPathFor,
  verifyPenerimaCert,
  verifyTandaTerima,
  type KirimManifest,
  type TandaTerima,
} from './index';

const H = (c: string): string => c.repeat(64);
const kpu = generateKeyPair();
const receiver = generateKeyPair();
const other = generateKeyPair();
const keyed = <P>(payload: P, k: ReturnType<typeof generateKeyPair>) =>
  signPayload(payload, k.privateKey, k.fingerprint, { includePublicKey: true });

const manifest = (over: Partial<KirimManifest> = {}): KirimManifest => ({
  format: 'pleno.kirim/1',
  kecamatan: '630214',
  pemilihan: 'bupati',
  urutan: 2,
  sebelumnya: H('a'),
  audit: { jumlah: 412, kepala: H('b') },
  objek: [{ sha256: H('c'), jenis: 'd-hasil', ukuran: 51234 }],
  berkas: [{ sha256: H('d'), jenis: 'foto', ukuran: 180000, mime: 'image/jpeg' }],
  dibuat: '2024-11-29T10:00:00+08:00',
  ...over,
});

describe('parseManifest', () => {
  it('accepts the §4.2 shape, first and later', () => {
    expect(parseManifest(manifest())).toEqual({ ok: true, value: manifest() });
    const first = manifest({ urutan: 1, sebelumnya: null });
    expect(parseManifest(first)).toEqual({ ok: true, value: first });
  });

  it.each([
    ['extra field', { ...manifest(), extra: 1 }, 'extra', 'UNKNOWN_FIELD'],
    ['wrong format', manifest({ format: 'pleno.kirim/2' as 'pleno.kirim/1' }), 'format', 'WRONG_FORMAT'],
    ['kecamatan of 4 digits', manifest({ kecamatan: '6302' }), 'kecamatan', 'BAD_VALUE'],
    ['urutan 0', manifest({ urutan: 0 }), 'urutan', 'OUT_OF_RANGE'],
    ['urutan float', manifest({ urutan: 1.5 }), 'urutan', 'NOT_INTEGER'],
    ['first with sebelumnya', manifest({ urutan: 1 }), 'sebelumnya', 'BAD_VALUE'],
    ['later without sebelumnya', manifest({ sebelumnya: null }), 'sebelumnya', 'BAD_VALUE'],
    ['uppercase hash', manifest({ sebelumnya: H('A') }), 'sebelumnya', 'BAD_VALUE'],
    ['negative audit count', manifest({ audit: { jumlah: -1, kepala: H('b') } }), 'audit.jumlah', 'OUT_OF_RANGE'],
    [
      'unknown objek jenis',
      manifest({ objek: [{ sha256: H('c'), jenis: 'foto' as 'c-hasil', ukuran: 1 }] }),
      'objek[0].jenis',
      'BAD_VALUE',
    ],
    [
      'address listed twice',
      manifest({
        objek: [
          { sha256: H('c'), jenis: 'c-hasil', ukuran: 1 },
          { sha256: H('c'), jenis: 'c-hasil', ukuran: 1 },
        ],
      }),
      'objek[1].sha256',
      'DUPLICATE',
    ],
    [
      'path-like blob hash',
      manifest({ berkas: [{ sha256: '../../etc/passwd', jenis: 'foto', ukuran: 1, mime: 'image/jpeg' }] }),
      'berkas[0].sha256',
      'BAD_VALUE',
    ],
    [
      'bad mime',
      manifest({ berkas: [{ sha256: H('d'), jenis: 'pdf', ukuran: 1, mime: 'pdf' }] }),
      'berkas[0].mime',
      'BAD_VALUE',
    ],
    ['time without offset', manifest({ dibuat: '2024-11-29T10:00:00' }), 'dibuat', 'BAD_VALUE'],
  ])('refuses %s, naming the field', (_label, value, path, code) => {
    const r = parseManifest(value);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.path).toBe(path);
      expect(r.error.message.startsWith(`${path}: `)).toBe(true);
    }
  });

  it('addresses an envelope by sha256(JCS) and sizes it by JCS length, whatever its key order', () => {
    const env = keyed(manifest(), other);
    const reordered = JSON.parse(JSON.stringify({ signature: env.signature, payload: env.payload }));
    const jcs = canonicalBytes(env);
    expect(envelopeAddress(env, nodeCrypto)).toBe(toHex(nodeCrypto.sha256(jcs)));
    expect(envelopeAddress(reordered, nodeCrypto)).toBe(envelopeAddress(env, nodeCrypto));
    expect(envelopeSize(env)).toBe(jcs.length);
  });
});

const cert = {
  format: 'pleno.penerima/1',
  kabkota: { kode: '6302', nama: 'Kotabaru' },
  url: 'https://pleno.kpu-kotabaru.example/v1',
  publicKey: receiver.publicKey,
  dibuat: '2024-11-20T08:00:00+08:00',
};

describe('verifyPenerimaCert', () => {
  it('accepts a certificate signed by the master signer, for its kab/kota', () => {
    const r = verifyPenerimaCert(keyed(cert, kpu), kpu.publicKey, nodeCrypto, '6302');
    expect(r).toEqual({ ok: true, value: { cert, signer: kpu.fingerprint } });
  });

  it('refuses one signed by another key, even a well-formed self-signed one', () => {
    const r = verifyPenerimaCert(keyed(cert, other), kpu.publicKey, nodeCrypto);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('bukan kunci KPU');
  });

  it('refuses a tampered payload, a keyId that is not the fingerprint, another kab/kota, a bad url', () => {
    const env = keyed(cert, kpu);
    const tampered = { ...env, payload: { ...cert, url: 'https://evil.example' } };
    expect(verifyPenerimaCert(tampered, kpu.publicKey, nodeCrypto).ok).toBe(false);
    const wrongId = { ...env, signature: { ...env.signature, keyId: 'kpu' } };
    const r2 = verifyPenerimaCert(wrongId, kpu.publicKey, nodeCrypto);
    expect(!r2.ok && r2.error.code).toBe('BAD_KEY_ID');
    const r3 = verifyPenerimaCert(env, kpu.publicKey, nodeCrypto, '6303');
    expect(!r3.ok && r3.error.path).toBe('kabkota.kode');
    const r4 = verifyPenerimaCert(keyed({ ...cert, url: 'ftp://x' }, kpu), kpu.publicKey, nodeCrypto);
    expect(!r4.ok && r4.error.path).toBe('url');
  });
});

describe('verifyTandaTerima', () => {
  const m = manifest();
  const address = envelopeAddress(keyed(m, other), nodeCrypto);
  const receipt = (over: Partial<TandaTerima> = {}): TandaTerima => ({
    format: 'pleno.tanda-terima/1',
    kecamatan: m.kecamatan,
    pemilihan: m.pemilihan,
    urutan: m.urutan,
    manifest: address,
    audit: m.audit,
    status: 'lengkap',
    berkasKurang: 0,
    diterima: '2024-11-29T10:05:00+08:00',
    ...over,
  });

  it('accepts a receipt under the receiver key naming exactly that manifest', () => {
    const r = verifyTandaTerima(keyed(receipt(), receiver), receiver.publicKey, { address, payload: m }, nodeCrypto);
    expect(r).toEqual({ ok: true, value: receipt() });
    const waiting = receipt({ status: 'menunggu-berkas', berkasKurang: 3 });
    expect(
      verifyTandaTerima(keyed(waiting, receiver), receiver.publicKey, { address, payload: m }, nodeCrypto).ok,
    ).toBe(true);
  });

  it.each([
    ['another manifest', receipt({ manifest: H('e') }), 'manifest'],
    ['another urutan', receipt({ urutan: 3 }), 'urutan'],
    ['another audit head', receipt({ audit: { jumlah: 411, kepala: H('b') } }), 'audit'],
    ['lengkap with blobs missing', receipt({ berkasKurang: 1 }), 'berkasKurang'],
  ])('is not delivery: %s', (_label, payload, path) => {
    const r = verifyTandaTerima(keyed(payload, receiver), receiver.publicKey, { address, payload: m }, nodeCrypto);
    expect(!r.ok && r.error.path).toBe(path);
  });

  it('is not delivery when signed by any other key', () => {
    const r = verifyTandaTerima(keyed(receipt(), other), receiver.publicKey, { address, payload: m }, nodeCrypto);
    expect(r.ok).toBe(false);
    expect(parseTandaTerima({ ...receipt(), status: 'selesai' }).ok).toBe(false);
  });
});

describe('receiver answers', () => {
  it('parses hello, kurang, terakhir and masalah; refuses odd shapes', () => {
    expect(parseHello({ kabkota: '6302', format: 'pleno.kirim/1', sertifikat: {} }).ok).toBe(true);
    expect(parseHello({ kabkota: '6302', format: 'pleno.lan/1', sertifikat: {} }).ok).toBe(false);
    const answer = { manifest: H('a'), kurang: { objek: [H('c')], berkas: [{ sha256: H('d'), diterima: 65536 }] } };
    expect(parseKirimAnswer(answer)).toEqual({ ok: true, value: answer });
    expect(parseKirimAnswer({ ...answer, kurang: { objek: ['x'], berkas: [] } }).ok).toBe(false);
    expect(parseTerakhir({ terakhir: { urutan: 2, manifest: H('f') } })).toEqual({
      ok: true,
      value: { urutan: 2, manifest: H('f') },
    });
    expect(parseTerakhir({ terakhir: null })).toEqual({ ok: true, value: null });
    expect(parseMasalah({ masalah: ['Jumlah desa Hampang tidak sama dengan jumlah TPS-nya'] }).ok).toBe(true);
    expect(parseMasalah({ masalah: [''] }).ok).toBe(false);
  });
});

describe('upload bundle layout', () => {
  it('names bundles and receipts, and reads the name back', () => {
    expect(kirimBundleName('630214', 'bupati', 3)).toBe('630214-bupati-3.pleno-kirim');
    expect(parseKirimBundleName('630214-bupati-3.pleno-kirim')).toEqual({
      kecamatan: '630214',
      pemilihan: 'bupati',
      urutan: 3,
    });
    expect(parseKirimBundleName('630214-bupati-0.pleno-kirim')).toBeNull();
    expect(parseKirimBundleName('../630214-bupati-3.pleno-kirim')).toBeNull();
    expect(receiptPathFor(H('a'))).toBe(`tanda-terima/${H('a')}.json`);
  });

  it('classifies entries and refuses extra, traversal, duplicate or missing-manifest archives', () => {
    const ok = classifyKirimEntries(['manifest.json', `objek/${H('c')}.json`, `berkas/${H('d')}`]);
    expect(ok.ok && [...ok.value.objek.keys()]).toEqual([H('c')]);
    expect(ok.ok && [...ok.value.berkas.keys()]).toEqual([H('d')]);
    const bad: [string[], string][] = [
      [['manifest.json', 'readme.txt'], 'BUNDLE_BAD_ENTRY'],
      [['manifest.json', `objek/../${H('c')}.json`], 'BUNDLE_BAD_ENTRY'],
      [['manifest.json', `/berkas/${H('d')}`], 'BUNDLE_BAD_ENTRY'],
      [['manifest.json', `berkas/${H('d')}`, `berkas/${H('d')}`], 'BUNDLE_DUPLICATE_ENTRY'],
      [[`objek/${H('c')}.json`], 'BUNDLE_BAD_ENTRY'],
      [['manifest.json', 'manifest.json'], 'BUNDLE_BAD_ENTRY'],
    ];
    for (const [names, code] of bad) {
      const r = classifyKirimEntries(names);
      expect(!r.ok && r.error.code).toBe(code);
    }
  });
});
