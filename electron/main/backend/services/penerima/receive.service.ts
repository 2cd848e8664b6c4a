// What the §4 receiver does with a push (docs/design.md §4.3), independent of how the bytes arrived (HTTP or an
// upload bundle, §4.4): take a manifest, store an object, commit and sign a receipt. Every answer is a status and a
// JSON body (or the exact bytes of a stored receipt); every write goes through the command unit.
import { ok, type Result } from '../../../../../shared/domain/result';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { formatFingerprint, parseEnvelope } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import {
  envelopeAddress,
  envelopeSize,
  parseManifest,
  verifyKeyed,
  type KirimManifest,
} from '../../../../../shared/formats/kirim';
import type { BackendContext } from '../../context';
import { nodeCrypto } from '../../crypto';
import { runCommand } from '../../db/command';
import {
  allOpenManifests,
  getManifest,
  getPpkBinding,
  hasObjek,
  insertManifest,
  insertObjek,
  lastConfirmed,
  noteUnknownKey,
  type ManifestRow,
} from '../../repositories/penerima.repo';
import { kecamatanMaster } from './kecamatan-masters';
import { verifyObjekWith } from './objek-verify';
import { kurangOf, type BlobHoldings } from './kurang';

export type Ctx = Pick<BackendContext, 'db' | 'clock' | 'dataDir'> &
  Partial<Pick<BackendContext, 'events' | 'log' | 'readOnly'>>;

export interface Answer {
  status: number;
  body: unknown;
  /** Exact bytes to send instead of JSON.stringify(body) (a stored receipt). */
  raw?: string;
}

const refuse = (status: number, masalah: string, extra: Record<string, unknown> = {}): Answer => ({
  status,
  body: { ...extra, masalah: [masalah] },
});

/** What the manifest must follow: the last confirmed manifest of its kecamatan and pemilihan (§4.2). */
function chainProblem(ctx: Ctx, m: KirimManifest): Answer | null {
  const last = lastConfirmed(ctx.db, m.kecamatan, m.pemilihan);
  const follows = last
    ? m.sebelumnya === last.address && m.urutan === last.urutan + 1 && m.audit.jumlah >= last.auditJumlah
    : m.urutan === 1 && m.sebelumnya === null;
  if (follows) return null;
  return { status: 409, body: { terakhir: last ? { urutan: last.urutan, manifest: last.address } : null } };
}

/** POST /v1/kirim: 400, 401 (key named), 403, 409 or 200 with what is still missing (§4.3). */
export function receiveManifest(ctx: Ctx, json: unknown, blobs: BlobHoldings): Answer {
  const env = parseEnvelope(json);
  if (!env.ok) return refuse(400, `Manifest tidak sah: ${env.error.message}`);
  const keyId = env.value.signature.keyId;
  const signer = verifyKeyed(env.value, nodeCrypto);
  if (!signer.ok) return refuse(401, `Tanda tangan manifest tidak sah: ${signer.error.message}`, { keyId });
  const parsed = parseManifest(env.value.payload);
  if (!parsed.ok) return refuse(400, `Manifest tidak sah: ${parsed.error.message}`);
  const m = parsed.value;
  const master = kecamatanMaster(ctx.db, m.kecamatan);
  const bound = getPpkBinding(ctx.db, signer.value.fingerprint);
  // The key registered is the whole key (§4.1): another key sharing its 64-bit fingerprint is not it.
  const binding = bound?.publicKey === signer.value.publicKey ? bound : undefined;
  if (!binding) {
    if (master && !bound) {
      const at = ctx.clock().toISOString();
      runCommand(ctx, (unit) => {
        noteUnknownKey(unit.db, { keyId, publicKey: signer.value.publicKey, kecamatan: m.kecamatan, createdAt: at });
        return ok(null);
      });
    }
    return refuse(401, `Kunci PPK ${formatFingerprint(keyId)} belum terdaftar di penerima ini.`, { keyId });
  }
  if (!master) return refuse(403, `Kecamatan ${m.kecamatan} tidak termasuk kab/kota penerima ini.`);
  if (binding.kecamatan !== m.kecamatan) {
    return refuse(403, `Kunci PPK ini terdaftar untuk kecamatan ${binding.kecamatan}, bukan ${m.kecamatan}.`);
  }
  if (!master.pemilihan.some((p) => p.id === m.pemilihan)) {
    return refuse(400, `Pemilihan "${m.pemilihan}" tidak ada di data master kecamatan ini.`);
  }
  const address = envelopeAddress(env.value, nodeCrypto);
  const held = getManifest(ctx.db, address);
  if (!held) {
    const chain = chainProblem(ctx, m);
    if (chain) return chain;
    runCommand(ctx, (unit) => {
      insertManifest(unit.db, {
        address,
        kecamatan: m.kecamatan,
        pemilihan: m.pemilihan,
        urutan: m.urutan,
        sebelumnya: m.sebelumnya,
        keyId: binding.keyId,
        auditJumlah: m.audit.jumlah,
        envelopeJson: canonicalize(env.value),
        createdAt: ctx.clock().toISOString(),
      });
      return ok(null);
    });
  }
  return { status: 200, body: { manifest: address, kurang: kurangOf(ctx.db, m, blobs) } };
}

