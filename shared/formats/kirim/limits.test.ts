// The §4 parsers at their limits and on each branch of their refusals (issue 16, mutation testing): list sizes just
// at and just over each bound, the exact wording of a refusal where it depends on the case, each field a receipt
// must match, and inputs that are not envelopes at all. Real Ed25519 keys.
import { describe, expect, it } from 'vitest';
import { generateKeyPair, nodeCrypto, signPayload } from '../../../electron/main/backend/crypto';
import { fromBase64Url, toBase64Url } from '../bytes';
import {
  classifyKirimEntries,
  envelopeAddress,
  MANIFEST_MAX_ITEMS,
  parseKirimAnswer,
  parseKurangBody,
  parseManifest,
  parseMasalah,
  parseTandaTerima,
  verifyPenerimaCert,
  verifyTandaTerima,
  type KirimManifest,
  type TandaTerima,
} from './index';
import { verifyKeyedUnder } from './keyed';

const H = (c: string): string => c.repeat(64);
/** The i-th distinct lowercase SHA-256 text. */
const hash = (i: number): string => i.toString(16).padStart(64, '0');
const kpu = generateKeyPair();
const receiver = generateKeyPair();
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

const refusal = (r: { ok: boolean; error?: unknown }) => (r.ok ? null : r.error);

describe('manifest limits and wording', () => {
  it(`lists up to ${MANIFEST_MAX_ITEMS} objects and blobs, not one more`, () => {
    const objek = Array.from({ length: MANIFEST_MAX_ITEMS }, (_, i) => ({
      sha256: hash(i),
      jenis: 'c-hasil' as const,
      ukuran: 1,
    }));
    expect(parseManifest(manifest({ objek })).ok).toBe(true);
    const over = [...objek, { sha256: hash(MANIFEST_MAX_ITEMS), jenis: 'c-hasil' as const, ukuran: 1 }];
    expect(refusal(parseManifest(manifest({ objek: over })))).toMatchObject({
      code: 'BAD_VALUE',
      path: 'objek',
      message: `objek: terlalu banyak butir (lebih dari ${MANIFEST_MAX_ITEMS})`,
    });
    const berkas = objek.map((o) => ({ sha256: o.sha256, jenis: 'foto' as const, ukuran: 1, mime: 'image/jpeg' }));
    expect(parseManifest(manifest({ berkas })).ok).toBe(true);
    const tooMany = [
      ...berkas,
      { sha256: hash(MANIFEST_MAX_ITEMS), jenis: 'foto' as const, ukuran: 1, mime: 'image/png' },
    ];
    expect(refusal(parseManifest(manifest({ berkas: tooMany })))).toMatchObject({ code: 'BAD_VALUE', path: 'berkas' });
  });

  it('says which way sebelumnya is wrong', () => {
    expect(refusal(parseManifest(manifest({ urutan: 1 })))).toMatchObject({
      path: 'sebelumnya',
      message: 'sebelumnya: harus null untuk urutan 1',
    });
    expect(refusal(parseManifest(manifest({ urutan: 2, sebelumnya: null })))).toMatchObject({
      path: 'sebelumnya',
      message: 'sebelumnya: wajib diisi untuk urutan setelah 1',
    });
  });

  it('takes a pemilihan id only when the whole text is one', () => {
    for (const id of ['Bupati', 'bupati!', '-bupati', 'bupati ', 'b'.repeat(33)]) {
      expect(refusal(parseManifest(manifest({ pemilihan: id }))), id).toMatchObject({ path: 'pemilihan' });
    }
    for (const id of ['walikota', 'b', `b${'1'.repeat(31)}`, 'dpd-ri']) {
      expect(parseManifest(manifest({ pemilihan: id })).ok, id).toBe(true);
    }
  });

  it('names the allowed values of a closed list', () => {
    const objek = [{ sha256: H('c'), jenis: 'foto', ukuran: 1 }] as unknown as KirimManifest['objek'];
    expect(refusal(parseManifest(manifest({ objek })))).toMatchObject({
      code: 'BAD_VALUE',
      path: 'objek[0].jenis',
      message: 'objek[0].jenis: harus salah satu dari "d-hasil", "kejadian-khusus", "c-hasil", ditemukan teks "foto"',
    });
  });
});

describe('receiver answers at their limits', () => {
  it(`kurang lists up to ${MANIFEST_MAX_ITEMS} objects and blobs, not one more`, () => {
    const objek = Array.from({ length: MANIFEST_MAX_ITEMS }, (_, i) => hash(i));
    expect(parseKirimAnswer({ manifest: H('a'), kurang: { objek, berkas: [] } }).ok).toBe(true);
    expect(
      refusal(
        parseKirimAnswer({ manifest: H('a'), kurang: { objek: [...objek, hash(MANIFEST_MAX_ITEMS)], berkas: [] } }),
      ),
    ).toMatchObject({ code: 'BAD_VALUE', path: 'kurang.objek' });
    const berkas = objek.map((sha256) => ({ sha256, diterima: 0 }));
    expect(parseKurangBody({ objek: [], berkas }, 'kurang').berkas).toHaveLength(MANIFEST_MAX_ITEMS);
    expect(() =>
      parseKurangBody({ objek: [], berkas: [...berkas, { sha256: H('e'), diterima: 0 }] }, 'kurang'),
    ).toThrow(/kurang\.berkas: terlalu banyak butir/);
  });

  it('masalah holds up to 1000 reasons, not one more', () => {
    const masalah = Array.from({ length: 1000 }, (_, i) => `Masalah nomor ${i + 1}`);
    expect(parseMasalah({ masalah })).toEqual({ ok: true, value: masalah });
    expect(refusal(parseMasalah({ masalah: [...masalah, 'satu lagi'] }))).toMatchObject({
      code: 'BAD_VALUE',
      path: 'masalah',
    });
  });
});

