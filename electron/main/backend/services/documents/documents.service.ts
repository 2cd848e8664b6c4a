// Issuing documents from the database: builds the document data (recap, per-TPS attachments, objections and
// kejadian khusus, master names), signs and renders it, writes the file under <dataDir>/documents/ and records the
// issue (row + audit entry, one command: db/command.ts). Every number, and whether the pemilihan is final (every desa locked, no
// open keberatan), comes from the read model (services/plenary/plenary-snapshot.ts), the same one the recap and the
// plenary screens show; a final document only when it is final, before that drafts (DRAF). A reissue gets the next version; after a final, a reason is required.
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
import type { BackendContext } from '../../context';
import type { DataMaster, Pemilihan, PemilihanId } from '../../../../../shared/domain/model';
import { formatKode, tpsCode } from '../../../../../shared/domain/model';
import { isoAtOffset, provinsiOffsetMinutes } from '../../../../../shared/documents/format';
import { docHeader } from '../../../../../shared/documents/header';
import {
  DOCUMENT_FORMAT,
  LAYOUT_VERSION,
  type DHasilData,
  type DocKind,
  type DocMeta,
  type DocumentData,
  type KejadianData,
  type KejadianEntry,
  type PaperSize,
} from '../../../../../shared/documents/types';
import { loadDataMaster, isSimulasiMaster } from '../../repositories/master.repo';
import { listKejadian, type Objection } from '../../repositories/plenary.repo';
import { insertDocument, latestVersion, listDocuments, type DocumentRow } from '../../repositories/documents.repo';
import { recap } from '../recap/recap.service';
import { loadSnapshot, type PemilihanSnapshot } from '../plenary/plenary-snapshot';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { writeKirimOutbox } from '../kirim/outbox';
import { buildSignedPdf, signerFingerprint } from './signed-pdf';
import { runWrite } from '../../db/command';
import { documentSumErrors } from '../../../../../shared/documents/sums';
import { toSumber, type CountTrace, type Sumber } from '../../../../../shared/domain/count-trace';
import { acceptanceEntries, correctionEntries, unexplainedBreaks, type Placing } from './plenary-record';

/** The trace as `sumber`; a counted number without a trace is a bug, never printed as traced. */
function traceSumber(trace: CountTrace | null): Sumber {
  const sumber = toSumber(trace);
  if (!sumber) throw new Error('document: counted TPS without a count trace');
  return sumber;
}

export class DocumentError extends Error {
  constructor(
    readonly code: 'NO_MASTER' | 'UNKNOWN_PEMILIHAN' | 'NOT_FINAL' | 'REASON_REQUIRED' | 'NOT_FOUND' | 'INCONSISTENT',
    /** Bahasa Indonesia, for the user. */
    message: string,
    readonly reasons: string[] = [],
  ) {
    super(message);
  }
}

export interface IssueInput {
  kind: DocKind;
  pemilihan: string;
  paper?: PaperSize;
  final?: boolean;
  reason?: string;
  /** Who issues (operator name; 'cli' from the command line). */
  actor: string;
}

export interface IssuedDocument {
  row: DocumentRow;
  bytes: Uint8Array;
  /** Absolute path of the kept file. */
  path: string;
}

export const KIND_CODE: Record<DocKind, string> = { 'd-hasil': 'DHASIL', 'kejadian-khusus': 'DKEJADIAN' };

export function documentsDir(ctx: Pick<BackendContext, 'dataDir'>): string {
  return path.join(ctx.dataDir, 'documents');
}

function pemilihanOf(master: DataMaster, id: string): Pemilihan {
  const p = master.pemilihan.find((x) => x.id === id);
  if (!p) {
    throw new DocumentError(
      'UNKNOWN_PEMILIHAN',
      `Pemilihan "${id}" tidak ada dalam data master (yang ada: ${master.pemilihan.map((x) => x.id).join(', ')}).`,
    );
  }
  return p;
}

