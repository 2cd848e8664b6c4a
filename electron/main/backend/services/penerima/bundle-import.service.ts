// The offline push (docs/design.md §4.4): a `.pleno-kirim` bundle from a drive goes through the very checks of the
// online path (receive.service.ts, commit.service.ts) inside ONE command unit, so a bundle is taken wholly or not
// at all: a bad entry, a wrong size, a refused manifest or a document that does not add up leaves nothing stored.
// The reading — ZIP, CRCs, blob hashes, object parsing and every object's signature — happens first, in the
// bundle-read worker (bundle-import-read.ts), within its time and memory limits; the event loop only decides and
// stores. A refused bundle (anything but one that waits for earlier urutan) is quarantined with its reason.
// The answer is the §4.3 status with its `masalah`, or the receipt (201 created/upgraded, 200 the same bytes again).
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { parseEnvelope } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import { envelopeAddress, verifyKeyed } from '../../../../../shared/formats/kirim';
import type { BackendContext } from '../../context';
import { nodeCrypto } from '../../crypto';
import { runCommand } from '../../db/command';
import { getPpkBinding, hasBerkas, insertBerkas } from '../../repositories/penerima.repo';
import { onBundleReader } from '../import/bundle-read';
import { quarantine } from '../quarantine/quarantine';
import { berkasDir, fileHoldings, removeBerkas, writeWholeBerkas } from './berkas-store';
import {
  manifestOf,
  readKirimInThread,
  verifyKirimObjekInThread,
  type KirimRead,
  type KirimReadInput,
  type KirimRefusal,
  type KirimVerifyInput,
} from './bundle-import-read';
import { commitManifest, recordDitolak } from './commit.service';
import { kecamatanMaster } from './kecamatan-masters';
import { receiveCheckedObjek, receiveManifest, type Answer, type CheckedObjek, type Ctx } from './receive.service';

export type BundleCtx = Ctx & Pick<BackendContext, 'log'>;

export interface BundleOutcome {
  /** §4.3 status: 201 receipt created or upgraded, 200 unchanged; 400/401/403/409/413/422 refused, nothing stored. */
  status: number;
  masalah: string[];
  manifest: { address: string; kecamatan: string; pemilihan: string; urutan: number } | null;
  /** The exact receipt bytes (to write back to the drive and show as a QR). */
  receiptJson: string | null;
  receiptStatus: 'lengkap' | 'menunggu-berkas' | null;
}

const refused = (status: number, masalah: string[]): BundleOutcome => ({
  status,
  masalah,
  manifest: null,
  receiptJson: null,
  receiptStatus: null,
});

/** The refusal in words; `urutan` is the bundle's own, so an out-of-order answer says which file to bring. */
function masalahOf(a: Answer, urutan?: number): string[] {
  const body = a.body as { masalah?: unknown; kurang?: { objek?: unknown[] }; terakhir?: unknown } | null;
  if (Array.isArray(body?.masalah)) return body.masalah.map(String);
  if (body?.kurang) return [`Berkas kiriman tidak memuat ${body.kurang.objek?.length ?? 0} objek yang tercantum.`];
  if (body && 'terakhir' in body) return [outOfOrder(body.terakhir as { urutan: number } | null, urutan)];
  return ['Berkas kiriman ditolak.'];
}

/**
 * A 409 that only waits: a bundle later than the next urutan, to be imported again after the earlier files. One at or
 * below the last taken urutan, or next in number but not following the last taken manifest, is not the continuation
 * of what was received and is refused for good.
 */
function waitsForEarlier(a: Answer, urutan: number | undefined): boolean {
  const body = a.body as { terakhir?: { urutan: number } | null } | null;
  if (a.status !== 409 || !body || !('terakhir' in body)) return false;
  return urutan === undefined || urutan > (body.terakhir?.urutan ?? 0) + 1;
}

