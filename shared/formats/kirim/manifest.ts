// `pleno.kirim/1` manifests (docs/design.md §4.2): strict parse of the payload, addresses and sizes of envelopes.
import { toHex } from '../bytes';
import { canonicalBytes } from '../canonical';
import type { Sha256Port } from '../envelope';
import { type ParseResult, runParser } from '../parse-result';
import { array, exactObject, fail, joinPath, pattern } from '../strict';
import { auditHead, count, oneOf, PUSH_KEYS, pushScope, sha256Hex, time } from './fields';
import type { BerkasJenis, KirimManifest, ManifestBerkas, ManifestObjek, ObjekJenis } from './types';

export const OBJEK_JENIS: readonly ObjekJenis[] = ['d-hasil', 'kejadian-khusus', 'c-hasil'];
export const BERKAS_JENIS: readonly BerkasJenis[] = ['pdf', 'foto'];
/** Most objects or blobs one manifest may list (a 600-TPS kecamatan lists ~600 records and ~1,800 photos). */
export const MANIFEST_MAX_ITEMS = 20_000;

const MIME = /^[a-z]+\/[a-z0-9][a-z0-9.+-]{0,63}$/;

/** sha256(JCS(value)) in lowercase hex: the address of an object or manifest envelope (§4.2). */
export function envelopeAddress(envelope: unknown, port: Sha256Port): string {
  return toHex(port.sha256(canonicalBytes(envelope)));
}

/** Byte length of JCS(envelope): `objek[].ukuran`. */
export function envelopeSize(envelope: unknown): number {
  return canonicalBytes(envelope).length;
}

function list<T>(v: unknown, path: string, item: (x: unknown, p: string) => T & { sha256: string }): T[] {
  const xs = array(v, path);
  if (xs.length > MANIFEST_MAX_ITEMS)
    fail('BAD_VALUE', path, `terlalu banyak butir (lebih dari ${MANIFEST_MAX_ITEMS})`);
  const seen = new Set<string>();
  return xs.map((x, i) => {
    const p = joinPath(path, i);
    const out = item(x, p);
    if (seen.has(out.sha256)) fail('DUPLICATE', joinPath(p, 'sha256'), 'alamat yang sama tercantum dua kali');
    seen.add(out.sha256);
    return out;
  });
}

function objek(v: unknown, p: string): ManifestObjek {
  const o = exactObject(v, p, ['sha256', 'jenis', 'ukuran']);
  return {
    sha256: sha256Hex(o.sha256, joinPath(p, 'sha256')),
    jenis: oneOf(o.jenis, joinPath(p, 'jenis'), OBJEK_JENIS),
    ukuran: count(o.ukuran, joinPath(p, 'ukuran')),
  };
}

function berkas(v: unknown, p: string): ManifestBerkas {
  const o = exactObject(v, p, ['sha256', 'jenis', 'ukuran', 'mime']);
  return {
    sha256: sha256Hex(o.sha256, joinPath(p, 'sha256')),
    jenis: oneOf(o.jenis, joinPath(p, 'jenis'), BERKAS_JENIS),
    ukuran: count(o.ukuran, joinPath(p, 'ukuran')),
    mime: pattern(o.mime, joinPath(p, 'mime'), MIME, 'jenis MIME (mis. "image/jpeg")'),
  };
}

/** Parses a manifest payload: exact key sets, codes, hashes, non-negative integers, no address listed twice. */
export function parseManifest(payload: unknown): ParseResult<KirimManifest> {
  return runParser(() => {
    const o = exactObject(payload, '', [...PUSH_KEYS, 'sebelumnya', 'audit', 'objek', 'berkas', 'dibuat']);
    const scope = pushScope(o, 'pleno.kirim/1');
    const urutan = count(o.urutan, 'urutan', 1);
    const sebelumnya = o.sebelumnya === null ? null : sha256Hex(o.sebelumnya, 'sebelumnya');
    if ((urutan === 1) !== (sebelumnya === null)) {
      fail(
        'BAD_VALUE',
        'sebelumnya',
        urutan === 1 ? 'harus null untuk urutan 1' : 'wajib diisi untuk urutan setelah 1',
      );
    }
    return {
      ...scope,
      urutan,
      sebelumnya,
      audit: auditHead(o.audit, 'audit'),
      objek: list(o.objek, 'objek', objek),
      berkas: list(o.berkas, 'berkas', berkas),
      dibuat: time(o.dibuat, 'dibuat'),
    };
  });
}
