// Issuing the kab/kota documents of a receiver (docs/receiver-plenary.md): D.Hasil Kabupaten/Kota-KWK and its
// D.Kejadian Khusus, drawn by the same engine as the kecamatan documents, signed with the receiver key, kept under
// <dataDir>/documents/ and recorded (row + audit entry) in one command. A final only when every kecamatan is locked
// and no keberatan is open; before that drafts (DRAF). After a final, a reissue needs a reason.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { isoAtOffset, provinsiOffsetMinutes } from '../../../../../../shared/documents/format';
import type { KabDocKind, KabDocMeta } from '../../../../../../shared/documents/kabko-types';
import { LAYOUT_VERSION, type PaperSize } from '../../../../../../shared/documents/types';
import { fail, ok, type Result } from '../../../../../../shared/domain/result';
import type { BackendContext } from '../../../context';
import { signBytes } from '../../../crypto';
import { runCommand } from '../../../db/command';
import {
  insertKabDokumen,
  latestKabDokumenVersion,
  listKabDokumen,
  type KabDokumen,
} from '../../../repositories/kab-pleno.repo';
import { documentsDir } from '../../documents/documents.service';
import { buildSignedPdf, signerFingerprint } from '../../documents/signed-pdf';
import { currentAuditHead } from '../../integrity/integrity.service';
import { kabDHasilData, kabDocumentSumErrors, kabHeader, kabKejadianData } from './kab-document-data';
import { loadKabSnapshot } from './kab-snapshot';

export interface KabIssueInput {
  kind: KabDocKind;
  pemilihan: string;
  final?: boolean;
  reason?: string;
  paper?: PaperSize;
  actor: string;
}

const CODE: Record<KabDocKind, string> = { 'd-hasil-kabko': 'DHASILKAB', 'kejadian-kabko': 'DKEJADIANKAB' };

function writeDurably(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

const queues = new WeakMap<object, Promise<unknown>>();

/** Issues a draft or final kab/kota document (serialised per database, as the kecamatan documents). */
export function issueKabDocument(ctx: BackendContext, input: KabIssueInput): Promise<Result<KabDokumen>> {
  const prev = queues.get(ctx.db) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => issueNow(ctx, input));
  queues.set(ctx.db, next);
  return next;
}

async function issueNow(ctx: BackendContext, input: KabIssueInput): Promise<Result<KabDokumen>> {
  const snap = loadKabSnapshot(ctx.db, input.pemilihan);
  if (!snap.ok) return snap;
  const { me, pemilihan: p, model } = snap.value;
  const final = input.final === true;
  if (final && !model.final.final)
    return fail(
      'CONFLICT',
      `Dokumen final belum dapat diterbitkan: ${model.final.reasons.join(' ')} Terbitkan sebagai draf.`,
      model.final.reasons.join('\n'),
    );
  const reason = input.reason?.trim() || null;
  if (listKabDokumen(ctx.db).some((d) => d.kind === input.kind && d.pemilihan === p.id && d.final === 1) && !reason)
    return fail(
      'INVALID_INPUT',
      'Dokumen final sudah pernah diterbitkan: alasan penerbitan ulang wajib diisi.',
      'reason',
    );
  const signer = { publicKey: me.publicKey, sign: (b: Uint8Array) => signBytes(b, me.privateKeyPkcs8) };
  const meta: KabDocMeta = {
    id: `${CODE[input.kind]}-${me.kabkotaKode}-${p.id}`,
    kind: input.kind,
    version: latestKabDokumenVersion(ctx.db, input.kind, p.id) + 1,
    pemilihan: p.id,
    kabkota: me.kabkotaKode,
    issued: isoAtOffset(ctx.clock().getTime(), provinsiOffsetMinutes(me.provinsiKode)),
    final,
    demo: me.simulasi === 1,
    paper: input.paper ?? 'a4',
    signer: signerFingerprint(signer),
    layout: LAYOUT_VERSION,
    audit: currentAuditHead(ctx.db),
    ...(reason ? { reason } : {}),
  };
  const header = kabHeader(ctx.db, me, p);
  const data =
    meta.kind === 'd-hasil-kabko'
      ? kabDHasilData(model, header, { ...meta, kind: 'd-hasil-kabko' })
      : kabKejadianData(ctx.db, p, header, { ...meta, kind: 'kejadian-kabko' });
  const sums = data.meta.kind === 'd-hasil-kabko' && 'recap' in data ? kabDocumentSumErrors(data) : [];
  if (sums.length > 0)
    return fail(
      'INVALID_INPUT',
      'Dokumen tidak diterbitkan: jumlah pada datanya sendiri tidak cocok.',
      sums.join('\n'),
    );
  const pdf = await buildSignedPdf(data, signer);
  const dir = documentsDir(ctx);
  mkdirSync(dir, { recursive: true });
  const fileName = `${meta.id}-v${meta.version}${final ? '' : '-draf'}.pdf`;
  const file = path.join(dir, fileName);
  if (existsSync(file)) throw new Error(`document file already exists: ${file}`);
  writeDurably(file, pdf.bytes);
  const row = runCommand(ctx, (unit) => {
    const r = insertKabDokumen(unit.db, {
      docId: meta.id,
      kind: meta.kind,
      pemilihan: p.id,
      version: meta.version,
      final: final ? 1 : 0,
      simulasi: meta.demo ? 1 : 0,
      paper: meta.paper,
      pages: pdf.pages,
      dataSha256: pdf.dataSha256,
      fileSha256: pdf.fileSha256,
      fileName,
      signer: meta.signer,
      reason,
      issuedAt: meta.issued,
      issuedBy: input.actor,
    });
    unit.emit({ type: 'documents-changed' });
    return ok(r);
  });
  if (!row.ok) rmSync(file, { force: true });
  else ctx.log.info('kab document issued', { id: meta.id, version: meta.version, final, pages: pdf.pages });
  return row;
}

export function kabDocumentFile(ctx: BackendContext, id: number): Result<{ row: KabDokumen; bytes: Uint8Array }> {
  const row = listKabDokumen(ctx.db).find((d) => d.id === id);
  if (!row) return fail('NOT_FOUND', 'Dokumen tidak ditemukan.');
  const file = path.join(documentsDir(ctx), row.fileName);
  if (!existsSync(file)) return fail('NOT_FOUND', `Berkas dokumen ${row.fileName} tidak ditemukan di folder data.`);
  return ok({ row, bytes: new Uint8Array(readFileSync(file)) });
}
