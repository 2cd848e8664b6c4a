// pleno verify <file>... [--master <master.json>] [--db <file>]
// A PDF issued by Pleno: embedded signed data, PPK signature, pages re-rendered from the data (verify-pdf.ts); with
// --db the signer must be that database's PPK key, and the traces of a pleno.document/2 D.Hasil (every lampiran TPS's
// record and corrections) are replayed against the records that database holds, reported per TPS (verify-traces.ts),
// and the database must pass its integrity check; or with --kunci <fingerprint> (--kunci-ppk, its older name) the
// key the issuer announced (the PPK, or the KPU kab/kota for its documents); without either the signer is unconfirmed.
// A bundle (.pleno) or an envelope (.json): formats' strict parsers and signatures. A C.Hasil is signed by a KPPS
// device whose key is only known from the data master: it is taken from --master, else from --db, else from a
// master.json found beside the file or in its parent folder (the demo layout); without any master the signature
// cannot be checked and the file is reported as NOT verified (exit 1), naming the signer keyId.
// A data master, a PPK receipt or document data carry their key (self-signed): checked as such, fingerprint shown.
// Exit 0 when every file is valid, 1 otherwise (one line per problem on stderr), 2 on usage errors.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { DataMaster } from '../../../shared/domain/model';
import { readBundle } from '../../../shared/formats/bundle';
import { verifyCHasilEnvelope } from '../../../shared/formats/c-hasil';
import { formatFingerprint, parseEnvelopeBytes, verifySelfSigned } from '../../../shared/formats/envelope';
import { parseJson } from '../../../shared/formats/json';
import { parseMaster } from '../../../shared/formats/master';
import { nodeCrypto } from '../backend/crypto';
import { decisionDevices, loadDataMaster } from '../backend/repositories/master.repo';
import { ppkKeyOrNull } from '../backend/services/keys/ppk-key';
import { verifyPdf } from '../backend/services/documents/verify-pdf';
import { recordBySha256 } from '../backend/repositories/submission.repo';
import type { HeldRecord } from '../../../shared/documents/traces';
import { traceReport } from './verify-traces';
import { isKabDocument, type KabDHasilData } from '../../../shared/documents/kabko-types';
import type { DocumentData } from '../../../shared/documents/types';
import { getPenerima } from '../backend/repositories/penerima.repo';
import type { Db } from '../backend/context';
import { kabTraceReport } from '../backend/services/penerima/pleno/kab-verify';
import type { Perangkat } from '../../../shared/domain/model';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { withBackend } from './storage-cli';
import { integrityCheck } from '../backend/services/integrity/integrity.service';

const USAGE =
  'Penggunaan / usage: pleno verify <file>... [--master <master.json>] [--db <file>] [--kunci <sidik> | --kunci-ppk <sidik>]';

interface Trust {
  master?: { value: DataMaster; source: string; extra: Perangkat[] };
  ppkPublicKey?: string;
  /** Whose key ppkPublicKey is: the PPK database's, or a receiver database's (KPU kab/kota). */
  keyHolder?: 'ppk' | 'penerima';
  /** The database's C.Hasil records by payload hash (with --db), for the traces of a pleno.document/2. */
  record?: (sha256: string) => HeldRecord | undefined;
  /** --kunci-ppk: the fingerprint the PPK announced (16 hex, spaces allowed). */
  ppkFingerprint?: string;
  /** With --db: why that database fails its integrity check (its documents are then not called sah). */
  dbProblem?: string;
  /** With --db of a receiver: its database, for the traces of a D.Hasil Kabupaten/Kota (kab-verify.ts). */
  kab?: Db;
}

interface Outcome {
  ok: boolean;
  lines: string[];
}

