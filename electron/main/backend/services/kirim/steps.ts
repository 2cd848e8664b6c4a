// The single exchanges of a push (docs/design.md §4.3): post the manifest, put the missing objects, commit, upload
// the missing blobs. Each answers a Step the sender's loop acts on; no step retries by itself.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../../context';
import { runCommand } from '../../db/command';
import {
  getBerkas,
  getObjek,
  insertDitolak,
  insertTandaTerima,
  latestDitolak,
  latestTandaTerima,
  type ManifestRow,
  type PenerimaRow,
} from '../../repositories/kirim.repo';
import { nodeCrypto, sha256Hex } from '../../crypto';
import { ok, type Result } from '../../../../../shared/domain/result';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import {
  parseKirimAnswer,
  parseKurangBody,
  parseMasalah,
  parseTerakhir,
  verifyTandaTerima,
  type KirimKurang,
  type KirimManifest,
  type TandaTerima,
} from '../../../../../shared/formats/kirim';
import { inPool, sendJson, tusUpload } from './http';

export type Kurang = KirimKurang['kurang'];
export type Step = { kind: 'receipt'; status: TandaTerima['status'] } | { kind: 'retry' | 'ditolak'; reason: string };

/** What one push run needs: the database, the receiver, the limits, and where progress goes. */
export interface Run {
  ctx: Pick<BackendContext, 'db' | 'dataDir' | 'clock'>;
  penerima: PenerimaRow;
  chunkSize: number;
  parallel: number;
  timeoutMs: number;
  /** Photos are uploaded only when allowed ("foto lewat data seluler"); PDFs always. */
  foto: boolean;
  /** Bytes moved for a manifest (objects by their size, blobs as tus reports them). */
  progress: (manifest: string, bytes: number) => void;
  /** Manifests confirmed (menunggu-berkas) whose remaining blobs wait for photos to be allowed. */
  parked: Set<string>;
}

export function manifestOf(row: ManifestRow): SignedEnvelope<KirimManifest> {
  return JSON.parse(row.envelopeJson) as SignedEnvelope<KirimManifest>;
}

function describe(status: number, json: unknown, row: ManifestRow): string {
  if (status === 401) return `kunci PPK belum terdaftar di penerima (tunjukkan sidik jari kunci PPK kepada KPU)`;
  if (status === 403) return 'penerima menolak: kunci atau kecamatan ini bukan wilayahnya';
  if (status === 409) {
    const t = parseTerakhir(json);
    return t.ok && t.value
      ? `penerima mencatat kiriman terakhir urutan ${t.value.urutan}, kiriman ini urutan ${row.urutan}`
      : 'urutan kiriman tidak berurutan di penerima';
  }
  if (status === 400) return 'penerima menyatakan kiriman tidak sah';
  if (status >= 500) return 'penerima sedang bermasalah, dicoba lagi';
  return `jawaban penerima tidak dikenal (${status})`;
}

const at = (run: Run, p: string) => new URL(p, run.penerima.url).href;

/** POST /v1/kirim: what the receiver still lacks, or why not. */
export async function postManifest(run: Run, row: ManifestRow): Promise<Kurang | Step> {
  const a = await sendJson('POST', at(run, '/v1/kirim'), row.envelopeJson, run.timeoutMs);
  if (a.status !== 200) return { kind: 'retry', reason: describe(a.status, a.json, row) };
  const k = parseKirimAnswer(a.json);
  if (!k.ok || k.value.manifest !== row.sha256) return { kind: 'retry', reason: 'jawaban penerima tidak sah' };
  return k.value.kurang;
}

/** PUTs the objects the receiver lacks, the documents (the numbers of the kecamatan) before the C.Hasil they name. */
export async function putObjects(run: Run, row: ManifestRow, hashes: readonly string[]): Promise<Step | null> {
  let problem: Step | null = null;
  const rank = new Map(manifestOf(row).payload.objek.map((o) => [o.sha256, o.jenis === 'c-hasil' ? 1 : 0]));
  const ordered = [...hashes].sort((a, b) => (rank.get(a) ?? 1) - (rank.get(b) ?? 1));
  await inPool(ordered, run.parallel, async (sha) => {
    const objek = getObjek(run.ctx.db, sha);
    if (!objek) {
      problem = { kind: 'ditolak', reason: `penerima meminta objek yang tidak ada di kiriman ini` };
      return;
    }
    const a = await sendJson('PUT', at(run, `/v1/objek/${sha}`), objek.envelopeJson, run.timeoutMs);
    if (a.status !== 200 && a.status !== 201)
      problem ??= { kind: 'retry', reason: `objek ditolak penerima (${a.status})` };
    else run.progress(row.sha256, objek.ukuran);
  });
  return problem;
}

