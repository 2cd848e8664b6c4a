// Witnesses of the audit head (`pleno audit verify --saksi <file>…`, docs/storage.md "Integrity"): the file alone
// cannot show that its newest rows were deleted together with their audit entries, but a copy that left the laptop
// can. Each witness names a head (entries `jumlah`, newest hash `kepala`) it saw:
//   - an issued document PDF: the PPK-signed data's `meta.audit` (the head before the document's own entry), and
//     the document itself must still be recorded in the database;
//   - a backup's `cadangan.json` (pleno.cadangan/1: `entries`, `head`);
//   - a receipt of the receiver (pleno.tanda-terima/1 envelope, `audit`), checked under the installed certificate.
// A chain shorter than a witnessed head was cut (truncation); another hash at that entry was rewritten (divergence).
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Db } from '../../context';
import { parseEnvelopeBytes, verifySelfSigned } from '../../../../../shared/formats/envelope';
import { parseJson } from '../../../../../shared/formats/json';
import { isPlainObject } from '../../../../../shared/formats/strict';
import { parseTandaTerima, verifyKeyedUnder } from '../../../../../shared/formats/kirim';
import type { DocumentData } from '../../../../../shared/documents/types';
import { nodeCrypto } from '../../crypto';
import { listAudit } from '../../repositories/audit.repo';
import { getPpkKey } from '../../repositories/keys.repo';
import { getMeta } from '../../repositories/master.repo';
import { listDocuments } from '../../repositories/documents.repo';
import { currentPenerima, hasOutbox } from '../../repositories/kirim.repo';
import { dataHash } from '../documents/signed-pdf';

export interface Witness {
  file: string;
  /** What it is, in words ("dokumen DHASIL-630214-bupati versi 2", "cadangan 2024-11-30T…", "tanda terima …"). */
  label: string;
  jumlah: number;
  kepala: string;
  kecamatan: string;
  /** A document witnesses its own issue too: the SHA-256 of its data must be recorded. */
  documentDataSha256?: string;
}

export type WitnessRead = { ok: true; witness: Witness; notes: string[] } | { ok: false; message: string };

const MAX_PDF = 512 * 1024 * 1024;
const MAX_JSON = 4 * 1024 * 1024;
const HEX64 = /^[0-9a-f]{64}$/;

const refuse = (message: string): WitnessRead => ({ ok: false, message });

function isHead(jumlah: unknown, kepala: unknown): boolean {
  return Number.isSafeInteger(jumlah) && (jumlah as number) >= 0 && typeof kepala === 'string' && HEX64.test(kepala);
}

/** A document PDF: its embedded PPK-signed data, signed by this database's PPK key. */
async function pdfWitness(file: string, bytes: Uint8Array, db: Db): Promise<WitnessRead> {
  const { readEmbeddedData } = await import('../documents/verify-pdf');
  let attached: Uint8Array | null;
  try {
    attached = await readEmbeddedData(bytes);
  } catch {
    return refuse('berkas PDF tidak dapat dibaca');
  }
  if (!attached) return refuse('bukan dokumen Pleno (tidak ada data bertanda tangan di dalamnya)');
  const env = parseEnvelopeBytes(attached);
  if (!env.ok) return refuse('data bertanda tangan di dalam PDF rusak');
  const signer = verifySelfSigned(env.value, nodeCrypto);
  if (!signer.ok) return refuse('tanda tangan data di dalam PDF tidak sah');
  const ppk = getPpkKey(db);
  if (!ppk || signer.value.fingerprint !== ppk.keyId)
    return refuse(`ditandatangani kunci ${signer.value.fingerprint}, bukan kunci PPK basis data ini`);
  const data = env.value.payload as unknown as DocumentData;
  const audit = isPlainObject(data.meta) ? data.meta.audit : undefined;
  if (!audit || !isHead(audit.jumlah, audit.kepala))
    return refuse(
      'dokumen ini diterbitkan sebelum Pleno mencatat kepala audit pada dokumen; tidak dapat menjadi saksi',
    );
  return {
    ok: true,
    notes: [],
    witness: {
      file,
      label: `dokumen ${data.meta.id} versi ${data.meta.version}${data.meta.final ? '' : ' (draf)'}`,
      jumlah: audit.jumlah,
      kepala: audit.kepala,
      kecamatan: data.meta.kecamatan,
      documentDataSha256: dataHash(data),
    },
  };
}

/** A backup's cadangan.json (written beside the copied database; docs/spec-readings.md, issue 13). */
function backupWitness(file: string, o: Record<string, unknown>): WitnessRead {
  const kec = isPlainObject(o.kecamatan) ? o.kecamatan.kode : undefined;
  if (!isHead(o.entries, o.head) || typeof kec !== 'string') return refuse('cadangan.json tidak lengkap');
  const label = `cadangan ${typeof o.dibuat === 'string' ? o.dibuat : ''}`.trim();
  return {
    ok: true,
    notes: [],
    witness: { file, label, jumlah: o.entries as number, kepala: o.head as string, kecamatan: kec },
  };
}

