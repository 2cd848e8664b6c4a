// Receiver (kab/kota) set-up (docs/design.md §4.1, §5): a receiver database from the data masters of its kecamatan
// (all signed by the one KPU key), the receiver key pair, the certificate, and PPK keys bound by a recorded decision.
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { fromBase64Url } from '../../../../../shared/formats/bytes';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { formatFingerprint, keyFingerprint } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import { verifyPenerimaCert } from '../../../../../shared/formats/kirim';
import type { BackendContext } from '../../context';
import { generateKeyPair, nodeCrypto } from '../../crypto';
import { runCommand } from '../../db/command';
import {
  getPenerima,
  getPenerimaMaster,
  getPpkBinding,
  insertPenerima,
  insertPenerimaMaster,
  insertPpkBinding,
  insertSertifikat,
  type PenerimaRow,
} from '../../repositories/penerima.repo';
import { previewMaster, type MasterPreview } from '../master/master.service';

type Ctx = Pick<BackendContext, 'db' | 'clock'> & Partial<Pick<BackendContext, 'events' | 'log'>>;

export interface PenerimaInitResult {
  kabkota: { kode: string; nama: string };
  /** base64url of the receiver's raw public key (for `pleno penerima sertifikat --kunci-publik`). */
  publicKey: string;
  fingerprint: string;
  added: string[];
  unchanged: string[];
}

export interface MasterInput {
  name: string;
  bytes: Uint8Array;
}

function previewAll(masters: readonly MasterInput[]): Result<MasterPreview[]> {
  const out: MasterPreview[] = [];
  for (const m of masters) {
    const p = previewMaster(m.bytes);
    if (!p.ok) return fail('INVALID_INPUT', `${m.name}: ${p.error.message}`);
    const first = out[0];
    if (first && p.value.signerPublicKey !== first.signerPublicKey) {
      return fail(
        'INVALID_INPUT',
        `${m.name}: ditandatangani kunci KPU lain (${p.value.fingerprint}), bukan ${first.fingerprint}`,
      );
    }
    if (first && p.value.kabkota.kode !== first.kabkota.kode) {
      return fail(
        'INVALID_INPUT',
        `${m.name}: data master kab/kota ${p.value.kabkota.nama}, bukan ${first.kabkota.nama}`,
      );
    }
    out.push(p.value);
  }
  if (out.length === 0) return fail('INVALID_INPUT', 'Tidak ada data master kecamatan yang diberikan.');
  return ok(out);
}

/** Creates the receiver (first call) and adds each kecamatan master; the same master again changes nothing. */
export function initPenerima(ctx: Ctx, masters: readonly MasterInput[], actor: string): Result<PenerimaInitResult> {
  const previews = previewAll(masters);
  if (!previews.ok) return previews;
  const first = previews.value[0]!;
  return runCommand(ctx, (unit) => {
    const at = ctx.clock().toISOString();
    let me = getPenerima(unit.db);
    if (me && me.kpuPublicKey !== first.signerPublicKey) {
      return fail(
        'CONFLICT',
        `Penerima ini memakai kunci KPU ${formatFingerprint(me.kpuKeyId)}, bukan ${first.fingerprint}.`,
      );
    }
    if (me && me.kabkotaKode !== first.kabkota.kode) {
      return fail('CONFLICT', `Penerima ini untuk ${me.kabkotaNama}, bukan ${first.kabkota.nama}.`);
    }
    if (!me) {
      const k = generateKeyPair();
      me = {
        provinsiKode: first.provinsi.kode,
        provinsiNama: first.provinsi.nama,
        kabkotaKode: first.kabkota.kode,
        kabkotaNama: first.kabkota.nama,
        kpuPublicKey: first.signerPublicKey,
        kpuKeyId: first.fingerprintRaw,
        keyId: k.fingerprint,
        publicKey: k.publicKey,
        privateKeyPkcs8: k.privateKey,
        simulasi: previews.value.some((p) => p.simulasi) ? 1 : 0,
        createdAt: at,
      } satisfies PenerimaRow;
      insertPenerima(unit.db, me, actor);
    }
    const added: string[] = [];
    const unchanged: string[] = [];
    for (const [i, p] of previews.value.entries()) {
      const held = getPenerimaMaster(unit.db, p.kecamatan.kode);
      if (held && held.sha256 === p.payloadSha256) {
        unchanged.push(p.kecamatan.kode);
        continue;
      }
      if (held)
        return fail('CONFLICT', `${masters[i]!.name}: data master lain untuk Kecamatan ${p.kecamatan.nama} sudah ada.`);
      const envelope = parseJson(masters[i]!.bytes);
      if (!envelope.ok) return fail('INVALID_INPUT', `${masters[i]!.name}: ${envelope.error.message}`);
      insertPenerimaMaster(
        unit.db,
        {
          kecamatan: p.kecamatan.kode,
          nama: p.kecamatan.nama,
          sha256: p.payloadSha256,
          envelopeJson: canonicalize(envelope.value),
          createdAt: at,
        },
        actor,
      );
      added.push(p.kecamatan.kode);
    }
    return ok({
      kabkota: { kode: me.kabkotaKode, nama: me.kabkotaNama },
      publicKey: me.publicKey,
      fingerprint: me.keyId,
      added,
      unchanged,
    });
  });
}