function outOfOrder(t: { urutan: number } | null, urutan: number | undefined): string {
  const next = (t?.urutan ?? 0) + 1;
  const held = t ? `yang terakhir diterima urutan ${t.urutan}` : 'belum ada kiriman yang diterima';
  if (urutan === undefined || urutan > next)
    return `Urutan kiriman tidak menyambung: ${held}; impor urutan ${next} dulu.`;
  return `Kiriman urutan ${urutan} bukan lanjutan kiriman yang sudah diterima (${held}); berkas ini tidak diimpor.`;
}

/** The bundle read in the worker (or its refusal: unreadable, too large, over the worker's time or memory). */
async function readInWorker(fileName: string, bytes: Uint8Array): Promise<KirimRead | KirimRefusal> {
  const job: KirimReadInput = { kind: 'kirim-read', bytes, fileName };
  const r = await onBundleReader(job, () => readKirimInThread(job));
  return r.ok ? r.value : { ok: false, status: 400, masalah: [`Berkas kiriman ditolak: ${r.refused.reason}.`] };
}

/**
 * The signatures of the objects, checked in the worker under the master and PPK key the manifest's signer is bound
 * to. Empty when the manifest names no bound key or kecamatan: the command refuses it before any object matters.
 */
async function verifyInWorker(
  ctx: Ctx,
  manifestJson: unknown,
  read: KirimRead,
): Promise<Map<string, CheckedObjek> | KirimRefusal> {
  const out = new Map<string, CheckedObjek>();
  const env = parseEnvelope(manifestJson);
  const m = manifestOf(manifestJson);
  const signer = env.ok ? verifyKeyed(env.value, nodeCrypto) : null;
  const ppk = signer?.ok ? getPpkBinding(ctx.db, signer.value.fingerprint) : undefined;
  const master = m ? kecamatanMaster(ctx.db, m.kecamatan) : undefined;
  if (!env.ok || !m || !ppk || !master) return out;
  const address = envelopeAddress(env.value, nodeCrypto);
  const objek = read.objek.flatMap((o) => {
    const listed = m.objek.find((x) => x.sha256 === o.sha);
    return 'jcs' in o && listed ? [{ sha: o.sha, jcs: o.jcs, jenis: listed.jenis, ukuran: listed.ukuran }] : [];
  });
  if (objek.length === 0) return out;
  const job: KirimVerifyInput = { kind: 'kirim-verify', objek, master, ppk };
  const r = await onBundleReader(job, () => verifyKirimObjekInThread(job));
  if (!r.ok) return { ok: false, status: 400, masalah: [`Berkas kiriman ditolak: ${r.refused.reason}.`] };
  objek.forEach((o, i) =>
    out.set(o.sha, {
      jcs: o.jcs,
      listed: { manifest: address, jenis: o.jenis, ukuran: o.ukuran },
      verdict: r.value[i]!,
    }),
  );
  return out;
}

/** Imports one bundle (its file name and bytes): all of it in one command unit, or nothing. */
export async function importKirimBundle(ctx: BundleCtx, fileName: string, bytes: Uint8Array): Promise<BundleOutcome> {
  const read = await readInWorker(fileName, bytes);
  if (!read.ok) return quarantined(ctx, fileName, bytes, refused(read.status, read.masalah));
  const json = parseJson(read.manifest);
  if (!json.ok) {
    return quarantined(
      ctx,
      fileName,
      bytes,
      refused(400, [`manifest.json bukan JSON yang sah: ${json.error.message}`]),
    );
  }
  const checked = await verifyInWorker(ctx, json.value, read);
  if (!(checked instanceof Map)) return quarantined(ctx, fileName, bytes, refused(checked.status, checked.masalah));
  const { outcome, early } = store(ctx, json.value, read, checked);
  return early ? outcome : quarantined(ctx, fileName, bytes, outcome);
}