function readMasterFile(file: string): { value: DataMaster } | { error: string } {
  const env = parseEnvelopeBytes(new Uint8Array(readFileSync(file)));
  if (!env.ok) return { error: `data master ${file}: ${env.error.message}` };
  const sig = verifySelfSigned(env.value, nodeCrypto);
  if (!sig.ok) return { error: `data master ${file}: ${sig.error.message}` };
  const m = parseMaster(env.value.payload);
  if (!m.ok) return { error: `data master ${file}: ${m.error.path ? m.error.path + ': ' : ''}${m.error.message}` };
  return { value: m.value };
}

function discoverMaster(file: string): string | undefined {
  const dir = path.dirname(path.resolve(file));
  for (const candidate of [path.join(dir, 'master.json'), path.join(dir, '..', 'master.json')]) {
    if (existsSync(candidate) && path.resolve(candidate) !== path.resolve(file)) return candidate;
  }
  return undefined;
}

function masterFor(file: string, trust: Trust): { master?: Trust['master']; error?: string } {
  if (trust.master) return { master: trust.master };
  const found = discoverMaster(file);
  if (!found) return {};
  const m = readMasterFile(found);
  if ('error' in m) return { error: m.error };
  return { master: { value: m.value, source: found, extra: [] } };
}

function verifyCHasilJson(json: unknown, label: string, file: string, trust: Trust): Outcome {
  const env = parseEnvelopeBytes(JSON.stringify(json));
  const keyId = env.ok ? env.value.signature.keyId : '?';
  const { master, error } = masterFor(file, trust);
  if (error) return { ok: false, lines: [error] };
  if (!master) {
    return {
      ok: false,
      lines: [
        `${label}: tanda tangan perangkat ${keyId} tidak dapat diperiksa tanpa data master (berikan --master atau --db)`,
      ],
    };
  }
  const v = verifyCHasilEnvelope(json, { master: master.value, crypto: nodeCrypto, extraDevices: master.extra });
  if (!v.ok)
    return {
      ok: false,
      lines: [`${label}: ${v.error.path ? v.error.path + ': ' : ''}${v.error.message} (penanda tangan ${keyId})`],
    };
  return {
    ok: true,
    lines: [
      `${label}: sah — C.Hasil TPS ${v.value.record.tps} ${v.value.record.pemilihan}, perangkat ${keyId} terdaftar ` +
        `(data master ${master.source}), sha256 ${v.value.sha256}`,
    ],
  };
}

function verifyEnvelopeFile(bytes: Uint8Array, file: string, trust: Trust): Outcome {
  const j = parseJson(bytes);
  if (!j.ok) return { ok: false, lines: [`bukan PDF, bundel, atau amplop JSON yang sah: ${j.error.message}`] };
  const env = parseEnvelopeBytes(bytes);
  if (!env.ok)
    return {
      ok: false,
      lines: [`amplop tidak sah: ${env.error.path ? env.error.path + ': ' : ''}${env.error.message}`],
    };
  const format = String(env.value.payload.format ?? '');
  if (format === 'pleno.c-hasil/1') return verifyCHasilJson(j.value, 'amplop', file, trust);
  const sig = verifySelfSigned(env.value, nodeCrypto);
  if (!sig.ok)
    return {
      ok: false,
      lines: [`${format || 'amplop'}: ${sig.error.message} (penanda tangan ${env.value.signature.keyId})`],
    };
  const fp = formatFingerprint(sig.value.fingerprint);
  if (format === 'pleno.master/1') {
    const m = parseMaster(env.value.payload);
    if (!m.ok)
      return { ok: false, lines: [`data master: ${m.error.path ? m.error.path + ': ' : ''}${m.error.message}`] };
    return {
      ok: true,
      lines: [`sah — data master Kecamatan ${m.value.kecamatan.nama} (${m.value.kecamatan.kode}), kunci KPU ${fp}`],
    };
  }
  const lines = [`sah — ${format || 'amplop'} ditandatangani kunci ${fp}`];
  if (trust.ppkPublicKey !== undefined) {
    const key = signerWords(trust.keyHolder === 'penerima').key;
    if (env.value.signature.publicKey !== trust.ppkPublicKey)
      return { ok: false, lines: [`${format}: ditandatangani kunci ${fp}, bukan ${key} basis data ini`] };
    lines[0] += ` (${key} basis data ini)`;
  }
  return { ok: true, lines };
}