/**
 * Why the pemilihan is not final yet (empty when it is): the read model's verdict (unlocked desa, open keberatan),
 * and counted records whose sums still break R01/R02/R05/R06 without an acceptance reason recorded by the plenary.
 */
export function finalBlockers(ctx: Pick<BackendContext, 'db'>, pemilihan: PemilihanId): string[] {
  const snap = loadSnapshot(ctx, pemilihan);
  if (!snap.ok) return [snap.error.message];
  const reasons = snap.value.final?.reasons ?? [];
  // Locking a desa already needs every TPS settled (an error accepted only with a reason), so a break is checked
  // once the read model calls the pemilihan final: then it is a correction that left a sum wrong, or a lock recorded
  // around the plenary's checks, and the documents alone refuse (the other readers keep the read model's verdict).
  const master = reasons.length === 0 ? loadDataMaster(ctx.db) : null;
  return master ? unexplainedBreaks(snap.value, { place: (tps, desa) => placeOf(master, tps, desa) }) : reasons;
}

export function placeOf(master: DataMaster, tps: string | null, desa: string | null): string {
  const desaKode = tps ? tps.slice(0, 10) : desa;
  const d = desaKode ? master.desa.find((x) => x.kode === desaKode) : undefined;
  const desaText = d ? `Desa/Kel. ${d.nama}` : desaKode ? formatKode(desaKode) : '';
  if (tps) return `${desaText}, TPS ${tps.slice(10)}`;
  return desaText || `Kecamatan ${master.kecamatan.nama}`;
}

function whoOf(o: Objection, p: Pemilihan | undefined): string {
  const r = o.raisedBy;
  const nama = r.nama ? ` (${r.nama})` : '';
  switch (r.peran) {
    case 'saksi': {
      const pil = p?.pilihan.find((x) => x.nomor === r.paslon);
      return `Saksi Paslon ${r.paslon ?? '?'}${pil ? ` ${pil.nama}` : ''}${nama}`;
    }
    case 'panwascam':
      return `Panwaslu Kecamatan${nama}`;
    case 'ppk':
      return `PPK${nama}`;
    default:
      return r.nama ?? 'Lainnya';
  }
}

/** Objections (with their resolution, from the read model) and kejadian khusus of a pemilihan, in time order. */
export function kejadianEntries(
  ctx: Pick<BackendContext, 'db'>,
  master: DataMaster,
  snap: PemilihanSnapshot,
): KejadianEntry[] {
  const pemilihan = snap.pemilihan.id;
  const p = master.pemilihan.find((x) => x.id === pemilihan);
  const resolutions = snap.resolutions;
  // Recorded times may be UTC ("Z"); the document shows the kecamatan's local time (WIB/WITA/WIT).
  const offset = provinsiOffsetMinutes(master.provinsi.kode);
  const local = (iso: string) => (Number.isNaN(Date.parse(iso)) ? iso : isoAtOffset(Date.parse(iso), offset));
  const placing: Placing = { place: (tps, desa) => placeOf(master, tps, desa), local };
  const entries: KejadianEntry[] = [...correctionEntries(snap, master, placing), ...acceptanceEntries(snap, placing)];
  for (const o of snap.objections) {
    const r = resolutions.get(o.id);
    entries.push({
      waktu: local(o.raisedAt),
      tempat: placeOf(master, o.tps, o.desa),
      pihak: whoOf(o, p),
      jenis: 'keberatan',
      uraian: o.text,
      penyelesaian: r
        ? `${r.outcome === 'diterima' ? 'Diterima' : 'Ditolak'}: ${r.reason}${r.correctionId ? ` (koreksi #${r.correctionId})` : ''}`
        : '',
    });
  }
  for (const k of listKejadian(ctx.db, { pemilihan })) {
    const refusal = /menolak\s+(menandatangani|tanda\s*tangan)/i.test(k.text);
    entries.push({
      waktu: local(k.at),
      tempat: placeOf(master, k.tps, k.desa),
      pihak: k.who,
      // A refusal to sign is recorded as a kejadian naming it (PKPU 18/2024: the reason is noted in this form).
      jenis: refusal ? 'penolakan-tanda-tangan' : 'kejadian',
      uraian: k.text,
      penyelesaian: refusal ? 'Dicatat; dokumen tetap sah tanpa tanda tangan tersebut' : '',
    });
  }
  // Stable order: by time, then as recorded.
  return entries
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.waktu < b.e.waktu ? -1 : a.e.waktu > b.e.waktu ? 1 : a.i - b.i))
    .map((x) => x.e);
}

