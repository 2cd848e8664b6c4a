// The outbox writer (docs/design.md §4.2, §4.5): issuing a document writes, in the same command, the frozen manifest
// of the push for that pemilihan — the latest D.Hasil and D.Kejadian data envelopes, every C.Hasil envelope their
// traces name, the issued PDFs and the photos held — signed by the PPK key, `urutan` + 1 naming the previous one.
import path from 'node:path';
import type { BackendContext } from '../../context';
import type { WritableDb } from '../../db/command';
import { auditHead } from '../../repositories/audit.repo';
import { listDocuments } from '../../repositories/documents.repo';
import {
  insertBerkasOnce,
  insertManifest,
  insertObjekOnce,
  latestManifest,
  getBerkas,
  hasOutbox,
  getObjek,
  type BerkasRow,
  type ObjekRow,
} from '../../repositories/kirim.repo';
import { getMeta } from '../../repositories/master.repo';
import { getPhoto } from '../../repositories/photo.repo';
import { findSubmission, getSubmission, submissionPhotos } from '../../repositories/submission.repo';
import { loadSnapshot } from '../plenary/plenary-snapshot';
import { ppkKey } from '../keys/ppk-key';
import { sha256Hex, sha256HexOfText } from '../../crypto';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import type { KirimManifest, ObjekJenis } from '../../../../../shared/formats/kirim';
import type { SignedEnvelope } from '../../../../../shared/domain/model';

/** What the documents service hands over for the document it just recorded. */
export interface IssuedForKirim {
  documentId: number;
  kind: 'd-hasil' | 'kejadian-khusus';
  pemilihan: string;
  /** The signed document data (pleno.document/1 or /2). */
  envelope: SignedEnvelope<unknown>;
  /** The issued PDF: its hash, size and file name under <dataDir>/documents/. */
  pdf: { sha256: string; size: number; fileName: string };
  at: string;
  actor: string;
}

const MIME = { jpg: 'image/jpeg', png: 'image/png' } as const;

function objekOf(envelope: unknown, jenis: ObjekJenis): ObjekRow {
  const text = canonicalize(envelope);
  const bytes = utf8Encode(text);
  return { sha256: sha256Hex(bytes), jenis, ukuran: bytes.length, envelopeJson: text };
}

interface Tps {
  tps: string;
  sumber: unknown;
}

/** The `sumber` of each lampiran TPS entry of a pleno.document/2 D.Hasil, or null for version 1 data. */
function sumberOf(payload: unknown): Tps[] | null {
  const p = payload as { format?: string; lampiran?: { kode: string; tps: { nomor: number; sumber?: unknown }[] }[] };
  if (p.format !== 'pleno.document/2' || !Array.isArray(p.lampiran)) return null;
  const out: Tps[] = [];
  for (const d of p.lampiran)
    for (const t of d.tps) out.push({ tps: `${d.kode}${String(t.nomor).padStart(3, '0')}`, sumber: t.sumber });
  return out;
}

/**
 * The submission ids of the C.Hasil records a D.Hasil counts: from its `sumber.rekaman` (document/2), else from the
 * read model's per-TPS trace at this moment (document/1 carries no trace; docs/spec-readings.md).
 */
function countedSubmissions(ctx: Pick<BackendContext, 'db'>, pemilihan: string, dHasil: unknown): number[] {
  const traced = sumberOf(dHasil);
  const ids: number[] = [];
  if (traced) {
    for (const t of traced) {
      const rekaman = (t.sumber as { rekaman?: string } | null)?.rekaman;
      if (!rekaman) continue;
      const s = findSubmission(ctx.db, t.tps, pemilihan, rekaman);
      if (!s) throw new Error(`kirim outbox: record ${rekaman} of TPS ${t.tps} named by the document is not held`);
      ids.push(s.id);
    }
    return ids;
  }
  const snap = loadSnapshot(ctx, pemilihan);
  if (!snap.ok) throw new Error(`kirim outbox: ${snap.error.message}`);
  for (const code of snap.value.order) {
    const trace = snap.value.byTps.get(code)?.trace;
    if (trace) ids.push(trace.record.submissionId);
  }
  return ids;
}

/** The object of `jenis` a manifest lists (its latest D.Hasil or D.Kejadian), if any. */
function listedObjek(db: WritableDb, envelopeJson: string | undefined, jenis: ObjekJenis): ObjekRow | undefined {
  if (!envelopeJson) return undefined;
  const m = (JSON.parse(envelopeJson) as SignedEnvelope<KirimManifest>).payload;
  const o = m.objek.find((x) => x.jenis === jenis);
  return o ? getObjek(db, o.sha256) : undefined;
}