/** The decision and the writes, in one command unit: the manifest, the objects, the blobs, the receipt. */
function store(
  ctx: BundleCtx,
  json: unknown,
  read: KirimRead,
  checked: Map<string, CheckedObjek>,
): { outcome: BundleOutcome; early: boolean } {
  const dir = berkasDir(ctx);
  const holdings = fileHoldings(dir);
  const written: string[] = [];
  // Set inside the unit: the answer that decided, and whether the manifest itself was taken.
  const at: { answer: Answer | null; stage: 'manifest' | 'isi' } = { answer: null, stage: 'manifest' };
  const stop = (a: Answer, why: string): Result<never> => ((at.answer = a), fail('INVALID_INPUT', why));
  const done = runCommand(ctx, (unit) => {
    const taken = receiveManifest(ctx, json, holdings);
    if (taken.status !== 200) return stop(taken, 'manifest');
    at.stage = 'isi';
    const m = manifestOf(json)!;
    const address = (taken.body as { manifest: string }).manifest;
    if (read.layout) return stop({ status: 400, body: { masalah: [read.layout] } }, 'layout');
    for (const o of read.objek) {
      if ('problem' in o) return stop({ status: 400, body: { masalah: [o.problem] } }, 'objek');
      const c = checked.get(o.sha);
      const a = c && c.listed.manifest === address ? receiveCheckedObjek(ctx, o.sha, c) : unlisted(o.sha);
      if (a.status !== 200 && a.status !== 201) return stop(a, 'objek');
    }
    for (const { sha, bytes } of read.berkas) {
      if (hasBerkas(unit.db, sha)) continue;
      writeWholeBerkas(dir, sha, bytes);
      written.push(sha);
      insertBerkas(unit.db, sha, bytes.length, ctx.clock().toISOString());
    }
    const committed = commitManifest(ctx, address, holdings);
    at.answer = committed;
    if (committed.status !== 200 && committed.status !== 201) return fail('INVALID_INPUT', 'commit');
    return ok({ m, address, receiptJson: committed.raw! });
  });
  if (!done.ok) {
    for (const sha of written) removeBerkas(dir, sha);
    // An unknown key is listed for the operator even though the bundle is refused (the 401 note, §4.1).
    const a = at.answer!;
    if (at.stage === 'manifest' && a.status === 401) receiveManifest(ctx, json, holdings);
    // A document that does not add up is shown on the dashboard as ditolak (the push itself is not kept).
    if (a.status === 422)
      recordDitolak(ctx, envelopeAddress(json, nodeCrypto), manifestOf(json)!, masalahOf(a), 'berkas');
    const urutan = manifestOf(json)?.urutan;
    return { outcome: refused(a.status, masalahOf(a, urutan)), early: waitsForEarlier(a, urutan) };
  }
  const { m, address, receiptJson } = done.value;
  const status = (JSON.parse(receiptJson) as { payload: { status: 'lengkap' | 'menunggu-berkas' } }).payload.status;
  const outcome: BundleOutcome = {
    status: at.answer!.status,
    masalah: [],
    manifest: { address, kecamatan: m.kecamatan, pemilihan: m.pemilihan, urutan: m.urutan },
    receiptJson,
    receiptStatus: status,
  };
  return { outcome, early: false };
}

/** An object the worker could not check under this manifest (its listing is the manifest's, so: not listed). */
function unlisted(sha: string): Answer {
  return { status: 400, body: { masalah: [`Objek ${sha.slice(0, 12)}… tidak tercantum dalam manifest.`] } };
}

/** A refused bundle is copied to quarantine with its reason (one that only waits for earlier files never comes here). */
function quarantined(ctx: BundleCtx, fileName: string, bytes: Uint8Array, o: BundleOutcome): BundleOutcome {
  if (o.status < 400) return o;
  quarantine(ctx, bytes, fileName, o.masalah.join(' '), {
    channel: 'kirim',
    english: `.pleno-kirim bundle refused (${o.status})`,
  });
  return o;
}