export function requirePenerima(ctx: Pick<BackendContext, 'db'>): Result<PenerimaRow> {
  const me = getPenerima(ctx.db);
  return me
    ? ok(me)
    : fail('NO_KECAMATAN', 'Basis data ini bukan penerima kab/kota. Buat dulu dengan "pleno penerima init".');
}

/** Installs a certificate: signed by this receiver's KPU key, for its kab/kota, naming this receiver's key. */
export function installSertifikat(ctx: Ctx, bytes: Uint8Array, actor: string): Result<{ url: string }> {
  const me = requirePenerima(ctx);
  if (!me.ok) return me;
  const json = parseJson(bytes);
  if (!json.ok) return fail('INVALID_INPUT', `Berkas sertifikat bukan JSON yang sah: ${json.error.message}`);
  const v = verifyPenerimaCert(json.value, me.value.kpuPublicKey, nodeCrypto, me.value.kabkotaKode);
  if (!v.ok) return fail('INVALID_INPUT', `Sertifikat ditolak: ${v.error.message}`);
  if (v.value.cert.publicKey !== me.value.publicKey) {
    return fail('INVALID_INPUT', 'Sertifikat ditolak: kunci di dalamnya bukan kunci penerima ini.');
  }
  return runCommand(ctx, (unit) => {
    insertSertifikat(unit.db, v.value.cert.url, canonicalize(json.value), ctx.clock().toISOString(), actor);
    return ok({ url: v.value.cert.url });
  });
}

export interface RegisterPpkInput {
  kecamatan: string;
  publicKey: string;
  alasan: string;
  actor: string;
}

/** Binds a PPK key to one kecamatan by a recorded decision; the same binding again is unchanged, never re-bound. */
export function registerPpkKey(
  ctx: Ctx,
  input: RegisterPpkInput,
): Result<{ fingerprint: string; status: 'baru' | 'sama' }> {
  const me = requirePenerima(ctx);
  if (!me.ok) return me;
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(input.publicKey);
  } catch {
    raw = new Uint8Array(0);
  }
  if (raw.length !== 32) return fail('INVALID_INPUT', 'Kunci publik PPK harus 32 byte dalam base64url.', 'kunciPublik');
  if (input.alasan.trim().length === 0) return fail('INVALID_INPUT', 'Alasan wajib diisi.', 'alasan');
  const keyId = keyFingerprint(raw, nodeCrypto);
  return runCommand(ctx, (unit): Result<{ fingerprint: string; status: 'baru' | 'sama' }> => {
    const master = getPenerimaMaster(unit.db, input.kecamatan);
    if (!master) return fail('NOT_FOUND', `Kecamatan ${input.kecamatan} tidak ada di data master penerima ini.`);
    const bound = getPpkBinding(unit.db, keyId);
    if (bound && bound.publicKey !== input.publicKey) {
      return fail('CONFLICT', `Kunci lain dengan sidik jari ${formatFingerprint(keyId)} sudah terdaftar.`);
    }
    if (bound && bound.kecamatan === input.kecamatan) return ok({ fingerprint: keyId, status: 'sama' as const });
    if (bound) {
      return fail(
        'CONFLICT',
        `Kunci ${formatFingerprint(keyId)} sudah terdaftar untuk kecamatan ${bound.kecamatan}; kunci tidak dapat dipindahkan.`,
      );
    }
    insertPpkBinding(unit.db, {
      keyId,
      publicKey: input.publicKey,
      kecamatan: input.kecamatan,
      alasan: input.alasan.trim(),
      actor: input.actor,
      createdAt: ctx.clock().toISOString(),
    });
    return ok({ fingerprint: keyId, status: 'baru' as const });
  });
}