function verifyBundleFile(bytes: Uint8Array, file: string, trust: Trust): Outcome {
  const b = readBundle(bytes, { sha256: nodeCrypto.sha256 });
  if (!b.ok)
    return { ok: false, lines: [`bundel tidak sah: ${b.error.path ? b.error.path + ': ' : ''}${b.error.message}`] };
  const out: Outcome = { ok: true, lines: [] };
  for (const r of b.value.results) {
    const v = verifyCHasilJson(r.envelope, r.name, file, trust);
    out.ok &&= v.ok;
    out.lines.push(...v.lines);
  }
  out.lines.push(`${b.value.results.length} hasil, ${b.value.photos.size} foto (hash foto cocok)`);
  return out;
}

async function verifyFile(file: string, trust: Trust): Promise<Outcome> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(file));
  } catch (err) {
    return {
      ok: false,
      lines: [`tidak dapat dibaca: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`],
    };
  }
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head.startsWith('%PDF')) return pdfOutcome(await verifyPdf(bytes, pdfOptions(trust)), trust);
  if (head.startsWith('PK')) return verifyBundleFile(bytes, file, trust);
  return verifyEnvelopeFile(bytes, file, trust);
}

function pdfOptions(trust: Trust): Parameters<typeof verifyPdf>[1] {
  return trust.ppkPublicKey !== undefined
    ? { expectedPublicKey: trust.ppkPublicKey, expectedHolder: trust.keyHolder ?? 'ppk' }
    : {};
}

/** Whose key signs a document: the PPK's (kecamatan documents) or the receiver's (KPU kab/kota documents). */
function signerWords(kab: boolean) {
  return kab
    ? { key: 'kunci penerima KPU Kabupaten/Kota', who: 'KPU Kabupaten/Kota', db: 'basis data penerima' }
    : { key: 'kunci PPK', who: 'PPK', db: 'basis data PPK' };
}

/**
 * A PDF is called sah only when its signer is confirmed: the database's own key (--db: the PPK key, or a receiver's
 * key for a kab/kota document) or the fingerprint its issuer announced (--kunci-ppk, or --kunci for either). An
 * intact signature by an unconfirmed key is said to be exactly that, without the word sah (exit 0: nothing in the
 * file is wrong; docs/spec-readings.md). The words name the issuer the document says it has.
 */
function signerLine(what: string, keyId: string, trust: Trust, kab: boolean): { ok: boolean; line: string } {
  const fp = formatFingerprint(keyId);
  const w = signerWords(kab);
  if (trust.ppkPublicKey !== undefined)
    return { ok: true, line: `sah — ${what}, ${w.key} ${fp} (kunci basis data ini)` };
  if (trust.ppkFingerprint === undefined) {
    return {
      ok: true,
      line: `utuh, penanda tangan BELUM dipastikan — ${what}, ditandatangani kunci ${fp}; kunci itu bisa milik siapa saja: bandingkan dengan sidik ${w.key} yang diumumkan ${w.who}, lalu ulangi dengan --kunci <sidik kunci> (atau --db <${w.db}>)`,
    };
  }
  if (trust.ppkFingerprint === keyId.toLowerCase())
    return { ok: true, line: `sah — ${what}, ${w.key} ${fp} (sama dengan sidik kunci yang diberikan)` };
  return {
    ok: false,
    line: `${what}: ditandatangani kunci ${fp}, bukan ${w.key} ${formatFingerprint(trust.ppkFingerprint)} yang diberikan`,
  };
}

