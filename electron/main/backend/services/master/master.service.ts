// Data master import (docs/design.md §3.6): preview (verify the self-signed envelope, strict parse, signer fingerprint
// for the PPK to confirm), then create the kecamatan in one command (db/command.ts) with audit entries and the PPK key.
// A database holds one master: the same master again is an idempotent OK, a different one is refused.
import type { BackendContext } from '../../context';
import type { DataMaster, PemilihanId, Wilayah } from '../../../../../shared/domain/model';
import { jsonProblem, parseJson } from '../../../../../shared/formats/json';
import {
  formatFingerprint,
  parseEnvelope,
  payloadHash,
  verifySelfSigned,
} from '../../../../../shared/formats/envelope';
import { parseMaster } from '../../../../../shared/formats/master';
import { toBase64Url, utf8Decode } from '../../../../../shared/formats/bytes';
import { nodeCrypto } from '../../crypto';
import { getMasterRecord, getMeta, insertMasterData, isSimulasiMaster } from '../../repositories/master.repo';
import { ensurePpkKey } from '../keys/ppk-key';
import { fail, ok } from '../../../../../shared/domain/result';
import { runCommand } from '../../db/command';

/** Masters of the largest kabupaten are a few MB; anything beyond this is not a master. */
export const MAX_MASTER_BYTES = 20 * 1024 * 1024;

export interface MasterPreview {
  /** 16 hex grouped by 4: `a1b2 c3d4 e5f6 0718`. */
  fingerprint: string;
  /** 16 hex, ungrouped. */
  fingerprintRaw: string;
  provinsi: Wilayah;
  kabkota: Wilayah;
  kecamatan: Wilayah;
  desa: number;
  tps: number;
  pemilihan: { id: PemilihanId; nama: string }[];
  perangkat: number;
  simulasi: boolean;
  payloadSha256: string;
  signerPublicKey: string;
  master: DataMaster;
}

export type MasterError = { code: 'INVALID_INPUT' | 'CONFLICT'; message: string; english: string; detail?: string };
export type MasterResult<T> = { ok: true; value: T } | { ok: false; error: MasterError };

const bad = (message: string, english: string, detail?: string): { ok: false; error: MasterError } => ({
  ok: false,
  error:
    detail === undefined
      ? { code: 'INVALID_INPUT', message, english }
      : { code: 'INVALID_INPUT', message, english, detail },
});

/** Normalises a typed fingerprint: spaces, dashes and case do not matter. */
export function normaliseFingerprint(s: string): string {
  return s.replace(/[\s-]/g, '').toLowerCase();
}

export function previewMaster(bytes: Uint8Array): MasterResult<MasterPreview> {
  if (bytes.length > MAX_MASTER_BYTES) {
    return bad(
      `Berkas terlalu besar untuk data master (${bytes.length} byte, batas ${MAX_MASTER_BYTES}).`,
      'file too large for a data master',
    );
  }
  const json = parseJson(bytes);
  if (!json.ok)
    return bad(`Berkas bukan JSON yang sah: ${jsonProblem(json.error.message)}.`, 'not valid JSON', json.error.path);
  const env = parseEnvelope(json.value);
  if (!env.ok)
    return bad(
      `Berkas bukan data master bertanda tangan: ${env.error.message}`,
      'not a signed envelope',
      env.error.path,
    );
  const signer = verifySelfSigned(env.value, nodeCrypto);
  if (!signer.ok) {
    return bad(
      `Tanda tangan data master tidak sah: ${signer.error.message}`,
      `bad master signature (${signer.error.code})`,
      signer.error.path,
    );
  }
  const master = parseMaster(env.value.payload);
  if (!master.ok)
    return bad(
      `Isi data master tidak sah: ${master.error.message}`,
      `malformed master (${master.error.code})`,
      master.error.path,
    );
  const m = master.value;
  return {
    ok: true,
    value: {
      fingerprint: formatFingerprint(signer.value.fingerprint),
      fingerprintRaw: signer.value.fingerprint,
      provinsi: m.provinsi,
      kabkota: m.kabkota,
      kecamatan: m.kecamatan,
      desa: m.desa.length,
      tps: m.desa.reduce((n, d) => n + d.tps.length, 0),
      pemilihan: m.pemilihan.map((p) => ({ id: p.id, nama: p.nama })),
      perangkat: m.perangkat.length,
      simulasi: isSimulasiMaster(m),
      payloadSha256: payloadHash(env.value.payload, nodeCrypto),
      signerPublicKey: toBase64Url(signer.value.publicKey),
      master: m,
    },
  };
}

export interface ImportMasterResult {
  /** 'created': the kecamatan was created; 'same': this exact master was already imported (nothing changed). */
  status: 'created' | 'same';
  kecamatan: Wilayah;
  fingerprint: string;
  simulasi: boolean;
}

export function importMaster(
  ctx: BackendContext,
  bytes: Uint8Array,
  opts: { fileName?: string; confirmFingerprint?: string; actor?: string } = {},
): MasterResult<ImportMasterResult> {
  const p = previewMaster(bytes);
  if (!p.ok) return p;
  const pv = p.value;
  if (opts.confirmFingerprint !== undefined && normaliseFingerprint(opts.confirmFingerprint) !== pv.fingerprintRaw) {
    return bad(
      `Sidik jari penanda tangan tidak cocok: berkas ditandatangani ${pv.fingerprint}, yang dikonfirmasi ${opts.confirmFingerprint}. Data master tidak diimpor.`,
      'signer fingerprint does not match the confirmed one',
    );
  }
  const at = ctx.clock().toISOString();
  const actor = opts.actor ?? 'sistem';
  const done = runCommand(ctx, (unit) => {
    const existing = getMasterRecord(unit.db);
    if (existing) {
      if (existing.payloadSha256 === pv.payloadSha256) return ok('same' as const);
      const meta = getMeta(unit.db)!;
      return fail(
        'CONFLICT',
        `Basis data ini sudah berisi data master Kecamatan ${meta.kecamatanNama} (${meta.kecamatanKode}, ` +
          `penanda tangan ${formatFingerprint(existing.signerFingerprint)}). Data master lain tidak dapat diimpor ke basis data ` +
          `yang sama; buat basis data baru untuk data master ini.`,
      );
    }
    insertMasterData(
      unit.db,
      {
        master: pv.master,
        envelopeJson: utf8Decode(bytes),
        payloadSha256: pv.payloadSha256,
        signerPublicKey: pv.signerPublicKey,
        signerFingerprint: pv.fingerprintRaw,
        fileName: opts.fileName ?? 'master.json',
      },
      { actor, at },
    );
    ensurePpkKey(unit.db, at, actor);
    unit.emit({ type: 'kecamatan-changed' });
    return ok('created' as const);
  });
  if (!done.ok) {
    const english = 'the database already holds a different data master; refused';
    return { ok: false, error: { code: 'CONFLICT', message: done.error.message, english } };
  }
  if (done.value === 'created') {
    ctx.log.info('data master imported', { kecamatan: pv.kecamatan.kode, fingerprint: pv.fingerprintRaw });
  }
  const { kecamatan, fingerprint, simulasi } = pv;
  return { ok: true, value: { status: done.value, kecamatan, fingerprint, simulasi } };
}