describe('bundle entries', () => {
  it('refuses an object listed twice and says whether manifest.json is missing or doubled', () => {
    const twice = `objek/${H('c')}.json`;
    expect(refusal(classifyKirimEntries(['manifest.json', twice, twice]))).toMatchObject({
      code: 'BUNDLE_DUPLICATE_ENTRY',
      path: twice,
    });
    expect(refusal(classifyKirimEntries([`berkas/${H('d')}`]))).toMatchObject({ message: 'manifest.json tidak ada' });
    expect(refusal(classifyKirimEntries(['manifest.json', 'manifest.json']))).toMatchObject({
      message: 'manifest.json lebih dari satu',
    });
  });
});

describe('certificates', () => {
  const cert = (url: string) => ({
    format: 'pleno.penerima/1' as const,
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    url,
    publicKey: receiver.publicKey,
    dibuat: '2024-11-20T08:00:00+08:00',
  });

  it('takes a url of up to 2000 characters, and any kab/kota when none is asked for', () => {
    const base = 'https://pleno.example/';
    const longest = base + 'a'.repeat(2000 - base.length);
    expect(verifyPenerimaCert(keyed(cert(longest), kpu), kpu.publicKey, nodeCrypto)).toMatchObject({ ok: true });
    expect(refusal(verifyPenerimaCert(keyed(cert(`${longest}a`), kpu), kpu.publicKey, nodeCrypto))).toMatchObject({
      code: 'BAD_VALUE',
      path: 'url',
      message: 'url: terlalu panjang (lebih dari 2000 karakter)',
    });
  });

  it('refuses what is not an envelope, and a signed payload that is not a certificate, without throwing', () => {
    for (const json of [null, 'teks', {}, { payload: cert('https://x.example/') }]) {
      expect(verifyPenerimaCert(json, kpu.publicKey, nodeCrypto).ok).toBe(false);
    }
    const notCert = { ...cert('https://x.example/'), format: 'pleno.kirim/1' };
    expect(refusal(verifyPenerimaCert(keyed(notCert, kpu), kpu.publicKey, nodeCrypto))).toMatchObject({
      code: 'WRONG_FORMAT',
    });
  });
});

describe('receipts', () => {
  const m = manifest();
  const address = envelopeAddress(keyed(m, kpu), nodeCrypto);
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
  const verify = (json: unknown) => verifyTandaTerima(json, receiver.publicKey, { address, payload: m }, nodeCrypto);

  it.each([
    ['kecamatan', receipt({ kecamatan: '630215' })],
    ['pemilihan', receipt({ pemilihan: 'gubernur' })],
    ['audit', receipt({ audit: { jumlah: 412, kepala: H('e') } })],
  ])('is not delivery when %s differs', (path, payload) => {
    expect(refusal(verify(keyed(payload, receiver)))).toEqual({
      code: 'BAD_VALUE',
      path,
      message: `${path}: tanda terima ini untuk kiriman lain`,
    });
  });

  it('refuses what is not an envelope, and a signed payload that is not a receipt, without throwing', () => {
    for (const json of [null, 42, {}, { payload: receipt() }]) expect(verify(json).ok).toBe(false);
    const { berkasKurang: _b, ...missing } = receipt();
    expect(refusal(verify(keyed(missing, receiver)))).toMatchObject({ code: 'MISSING_FIELD', path: 'berkasKurang' });
    expect(parseTandaTerima({ ...receipt(), status: 'selesai' })).toMatchObject({
      ok: false,
      error: { message: 'status: harus salah satu dari "lengkap", "menunggu-berkas", ditemukan teks "selesai"' },
    });
  });
});

describe('keys compared byte for byte', () => {
  const kp = generateKeyPair();
  const env = keyed({ format: 'x', n: 1 }, kp);
  const raw = fromBase64Url(kp.publicKey);

  it('refuses an expected key that differs in its last byte only, or that carries one byte more', () => {
    const lastByte = Uint8Array.from(raw);
    lastByte[31] = lastByte[31]! ^ 1;
    expect(verifyKeyedUnder(env, toBase64Url(lastByte), nodeCrypto, 'kunci penerima').ok).toBe(false);
    const firstByte = Uint8Array.from(raw);
    firstByte[0] = firstByte[0]! ^ 0x80;
    expect(verifyKeyedUnder(env, toBase64Url(firstByte), nodeCrypto, 'kunci penerima').ok).toBe(false);
    const longer = new Uint8Array(33);
    longer.set(raw);
    expect(verifyKeyedUnder(env, toBase64Url(longer), nodeCrypto, 'kunci penerima').ok).toBe(false);
  });
});