/** The issued PDF of a document data envelope (matched by the data hash recorded with the document). */
function pdfOf(db: WritableDb, objek: ObjekRow): BerkasRow | undefined {
  const payload = (JSON.parse(objek.envelopeJson) as SignedEnvelope<unknown>).payload;
  const dataSha = sha256HexOfText(canonicalize(payload));
  const doc = listDocuments(db, {}).find((d) => d.dataSha256 === dataSha);
  // Stored in kirim_berkas when that document was issued (and pushed).
  return doc ? getBerkas(db, doc.fileSha256) : undefined;
}

/** Writes the push for the document just issued; runs inside the issuing command. Returns the manifest address. */
export function writeKirimOutbox(db: WritableDb, ctx: Pick<BackendContext, 'db' | 'dataDir'>, doc: IssuedForKirim) {
  if (!hasOutbox(db)) return null; // a database still at an older schema (only built so by the upgrade test)
  const prev = latestManifest(db, doc.pemilihan);
  const own = objekOf(doc.envelope, doc.kind);
  const otherKind = doc.kind === 'd-hasil' ? 'kejadian-khusus' : 'd-hasil';
  const other = listedObjek(db, prev?.envelopeJson, otherKind);
  const dHasil = doc.kind === 'd-hasil' ? own : other;

  const objek: ObjekRow[] = [own, ...(other ? [other] : [])];
  const berkas: BerkasRow[] = [
    {
      sha256: doc.pdf.sha256,
      jenis: 'pdf',
      ukuran: doc.pdf.size,
      mime: 'application/pdf',
      lokasi: `documents/${doc.pdf.fileName}`,
    },
  ];
  const otherPdf = other ? pdfOf(db, other) : undefined;
  if (otherPdf) berkas.push(otherPdf);
  if (dHasil) {
    const payload = (JSON.parse(dHasil.envelopeJson) as SignedEnvelope<unknown>).payload;
    for (const id of countedSubmissions(ctx, doc.pemilihan, payload)) {
      const s = getSubmission(db, id);
      if (!s) throw new Error(`kirim outbox: submission ${id} vanished`);
      objek.push(objekOf(JSON.parse(s.envelopeJson), 'c-hasil'));
      for (const f of submissionPhotos(db, id)) {
        const p = f.present ? getPhoto(db, f.sha256) : undefined;
        if (!p) continue; // a photo not held is not pushed (§4.2: "the photos ... the kecamatan holds")
        berkas.push({
          sha256: p.sha256,
          jenis: 'foto',
          ukuran: p.size,
          mime: MIME[p.ext],
          lokasi: path.posix.join('photos', `${p.sha256}.${p.ext}`),
        });
      }
    }
  }
  const uniqObjek = [...new Map(objek.map((o) => [o.sha256, o])).values()];
  const uniqBerkas = [...new Map(berkas.map((b) => [b.sha256, b])).values()];
  for (const o of uniqObjek) insertObjekOnce(db, o, doc.actor, doc.at);
  for (const b of uniqBerkas) insertBerkasOnce(db, b, doc.actor, doc.at);

  const meta = getMeta(db);
  if (!meta) throw new Error('kirim outbox: no kecamatan in this database');
  const head = auditHead(db);
  const payload: KirimManifest = {
    format: 'pleno.kirim/1',
    kecamatan: meta.kecamatanKode,
    pemilihan: doc.pemilihan,
    urutan: (prev?.urutan ?? 0) + 1,
    sebelumnya: prev?.sha256 ?? null,
    audit: { jumlah: head.seq, kepala: head.hash },
    objek: uniqObjek.map((o) => ({ sha256: o.sha256, jenis: o.jenis, ukuran: o.ukuran })),
    berkas: uniqBerkas.map((b) => ({ sha256: b.sha256, jenis: b.jenis, ukuran: b.ukuran, mime: b.mime })),
    dibuat: doc.at,
  };
  const envelope = ppkKey(ctx).signPayload(payload);
  const text = canonicalize(envelope);
  const sha256 = sha256HexOfText(text);
  insertManifest(
    db,
    {
      sha256,
      pemilihan: doc.pemilihan,
      urutan: payload.urutan,
      sebelumnya: payload.sebelumnya,
      documentId: doc.documentId,
      envelopeJson: text,
      createdAt: doc.at,
    },
    doc.actor,
  );
  return { sha256, urutan: payload.urutan };
}
