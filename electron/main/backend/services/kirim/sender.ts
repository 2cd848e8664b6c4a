// The sender (docs/design.md §4.5): works through the outbox in order, per pemilihan by urutan — manifest, missing
// objects, commit as soon as the objects are in (the kabupaten has the numbers before any photo), then PDFs, then
// photos by tus, then commit again for `lengkap`. At most two requests at a time; exponential backoff with jitter up
// to 30 minutes; a 2xx without a valid receipt is not delivery; each receipt is verified and stored audited.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../../context';
import { runCommand } from '../../db/command';
import {
  currentPenerima,
  getBerkas,
  getObjek,
  insertTandaTerima,
  latestTandaTerima,
  listManifests,
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
import { inPool, LinkError, sendJson, tusUpload } from './http';

export interface KirimOptions {
  pemilihan?: string;
  /** Stop retrying after this long (ms); `pleno kirim --batas` (default 300 s). */
  batasMs: number;
  /** First backoff delay (ms); doubles per failed round up to `maxDelayMs` (30 min), with jitter. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** tus chunk size (bytes). */
  chunkSize?: number;
  /** Requests at once (§4.5: at most two). */
  parallel?: number;
  onEvent?: (e: { manifest: string; stage: string; detail?: string }) => void;
}

export interface ManifestOutcome {
  kecamatan: string;
  pemilihan: string;
  urutan: number;
  manifest: string;
  status: 'lengkap' | 'menunggu-berkas' | 'belum';
  reason: string | null;
}

type Step = { kind: 'receipt'; status: TandaTerima['status'] } | { kind: 'retry' | 'ditolak'; reason: string };

const DEFAULTS = { baseDelayMs: 1_000, maxDelayMs: 30 * 60_000, chunkSize: 256 * 1024, parallel: 2 };

export function backoffDelay(attempt: number, base: number, max: number): number {
  const cap = Math.min(max, base * 2 ** Math.min(attempt, 30));
  return cap / 2 + Math.random() * (cap / 2);
}

interface Run {
  ctx: Pick<BackendContext, 'db' | 'dataDir' | 'clock'>;
  penerima: PenerimaRow;
  o: Required<Omit<KirimOptions, 'pemilihan' | 'onEvent'>> & Pick<KirimOptions, 'onEvent'>;
}

function manifestOf(row: ManifestRow): SignedEnvelope<KirimManifest> {
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

/** POST /v1/kirim: what the receiver still lacks, or why not. */
async function postManifest(run: Run, row: ManifestRow): Promise<KirimKurang['kurang'] | Step> {
  const a = await sendJson('POST', new URL('/v1/kirim', run.penerima.url).href, row.envelopeJson);
  if (a.status !== 200) return { kind: 'retry', reason: describe(a.status, a.json, row) };
  const k = parseKirimAnswer(a.json);
  if (!k.ok || k.value.manifest !== row.sha256) return { kind: 'retry', reason: 'jawaban penerima tidak sah' };
  return k.value.kurang;
}

async function putObjects(run: Run, hashes: readonly string[]): Promise<Step | null> {
  let problem: Step | null = null;
  await inPool(hashes, run.o.parallel, async (sha) => {
    const objek = getObjek(run.ctx.db, sha);
    if (!objek) {
      problem = { kind: 'ditolak', reason: `penerima meminta objek yang tidak ada di kiriman ini` };
      return;
    }
    const a = await sendJson('PUT', new URL(`/v1/objek/${sha}`, run.penerima.url).href, objek.envelopeJson);
    if (a.status !== 200 && a.status !== 201)
      problem ??= { kind: 'retry', reason: `objek ditolak penerima (${a.status})` };
  });
  return problem;
}

/** POST …/selesai: a verified receipt stored, or why not. */
async function commit(run: Run, row: ManifestRow): Promise<Step | { kind: 'kurang'; kurang: KirimKurang['kurang'] }> {
  const a = await sendJson('POST', new URL(`/v1/kirim/${row.sha256}/selesai`, run.penerima.url).href, null);
  if (a.status === 409) {
    try {
      return { kind: 'kurang', kurang: parseKurangBody((a.json as { kurang?: unknown })?.kurang, 'kurang') };
    } catch {
      return { kind: 'retry', reason: 'jawaban penerima tidak sah' };
    }
  }
  if (a.status === 422) {
    const m = parseMasalah(a.json);
    return { kind: 'ditolak', reason: `ditolak penerima: ${m.ok ? m.value.join('; ') : 'isi kiriman tidak cocok'}` };
  }
  if (a.status !== 200 && a.status !== 201) return { kind: 'retry', reason: describe(a.status, a.json, row) };
  const stored = storeReceipt(run.ctx, run.penerima, row, a.json, 'online');
  if (!stored.ok) return { kind: 'retry', reason: `jawaban tanpa tanda terima yang sah (${stored.error.message})` };
  return { kind: 'receipt', status: stored.value.status };
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

/** Uploads the blobs the receiver lacks: PDFs first, then photos. */
async function uploadBlobs(run: Run, row: ManifestRow, kurang: KirimKurang['kurang']): Promise<Step | null> {
  const listed = manifestOf(row).payload.berkas;
  const missing = new Set(kurang.berkas.map((b) => b.sha256));
  const order = [...listed.filter((b) => b.jenis === 'pdf'), ...listed.filter((b) => b.jenis === 'foto')].filter((b) =>
    missing.has(b.sha256),
  );
  let problem: Step | null = null;
  await inPool(order, run.o.parallel, async (b) => {
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
    run.o.onEvent?.({ manifest: row.sha256, stage: 'berkas', detail: b.sha256 });
    await tusUpload(run.penerima.url, b.sha256, bytes, run.o.chunkSize);
  });
  return problem;
}

/** One manifest, as far as it goes this round. */
async function pushOne(run: Run, row: ManifestRow): Promise<Step> {
  const held = latestTandaTerima(run.ctx.db, row.sha256);
  const first = await postManifest(run, row);
  if ('kind' in first) return first;
  let kurang = first;
  for (let round = 0; round < 3; round++) {
    if (kurang.objek.length > 0) {
      run.o.onEvent?.({ manifest: row.sha256, stage: 'objek', detail: String(kurang.objek.length) });
      const p = await putObjects(run, kurang.objek);
      if (p) return p;
    }
    if (held?.status === 'menunggu-berkas' && kurang.berkas.length > 0) break; // numbers already confirmed
    const c = await commit(run, row);
    if (c.kind === 'kurang') {
      kurang = c.kurang;
      continue;
    }
    if (c.kind !== 'receipt' || c.status === 'lengkap') return c;
    break;
  }
  const p = await uploadBlobs(run, row, kurang);
  if (p) return p;
  const c = await commit(run, row);
  return c.kind === 'kurang' ? { kind: 'retry', reason: 'penerima masih kekurangan objek' } : c;
}

/**
 * Pushes every manifest without a lengkap receipt, retrying with backoff until all are lengkap or `batasMs` passes.
 * Returns one outcome per manifest (in delivery order).
 */
export async function kirimOutbox(
  ctx: Pick<BackendContext, 'db' | 'dataDir' | 'clock'>,
  opts: KirimOptions,
): Promise<Result<ManifestOutcome[]>> {
  const penerima = currentPenerima(ctx.db);
  if (!penerima) {
    return {
      ok: false,
      error: { code: 'CONFLICT', message: 'Penerima belum dipasang: pasang sertifikat penerima dulu.' },
    };
  }
  const run: Run = { ctx, penerima, o: { ...DEFAULTS, ...opts } };
  const rows = listManifests(ctx.db, opts.pemilihan);
  const reasons = new Map<string, string>();
  const refused = new Set<string>();
  const deadline = Date.now() + opts.batasMs;
  for (let attempt = 0; ; attempt++) {
    let progress = false;
    for (const pemilihan of [...new Set(rows.map((r) => r.pemilihan))]) {
      for (const row of rows.filter((r) => r.pemilihan === pemilihan)) {
        if (latestTandaTerima(ctx.db, row.sha256)?.status === 'lengkap') continue;
        if (refused.has(row.sha256)) break;
        const step = await pushOne(run, row).catch((err: unknown): Step => {
          if (err instanceof LinkError) return { kind: 'retry', reason: 'sambungan ke penerima terputus' };
          throw err;
        });
        if (step.kind === 'receipt') {
          progress = true;
          reasons.delete(row.sha256);
          continue;
        }
        reasons.set(row.sha256, step.reason);
        if (step.kind === 'ditolak') refused.add(row.sha256);
        // A later manifest waits for this one, unless this one's numbers are confirmed (menunggu-berkas).
        if (!latestTandaTerima(ctx.db, row.sha256)) break;
      }
    }
    const open = rows.filter(
      (r) => latestTandaTerima(ctx.db, r.sha256)?.status !== 'lengkap' && !refused.has(r.sha256),
    );
    if (open.length === 0) break;
    const wait = backoffDelay(progress ? 0 : attempt, run.o.baseDelayMs, run.o.maxDelayMs);
    if (Date.now() + wait > deadline) break;
    await new Promise((r) => setTimeout(r, wait));
  }
  return ok(rows.map((row) => outcomeOf(ctx, row, reasons.get(row.sha256) ?? null)));
}

function outcomeOf(ctx: Pick<BackendContext, 'db'>, row: ManifestRow, reason: string | null): ManifestOutcome {
  const m = manifestOf(row).payload;
  const t = latestTandaTerima(ctx.db, row.sha256);
  return {
    kecamatan: m.kecamatan,
    pemilihan: m.pemilihan,
    urutan: m.urutan,
    manifest: row.sha256,
    status: t ? t.status : 'belum',
    reason: t ? null : (reason ?? 'belum dicoba'),
  };
}

/** The §4.5 line of an outcome. */
export function outcomeLine(o: ManifestOutcome): string {
  const head = `${o.kecamatan} ${o.pemilihan} urutan ${o.urutan}`;
  return o.status === 'belum' ? `${head}: belum terkirim: ${o.reason}` : `${head}: ${o.status}`;
}
