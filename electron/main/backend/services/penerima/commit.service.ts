// POST /v1/kirim/<manifest>/selesai (docs/design.md §4.3): when every listed object is held, check that the pushed
// documents add up to their signed sources, then sign a receipt `pleno.tanda-terima/1` — 201 when it is created or
// upgraded (menunggu-berkas → lengkap), 200 with the very same bytes when nothing changed; 409 with what is missing;
// 422 with the masalah. The receipt and the state it witnesses commit together.
import { checkPushedDHasil, type HeldRecord } from '../../../../../shared/domain/push-checks';
import { ok } from '../../../../../shared/domain/result';
import { parseCHasil } from '../../../../../shared/formats/c-hasil';
import { parseEnvelope, payloadHash } from '../../../../../shared/formats/envelope';
import type { KirimManifest, TandaTerima } from '../../../../../shared/formats/kirim';
import { nodeCrypto, signPayload } from '../../crypto';
import { runCommand } from '../../db/command';
import {
  getManifest,
  getObjekJcs,
  getPenerima,
  insertReceipt,
  lastConfirmed,
  latestReceipt,
  type ManifestRow,
} from '../../repositories/penerima.repo';
import { insertDitolak } from '../../repositories/penerima-ditolak.repo';
import { kecamatanMaster } from './kecamatan-masters';
import { kurangOf, type BlobHoldings } from './kurang';
import { manifestPayload, type Answer, type Ctx } from './receive.service';

function heldRecords(ctx: Ctx, m: KirimManifest): Map<string, HeldRecord> {
  const master = kecamatanMaster(ctx.db, m.kecamatan)!;
  const out = new Map<string, HeldRecord>();
  for (const o of m.objek.filter((x) => x.jenis === 'c-hasil')) {
    const env = parseEnvelope(JSON.parse(getObjekJcs(ctx.db, o.sha256)!));
    if (!env.ok) continue;
    const rec = parseCHasil(env.value.payload, { master });
    if (!rec.ok) continue;
    const { pemilih, pengguna, disabilitas, suratSuara, suara } = rec.value;
    out.set(payloadHash(env.value.payload, nodeCrypto), {
      tps: rec.value.tps,
      counts: { pemilih, pengguna, disabilitas, suratSuara, suara },
    });
  }
  return out;
}

/** The masalah of a manifest's documents (signatures were checked when each object was stored). */
function masalahOf(ctx: Ctx, m: KirimManifest): string[] {
  const master = kecamatanMaster(ctx.db, m.kecamatan)!;
  const pilihan = master.pemilihan.find((p) => p.id === m.pemilihan)!.pilihan.length;
  const held = heldRecords(ctx, m);
  const out: string[] = [];
  for (const o of m.objek.filter((x) => x.jenis === 'd-hasil')) {
    const env = parseEnvelope(JSON.parse(getObjekJcs(ctx.db, o.sha256)!));
    if (!env.ok) out.push('Dokumen D.Hasil tidak dapat dibaca.');
    else
      out.push(
        ...checkPushedDHasil(env.value.payload, { kecamatan: m.kecamatan, pemilihan: m.pemilihan, pilihan }, held),
      );
  }
  if (!m.objek.some((x) => x.jenis === 'd-hasil')) out.push('Kiriman ini tidak memuat data D.Hasil.');
  return out;
}

function signReceipt(ctx: Ctx, row: ManifestRow, m: KirimManifest, kurang: number): string {
  const me = getPenerima(ctx.db)!;
  const payload: TandaTerima = {
    format: 'pleno.tanda-terima/1',
    kecamatan: m.kecamatan,
    pemilihan: m.pemilihan,
    urutan: m.urutan,
    manifest: row.address,
    audit: m.audit,
    status: kurang === 0 ? 'lengkap' : 'menunggu-berkas',
    berkasKurang: kurang,
    diterima: ctx.clock().toISOString(),
  };
  return JSON.stringify(signPayload(payload, me.privateKeyPkcs8, me.keyId, { includePublicKey: true }));
}

/** Records a refusal for the dashboard ("ditolak" with its masalah); the push itself stays as it was. */
export function recordDitolak(
  ctx: Ctx,
  address: string,
  m: KirimManifest,
  masalah: string[],
  jalur: 'online' | 'berkas',
): void {
  runCommand(ctx, (unit) => {
    const at = ctx.clock().toISOString();
    const { kecamatan, pemilihan, urutan } = m;
    insertDitolak(unit.db, { manifest: address, kecamatan, pemilihan, urutan, jalur, masalah, createdAt: at });
    return ok(null);
  });
}

export function commitManifest(ctx: Ctx, address: string, blobs: BlobHoldings): Answer {
  const row = getManifest(ctx.db, address);
  if (!row) return { status: 404, body: { masalah: ['Manifest ini belum diterima; kirim manifestnya lebih dulu.'] } };
  const m = manifestPayload(row);
  const kurang = kurangOf(ctx.db, m, blobs);
  if (kurang.objek.length > 0) return { status: 409, body: { kurang } };
  const latest = latestReceipt(ctx.db, address);
  if (latest?.status === 'lengkap' || (latest && kurang.berkas.length > 0)) {
    return { status: 200, body: null, raw: latest.receiptJson };
  }
  if (!latest) {
    const last = lastConfirmed(ctx.db, m.kecamatan, m.pemilihan);
    const follows = last ? m.sebelumnya === last.address : m.sebelumnya === null;
    if (!follows)
      return { status: 409, body: { terakhir: last ? { urutan: last.urutan, manifest: last.address } : null } };
    const masalah = masalahOf(ctx, m);
    if (masalah.length > 0) {
      recordDitolak(ctx, address, m, masalah, 'online');
      return { status: 422, body: { masalah } };
    }
  }
  const receiptJson = signReceipt(ctx, row, m, kurang.berkas.length);
  runCommand(ctx, (unit) => {
    insertReceipt(unit.db, {
      manifest: address,
      status: kurang.berkas.length === 0 ? 'lengkap' : 'menunggu-berkas',
      berkasKurang: kurang.berkas.length,
      receiptJson,
      createdAt: ctx.clock().toISOString(),
    });
    return ok(null);
  });
  return { status: 201, body: null, raw: receiptJson };
}