/** The document data for the current state of the database (not yet signed or recorded). */
export function buildDocumentData(
  ctx: Pick<BackendContext, 'db'>,
  master: DataMaster,
  meta: Omit<DocMeta, 'layout'>,
): DocumentData {
  const p = pemilihanOf(master, meta.pemilihan);
  const header = docHeader(master, p);
  const fullMeta: DocMeta = { ...meta, layout: LAYOUT_VERSION };
  const loaded = loadSnapshot(ctx, p.id);
  if (!loaded.ok) throw new DocumentError('NO_MASTER', loaded.error.message);
  const snap = loaded.value;
  if (meta.kind === 'kejadian-khusus') {
    const data: KejadianData = {
      format: DOCUMENT_FORMAT,
      meta: { ...fullMeta, kind: 'kejadian-khusus' },
      header,
      entries: kejadianEntries(ctx, master, snap),
    };
    return data;
  }
  const r = recap(ctx, p.id, [snap])?.pemilihan[0];
  if (!r) throw new DocumentError('NO_MASTER', 'Belum ada data master.');
  const lampiran = master.desa.map((d) => ({
    kode: d.kode,
    nama: d.nama,
    tps: d.tps.map((t) => {
      const tps = snap.byTps.get(tpsCode(d.kode, t.nomor));
      const counts = tps?.derived.current ?? null;
      // pleno.document/2: where the count comes from (the record and the approved corrections applied to it).
      return { nomor: t.nomor, counts, sumber: counts ? traceSumber(tps?.trace ?? null) : null };
    }),
  }));
  const data: DHasilData = {
    format: DOCUMENT_FORMAT,
    meta: { ...fullMeta, kind: 'd-hasil' },
    header,
    recap: { tps: r.tps, desa: r.desa, total: r.total },
    lampiran,
  };
  return data;
}