/** POST …/selesai: a verified receipt stored, or why not. */
export async function commit(run: Run, row: ManifestRow): Promise<Step | { kind: 'kurang'; kurang: Kurang }> {
  const a = await sendJson('POST', at(run, `/v1/kirim/${row.sha256}/selesai`), null, run.timeoutMs);
  if (a.status === 409) {
    try {
      return { kind: 'kurang', kurang: parseKurangBody((a.json as { kurang?: unknown })?.kurang, 'kurang') };
    } catch {
      return { kind: 'retry', reason: 'jawaban penerima tidak sah' };
    }
  }
  if (a.status === 422) {
    const m = parseMasalah(a.json);
    const masalah = m.ok && m.value.length > 0 ? m.value : ['isi kiriman tidak cocok'];
    storeDitolak(run.ctx, row, masalah);
    return { kind: 'ditolak', reason: ditolakReason(masalah) };
  }
  if (a.status !== 200 && a.status !== 201) return { kind: 'retry', reason: describe(a.status, a.json, row) };
  const stored = storeReceipt(run.ctx, run.penerima, row, a.json, 'online');
  if (!stored.ok) return { kind: 'retry', reason: `jawaban tanpa tanda terima yang sah (${stored.error.message})` };
  return { kind: 'receipt', status: stored.value.status };
}

export const ditolakReason = (masalah: readonly string[]) => `ditolak penerima: ${masalah.join('; ')}`;

/**
 * Stores the receiver's refusal (422) of `row`, audited, so it is shown after a restart; the same problems as the
 * last refusal stored for it add nothing (a refused push is tried again on each run).
 */
function storeDitolak(ctx: Pick<BackendContext, 'db' | 'clock'>, row: ManifestRow, masalah: string[]): void {
  // A database that cannot be written (read-only after damage) still shows the refusal for this run.
  runCommand(ctx, (unit) => {
    const last = latestDitolak(unit.db, row.sha256);
    if (!last || JSON.stringify(last.masalah) !== JSON.stringify(masalah))
      insertDitolak(unit.db, row.sha256, masalah, 'kirim', ctx.clock().toISOString());
    return ok(null);
  });
}

/** Verifies a receipt for `row` under the certificate's key and stores it (audited) unless already held. */
export function storeReceipt(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  penerima: PenerimaRow,
  row: ManifestRow,
  json: unknown,
  via: 'online' | 'berkas',
): Result<TandaTerima> {
  const v = verifyTandaTerima(
    json,
    penerima.publicKey,
    { address: row.sha256, payload: manifestOf(row).payload },
    nodeCrypto,
  );
  if (!v.ok) return { ok: false, error: { code: 'INVALID_INPUT', message: v.error.message } };
  const t = v.value;
  const text = JSON.stringify(json);
  return runCommand(ctx, (unit) => {
    const last = latestTandaTerima(unit.db, row.sha256);
    if (last && (last.status === 'lengkap' || last.status === t.status)) return ok(t);
    insertTandaTerima(
      unit.db,
      {
        manifestSha256: row.sha256,
        status: t.status,
        berkasKurang: t.berkasKurang,
        auditJumlah: t.audit.jumlah,
        auditKepala: t.audit.kepala,
        diterima: t.diterima,
        envelopeJson: text,
        via,
        storedAt: ctx.clock().toISOString(),
      },
      'kirim',
    );
    return ok(t);
  });
}

/** The blobs of `row` the receiver lacks, in §4.5 order (PDFs, then photos), photos only when allowed. */
export function blobsToSend(row: ManifestRow, kurang: Kurang, foto: boolean) {
  const listed = manifestOf(row).payload.berkas;
  const missing = new Map(kurang.berkas.map((b) => [b.sha256, b.diterima]));
  const pdf = listed.filter((b) => b.jenis === 'pdf' && missing.has(b.sha256));
  const photos = listed.filter((b) => b.jenis === 'foto' && missing.has(b.sha256));
  return { send: foto ? [...pdf, ...photos] : pdf, withheld: foto ? [] : photos, held: missing };
}

/** Uploads the blobs the receiver lacks (photos only when allowed). */
export async function uploadBlobs(run: Run, row: ManifestRow, kurang: Kurang): Promise<Step | null> {
  const { send, held } = blobsToSend(row, kurang, run.foto);
  let problem: Step | null = null;
  await inPool(send, run.parallel, async (b) => {
    const stored = getBerkas(run.ctx.db, b.sha256);
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(run.ctx.dataDir, stored?.lokasi ?? 'x'));
    } catch {
      problem ??= { kind: 'retry', reason: `berkas ${b.sha256.slice(0, 12)} tidak ada di folder data` };
      return;
    }
    if (sha256Hex(bytes) !== b.sha256) {
      problem ??= { kind: 'retry', reason: `berkas ${b.sha256.slice(0, 12)} di folder data telah berubah` };
      return;
    }
    let last = held.get(b.sha256) ?? 0;
    await tusUpload(run.penerima.url, b.sha256, bytes, {
      chunkSize: run.chunkSize,
      resume: last > 0,
      timeoutMs: run.timeoutMs,
      onProgress: (sent) => {
        // tus reports from the resumed offset on; count only what moved in this run
        if (sent > last) run.progress(row.sha256, sent - last);
        last = sent;
      },
    });
  });
  return problem;
}
