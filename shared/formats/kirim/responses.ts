// The JSON bodies a §4 receiver answers with (docs/design.md §4.3), parsed strictly on the client side.
import { type ParseResult, runParser } from '../parse-result';
import { array, exactObject, fail, joinPath, literal, text } from '../strict';
import { count, kode, sha256Hex } from './fields';
import { MANIFEST_MAX_ITEMS } from './manifest';
import type { KirimHello, KirimKurang } from './types';

/** `GET /v1/hello`: `{ kabkota, format: "pleno.kirim/1", sertifikat }` (the certificate is verified separately). */
export function parseHello(json: unknown): ParseResult<KirimHello> {
  return runParser(() => {
    const o = exactObject(json, '', ['kabkota', 'format', 'sertifikat']);
    return {
      kabkota: kode(o.kabkota, 'kabkota', 4),
      format: literal(o.format, 'format', 'pleno.kirim/1', 'WRONG_FORMAT'),
      sertifikat: o.sertifikat,
    };
  });
}

function hashes(v: unknown, path: string): string[] {
  const xs = array(v, path);
  if (xs.length > MANIFEST_MAX_ITEMS) fail('BAD_VALUE', path, 'terlalu banyak butir');
  return xs.map((x, i) => sha256Hex(x, joinPath(path, i)));
}

/** The `kurang` object of `POST /v1/kirim` 200 and of a commit's 409. */
export function parseKurangBody(v: unknown, path: string): KirimKurang['kurang'] {
  const k = exactObject(v, path, ['objek', 'berkas']);
  const berkas = array(k.berkas, joinPath(path, 'berkas'));
  if (berkas.length > MANIFEST_MAX_ITEMS) fail('BAD_VALUE', joinPath(path, 'berkas'), 'terlalu banyak butir');
  return {
    objek: hashes(k.objek, joinPath(path, 'objek')),
    berkas: berkas.map((b, i) => {
      const p = joinPath(joinPath(path, 'berkas'), i);
      const o = exactObject(b, p, ['sha256', 'diterima']);
      return {
        sha256: sha256Hex(o.sha256, joinPath(p, 'sha256')),
        diterima: count(o.diterima, joinPath(p, 'diterima')),
      };
    }),
  };
}

/** `POST /v1/kirim` → 200 `{ manifest, kurang }`. */
export function parseKirimAnswer(json: unknown): ParseResult<KirimKurang> {
  return runParser(() => {
    const o = exactObject(json, '', ['manifest', 'kurang']);
    return { manifest: sha256Hex(o.manifest, 'manifest'), kurang: parseKurangBody(o.kurang, 'kurang') };
  });
}

/** `POST /v1/kirim` → 409 `{ terakhir: { urutan, manifest } }`, or `{ terakhir: null }` when none is confirmed yet. */
export function parseTerakhir(json: unknown): ParseResult<{ urutan: number; manifest: string } | null> {
  return runParser(() => {
    const o = exactObject(json, '', ['terakhir']);
    if (o.terakhir === null) return null;
    const t = exactObject(o.terakhir, 'terakhir', ['urutan', 'manifest']);
    return { urutan: count(t.urutan, 'terakhir.urutan'), manifest: sha256Hex(t.manifest, 'terakhir.manifest') };
  });
}

/** A commit's 422 `{ masalah: ["…"] }`: the receiver's reasons, in Bahasa Indonesia, shown as they are. */
export function parseMasalah(json: unknown): ParseResult<string[]> {
  return runParser(() => {
    const o = exactObject(json, '', ['masalah']);
    const xs = array(o.masalah, 'masalah');
    if (xs.length > 1000) fail('BAD_VALUE', 'masalah', 'terlalu banyak butir');
    return xs.map((x, i) => text(x, joinPath('masalah', i), 2000));
  });
}