function writeFileDurably(file: string, bytes: Uint8Array): void {
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

// Issues are serialised per database: the version number is read before rendering (async) and written after, so two
// overlapping clicks must not both take version n.
const queues = new WeakMap<object, Promise<unknown>>();

/** Issues a draft or final document: sign, render, keep the file, record it (row + audit) in one command. */
export function issueDocument(ctx: BackendContext, input: IssueInput): Promise<IssuedDocument> {
  const prev = queues.get(ctx.db) ?? Promise.resolve();
  const next = prev.catch(() => undefined).then(() => issueNow(ctx, input));
  queues.set(ctx.db, next);
  return next;
}

async function issueNow(ctx: BackendContext, input: IssueInput): Promise<IssuedDocument> {
  const master = loadDataMaster(ctx.db);
  const key = ppkKeyOrNull(ctx);
  if (!master || !key)
    throw new DocumentError('NO_MASTER', 'Belum ada data master: buat basis data dengan pleno init.');
  const p = pemilihanOf(master, input.pemilihan);
  const final = input.final === true;
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (final) {
    const blockers = finalBlockers(ctx, p.id);
    if (blockers.length > 0) {
      throw new DocumentError(
        'NOT_FINAL',
        `Dokumen final belum dapat diterbitkan: pemilihan ${p.id} belum final (${blockers.length} hal). Terbitkan sebagai draf.`,
        blockers,
      );
    }
  }
  const previous = listDocuments(ctx.db, { pemilihan: p.id, kind: input.kind });
  if (previous.some((d) => d.final) && reason === null) {
    throw new DocumentError(
      'REASON_REQUIRED',
      'Dokumen final sudah pernah diterbitkan: alasan penerbitan ulang wajib diisi.',
    );
  }
  const version = latestVersion(ctx.db, input.kind, p.id) + 1;
  const issued = isoAtOffset(ctx.clock().getTime(), provinsiOffsetMinutes(master.provinsi.kode));
  const signer = { publicKey: key.publicKey, sign: key.sign };
  const meta: Omit<DocMeta, 'layout'> = {
    id: `${KIND_CODE[input.kind]}-${master.kecamatan.kode}-${p.id}`,
    kind: input.kind,
    version,
    pemilihan: p.id,
    kecamatan: master.kecamatan.kode,
    issued,
    final,
    demo: isSimulasiMaster(master),
    paper: input.paper ?? 'a4',
    signer: signerFingerprint(signer),
    ...(reason !== null ? { reason } : {}),
  };
  const data = buildDocumentData(ctx, master, meta);
  const sumErrors = data.meta.kind === 'd-hasil' ? documentSumErrors(data as DHasilData) : [];
  if (sumErrors.length > 0) {
    throw new DocumentError(
      'INCONSISTENT',
      'Dokumen tidak diterbitkan: jumlah pada datanya sendiri tidak cocok. Laporkan kepada pengembang.',
      sumErrors,
    );
  }
  const pdf = await buildSignedPdf(data, signer);

  const dir = documentsDir(ctx);
  mkdirSync(dir, { recursive: true });
  const fileName = `${meta.id}-v${version}${final ? '' : '-draf'}.pdf`;
  const file = path.join(dir, fileName);
  if (existsSync(file)) throw new Error(`document file already exists: ${file}`);
  writeFileDurably(file, pdf.bytes);
  let row: DocumentRow;
  try {
    row = runWrite(ctx, (unit) => {
      const recorded = insertDocument(unit.db, {
        docId: meta.id,
        kind: input.kind,
        pemilihan: p.id,
        version,
        final,
        simulasi: meta.demo,
        paper: meta.paper,
        pages: pdf.pages,
        dataSha256: pdf.dataSha256,
        fileSha256: pdf.fileSha256,
        fileName,
        signer: meta.signer,
        reason,
        issuedAt: issued,
        issuedBy: input.actor,
      });
      // The push for this pemilihan (docs/design.md §4.5): written in the same command as the document.
      writeKirimOutbox(unit.db, ctx, {
        documentId: recorded.id,
        kind: input.kind,
        pemilihan: p.id,
        envelope: pdf.envelope,
        pdf: { sha256: pdf.fileSha256, size: pdf.bytes.length, fileName },
        at: ctx.clock().toISOString(),
        actor: input.actor,
      });
      unit.emit({ type: 'documents-changed' });
      return recorded;
    });
  } catch (err) {
    // Not recorded: the file must not stay as if it were issued.
    rmSync(file, { force: true });
    throw err;
  }
  ctx.log.info('document issued', { id: meta.id, version, final, pages: pdf.pages, dataSha256: pdf.dataSha256 });
  return { row, bytes: pdf.bytes, path: file };
}

/** The kept file of an issued document; its SHA-256 is checked against the recorded one by the caller if needed. */
export function documentFile(ctx: BackendContext, row: DocumentRow): { path: string; bytes: Uint8Array } {
  const file = path.join(documentsDir(ctx), row.fileName);
  if (!existsSync(file))
    throw new DocumentError('NOT_FOUND', `Berkas dokumen ${row.fileName} tidak ditemukan di folder data.`);
  return { path: file, bytes: new Uint8Array(readFileSync(file)) };
}

/** Issued documents, oldest first. */
export function issuedDocuments(
  ctx: Pick<BackendContext, 'db'>,
  f: { pemilihan?: string; kind?: DocKind } = {},
): DocumentRow[] {
  return listDocuments(ctx.db, f);
}

export function issuedDocument(ctx: Pick<BackendContext, 'db'>, id: number): DocumentRow {
  const row = issuedDocuments(ctx).find((d) => d.id === id);
  if (!row) throw new DocumentError('NOT_FOUND', `Dokumen #${id} tidak ada.`);
  return row;
}