/** A receipt of the receiver, under the certificate installed in this database when there is one. */
function receiptWitness(file: string, bytes: Uint8Array, db: Db): WitnessRead {
  const env = parseEnvelopeBytes(bytes);
  if (!env.ok) return refuse('tanda terima rusak');
  const penerima = hasOutbox(db) ? currentPenerima(db) : undefined;
  const notes: string[] = [];
  if (penerima) {
    const v = verifyKeyedUnder(env.value, penerima.publicKey, nodeCrypto, 'kunci penerima pada sertifikat');
    if (!v.ok) return refuse(`tanda terima tidak sah di bawah kunci penerima terpasang: ${v.error.message}`);
  } else {
    const v = verifySelfSigned(env.value, nodeCrypto);
    if (!v.ok) return refuse('tanda tangan tanda terima tidak sah');
    notes.push('belum ada sertifikat penerima terpasang: kunci penanda tangan tanda terima belum dipastikan');
  }
  const t = parseTandaTerima(env.value.payload);
  if (!t.ok) return refuse(`tanda terima tidak sah: ${t.error.message}`);
  const p = t.value;
  const label = `tanda terima ${p.pemilihan} urutan ${p.urutan} (${p.diterima})`;
  return {
    ok: true,
    notes,
    witness: { file, label, jumlah: p.audit.jumlah, kepala: p.audit.kepala, kecamatan: p.kecamatan },
  };
}

/** Reads one witness file (a PDF, cadangan.json or its folder, a receipt JSON); a refusal says why in words. */
export async function readWitness(path: string, db: Db): Promise<WitnessRead> {
  let file = path;
  try {
    if (statSync(file).isDirectory()) file = join(file, 'cadangan.json');
    if (!existsSync(file)) return refuse('berkas tidak ditemukan');
    const size = statSync(file).size;
    const head = readFileSync(file).subarray(0, 5);
    const isPdf = Buffer.from(head).toString('latin1') === '%PDF-';
    if (size > (isPdf ? MAX_PDF : MAX_JSON)) return refuse('berkas terlalu besar untuk sebuah saksi');
    const bytes = new Uint8Array(readFileSync(file));
    if (isPdf) return await pdfWitness(file, bytes, db);
    const json = parseJson(bytes);
    if (!json.ok || !isPlainObject(json.value)) return refuse('bukan PDF, cadangan.json, atau tanda terima Pleno');
    if (json.value.format === 'pleno.cadangan/1') return backupWitness(file, json.value);
    const payload = json.value.payload;
    if (isPlainObject(payload) && payload.format === 'pleno.tanda-terima/1') return receiptWitness(file, bytes, db);
    return refuse('bukan PDF, cadangan.json, atau tanda terima Pleno');
  } catch (err) {
    return refuse(`berkas tidak dapat dibaca (${(err as Error).message})`);
  }
}

export interface WitnessFinding {
  kind: 'cocok' | 'terpotong' | 'berbeda' | 'dokumen-hilang' | 'kecamatan-lain';
  /** Bahasa Indonesia. */
  message: string;
}

/** Compares the chain with one witness: what matches, or how the chain was cut or rewritten after it. */
export function compareWitness(db: Db, w: Witness): WitnessFinding[] {
  const name = `${w.label} (${basename(w.file)})`;
  const kec = getMeta(db)?.kecamatanKode;
  if (kec !== undefined && w.kecamatan !== kec)
    return [{ kind: 'kecamatan-lain', message: `${name} adalah saksi kecamatan ${w.kecamatan}, bukan ${kec}` }];
  const findings: WitnessFinding[] = [];
  const [entry] = w.jumlah === 0 ? [] : listAudit(db, { limit: 1, before: w.jumlah + 1 });
  const held = entry?.seq ?? 0;
  if (w.jumlah > 0 && held < w.jumlah) {
    findings.push({
      kind: 'terpotong',
      message: `rantai audit TERPOTONG: ${name} menyaksikan ${w.jumlah} entri, basis data hanya memegang ${held} entri sampai titik itu (entri terbaru dihapus beserta barisnya di luar aplikasi)`,
    });
  } else if (entry && entry.hash !== w.kepala) {
    findings.push({
      kind: 'berbeda',
      message: `rantai audit BERBEDA: entri #${w.jumlah} tidak sama dengan kepala yang disaksikan ${name} (riwayat sesudahnya ditulis ulang di luar aplikasi)`,
    });
  }
  if (w.documentDataSha256 && !listDocuments(db).some((d) => d.dataSha256 === w.documentDataSha256)) {
    findings.push({
      kind: 'dokumen-hilang',
      message: `${name} tidak tercatat di basis data: catatan penerbitannya dihapus di luar aplikasi`,
    });
  }
  if (findings.length === 0)
    findings.push({ kind: 'cocok', message: `${name}: cocok (${w.jumlah} entri, kepala ${w.kepala.slice(0, 16)})` });
  return findings;
}