export function manifestPayload(row: ManifestRow): KirimManifest {
  const env = parseEnvelope(JSON.parse(row.envelopeJson));
  const m = env.ok ? parseManifest(env.value.payload) : env;
  if (!m.ok) throw new Error(`stored manifest ${row.address} no longer parses`);
  return m.value;
}

/** The open manifest that lists an object address, with the listing. */
function listingOf(
  ctx: Ctx,
  address: string,
): { row: ManifestRow; manifest: KirimManifest; jenis: string; ukuran: number } | null {
  for (const row of allOpenManifests(ctx.db)) {
    const manifest = manifestPayload(row);
    const o = manifest.objek.find((x) => x.sha256 === address);
    if (o) return { row, manifest, jenis: o.jenis, ukuran: o.ukuran };
  }
  return null;
}

/** Verifies an object against its listing: a document under the PPK key, a C.Hasil under a device of its TPS. */
function verifyObjek(ctx: Ctx, json: unknown, l: NonNullable<ReturnType<typeof listingOf>>): Result<null> {
  const ppk = getPpkBinding(ctx.db, l.row.keyId)!;
  return verifyObjekWith(json, l.jenis, kecamatanMaster(ctx.db, l.manifest.kecamatan)!, ppk);
}

/**
 * An object of a `.pleno-kirim` bundle as the bundle-read worker checked it (bundle-import-read.ts): its canonical
 * text (it parsed and hashed to its address) and its signature's verdict under the listing of the bundle's manifest.
 */
export interface CheckedObjek {
  jcs: string;
  listed: { manifest: string; jenis: string; ukuran: number };
  verdict: Result<null>;
}

function objekAnswer(ctx: Ctx, address: string, jcs: string, jenis: string, v: Result<null>): Answer {
  if (!v.ok) return refuse(v.error.code === 'UNAUTHORIZED' ? 401 : 400, v.error.message);
  runCommand(ctx, (unit) => {
    insertObjek(unit.db, address, jenis, jcs, ctx.clock().toISOString());
    return ok(null);
  });
  return { status: 201, body: { objek: address } };
}

/** An object the worker already read and verified (bundle-import.service.ts): only the database checks remain. */
export function receiveCheckedObjek(ctx: Ctx, address: string, c: CheckedObjek): Answer {
  if (hasObjek(ctx.db, address)) return { status: 200, body: { objek: address } };
  if (Buffer.byteLength(c.jcs, 'utf8') !== c.listed.ukuran) {
    return refuse(400, 'Ukuran objek tidak sama dengan yang tercantum.');
  }
  return objekAnswer(ctx, address, c.jcs, c.listed.jenis, c.verdict);
}

/** PUT /v1/objek/<sha256>: 201 stored, 200 held, 400 mismatch/malformed/unlisted, 401 bad signature (§4.3). */
export function receiveObjek(ctx: Ctx, address: string, bytes: Uint8Array): Answer {
  const json = parseJson(bytes);
  if (!json.ok) return refuse(400, `Objek bukan JSON yang sah: ${json.error.message}`);
  if (envelopeAddress(json.value, nodeCrypto) !== address) {
    return refuse(400, 'Isi objek tidak sesuai dengan alamat (hash) yang dituju.');
  }
  if (hasObjek(ctx.db, address)) return { status: 200, body: { objek: address } };
  const l = listingOf(ctx, address);
  if (!l) return refuse(400, 'Objek ini tidak tercantum dalam manifest terbuka mana pun.');
  if (envelopeSize(json.value) !== l.ukuran) return refuse(400, 'Ukuran objek tidak sama dengan yang tercantum.');
  return objekAnswer(ctx, address, canonicalize(json.value), l.jenis, verifyObjek(ctx, json.value, l));
}