function pdfOutcome(v: Awaited<ReturnType<typeof verifyPdf>>, trust: Trust): Outcome {
  const i = v.info;
  if (!v.valid || !v.data) return { ok: false, lines: v.problems };
  const what = `${i.id} versi ${i.version} ${i.final ? 'FINAL' : 'DRAF'}, ${i.pages} halaman, data sha256 ${i.dataSha256}`;
  if (trust.dbProblem !== undefined) {
    return {
      ok: false,
      lines: [
        `${what}: tanda tangan dan halaman utuh, tetapi basis data yang diberikan gagal pemeriksaan keutuhan (${trust.dbProblem}); dokumen tidak dinyatakan sah terhadap basis data ini`,
      ],
    };
  }
  const signer = signerLine(what, i.keyId ?? '', trust, isKabDocument(v.data));
  if (!signer.ok) return { ok: false, lines: [signer.line] };
  if (trust.kab && isKabDocument(v.data)) {
    if (v.data.meta.kind !== 'd-hasil-kabko') return { ok: true, lines: [signer.line] };
    const kab = kabTraceReport(trust.kab, v.data as KabDHasilData);
    return { ok: kab.ok, lines: kab.ok ? [signer.line, ...kab.lines] : kab.lines };
  }
  const traces = traceReport(v.data as DocumentData, trust.record ?? null);
  if (!traces) return { ok: true, lines: [signer.line] };
  if (!traces.ok) return { ok: false, lines: traces.lines };
  return { ok: true, lines: [signer.line, ...traces.lines] };
}

/** The fingerprint as given (spaces and case ignored), or an error. */
function parseFingerprint(v: string): string {
  const fp = v.replace(/\s+/g, '').toLowerCase();
  if (!/^[0-9a-f]{16}$/.test(fp)) throw new UsageError('--kunci: sidik kunci 16 digit heksadesimal / 16 hex digits');
  return fp;
}

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(argv, options(['master', 'db', 'kunci-ppk', 'kunci']));
    if (positionals.length === 0) throw new UsageError('berkas yang diperiksa wajib / a file is required');
    const trust: Trust = {};
    if (values['kunci-ppk'] !== undefined && values.kunci !== undefined)
      throw new UsageError('--kunci dan --kunci-ppk tidak dapat dipakai bersama / use one of --kunci, --kunci-ppk');
    const announced = values.kunci ?? values['kunci-ppk'];
    if (announced !== undefined) trust.ppkFingerprint = parseFingerprint(announced);
    if (values.master !== undefined) {
      const m = readMasterFile(values.master);
      if ('error' in m) {
        process.stderr.write(`pleno verify: ${m.error}\n`);
        return 1;
      }
      trust.master = { value: m.value, source: values.master, extra: [] };
    }
    const run = async (): Promise<number> => {
      let allOk = true;
      for (const file of positionals) {
        const o = await verifyFile(file, trust);
        allOk &&= o.ok;
        for (const line of o.lines)
          (o.ok ? process.stdout : process.stderr).write(`${file}: ${o.ok ? '' : 'TIDAK SAH: '}${line}\n`);
      }
      return allOk ? 0 : 1;
    };
    if (values.db === undefined) return run();
    return withBackend('verify', values.db, { mustExist: true, readOnly: true }, async (b) => {
      const key = ppkKeyOrNull(b.ctx);
      if (key) trust.ppkPublicKey = key.publicKey;
      // A receiver database: its own key signs the kab/kota documents, whose traces name its pushes.
      const penerima = getPenerima(b.ctx.db);
      if (penerima) {
        trust.ppkPublicKey = penerima.publicKey;
        trust.keyHolder = 'penerima';
        trust.kab = b.ctx.db;
      }
      trust.record = (sha) => recordBySha256(b.ctx.db, sha);
      const integrity = integrityCheck(b.ctx);
      if (!integrity.ok)
        trust.dbProblem = `${integrity.problems.length} temuan, pertama: ${integrity.problems[0]!.message}`;
      const m = loadDataMaster(b.ctx.db);
      if (m && !trust.master) trust.master = { value: m, source: values.db!, extra: decisionDevices(b.ctx.db) };
      return run();
    });
  });
