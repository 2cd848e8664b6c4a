// pleno kirim … (docs/design.md §5): set the receiver, push the outbox, export upload bundles, import a receipt.
//   pleno kirim penerima --db <file> <sertifikat.json> | --url <url>   last line "kunci-ppk: <base64url>"
//   pleno kirim --db <file> [--pemilihan <id>] [--batas <s>] [--potongan <bytes>] [--tunggu <s>]
//                                     one line per manifest; exit 0 when all hold a receipt. --potongan: tus chunk
//                                     size (default 262144); --tunggu: a request that moves no byte this long is
//                                     abandoned and retried (default 60)
//   pleno kirim ekspor --db <file> --out <dir>
//   pleno kirim tanda-terima --db <file> <receipt.json>
import { mkdirSync, readFileSync } from 'node:fs';
import { fail, type Result } from '../../../shared/domain/result';
import { options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';
import type { Backend } from '../backend/backend';

const USAGE = `Penggunaan / usage:
  pleno kirim penerima --db <file> <sertifikat.json> | --url <url>
  pleno kirim --db <file> [--pemilihan <id>] [--batas <s>] [--potongan <bytes>] [--tunggu <s>]
  pleno kirim ekspor --db <file> --out <dir>
  pleno kirim tanda-terima --db <file> <receipt.json>`;

async function penerima(b: Backend, file: string | undefined, url: string | undefined): Promise<number> {
  const svc = await import('../backend/services/kirim/penerima');
  let r;
  if (url) r = await svc.installPenerimaFromUrl(b.ctx, url, 'cli');
  else {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file!, 'utf8'));
    } catch {
      process.stderr.write(`${file}: ditolak: berkas sertifikat tidak dapat dibaca sebagai JSON\n`);
      return 1;
    }
    r = svc.installPenerima(b.ctx, json, 'cli');
  }
  if (!r.ok) {
    process.stderr.write(`ditolak: ${r.error.message}\n`);
    return 1;
  }
  process.stdout.write(`penerima: ${r.value.cert.kabkota.nama} (${r.value.cert.kabkota.kode}) ${r.value.cert.url}\n`);
  process.stdout.write(`sidik-jari-penerima: ${r.value.fingerprint}\n`);
  process.stdout.write(`sidik-jari-ppk: ${r.value.ppkFingerprint}\n`);
  process.stdout.write(`kunci-ppk: ${r.value.ppkKey}\n`);
  return 0;
}

function number(value: string | undefined, flag: string, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new UsageError(`${flag} harus bilangan >= ${min}`);
  return n;
}

async function push(b: Backend, v: Record<string, string | undefined>): Promise<number> {
  const seconds = number(v.batas, '--batas <detik>', 0) ?? 300;
  const chunkSize = number(v.potongan, '--potongan <bytes>', 1024);
  const tunggu = number(v.tunggu, '--tunggu <detik>', 1);
  const { kirimOutbox, outcomeLine } = await import('../backend/services/kirim/sender');
  const r = await kirimOutbox(b.ctx, {
    batasMs: seconds * 1000,
    ...(v.pemilihan ? { pemilihan: v.pemilihan } : {}),
    ...(chunkSize ? { chunkSize: Math.floor(chunkSize) } : {}),
    ...(tunggu ? { timeoutMs: tunggu * 1000 } : {}),
  });
  if (!r.ok) {
    process.stderr.write(`ditolak: ${r.error.message}\n`);
    return 1;
  }
  for (const o of r.value) process.stdout.write(`${outcomeLine(o)}\n`);
  return r.value.every((o) => o.status !== 'belum') ? 0 : 1;
}

/** The bundles into `out`, created if missing; a folder that cannot be written is refused in one line (§5). */
async function exportTo(b: Backend, out: string): Promise<Result<string[]>> {
  const { exportBundles } = await import('../backend/services/kirim/bundle');
  try {
    mkdirSync(out, { recursive: true });
    return exportBundles(b.ctx, out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw err;
    return fail('INVALID_INPUT', `folder tidak dapat ditulis (${code})`);
  }
}

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const { values, positionals } = parseCli(
      argv,
      options(['db', 'pemilihan', 'batas', 'out', 'url', 'potongan', 'tunggu']),
    );
    const dbPath = requireDb(values.db);
    const sub = positionals[0];
    return withBackend('kirim', dbPath, { mustExist: true }, async (b) => {
      if (sub === undefined) return push(b, values);
      if (sub === 'penerima') {
        if ((positionals.length === 2) === (values.url !== undefined))
          throw new UsageError('berikan <sertifikat.json> atau --url <url>');
        return penerima(b, positionals[1], values.url);
      }
      if (sub === 'ekspor') {
        if (!values.out || positionals.length !== 1) throw new UsageError('--out <dir> wajib / is required');
        const r = await exportTo(b, values.out);
        if (!r.ok) {
          process.stderr.write(`${values.out}: ditolak: ${r.error.message}\n`);
          return 1;
        }
        for (const n of r.value) process.stdout.write(`${n}\n`);
        process.stdout.write(`${r.value.length} berkas kiriman ditulis\n`);
        return 0;
      }
      if (sub === 'tanda-terima') {
        if (positionals.length !== 2) throw new UsageError('<receipt.json> wajib / is required');
        const { importReceiptFile } = await import('../backend/services/kirim/bundle');
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(positionals[1]!);
        } catch {
          process.stderr.write(`${positionals[1]}: ditolak: berkas tidak dapat dibaca\n`);
          return 1;
        }
        const r = importReceiptFile(b.ctx, bytes);
        if (!r.ok) {
          process.stderr.write(`${positionals[1]}: ditolak: ${r.error.message}\n`);
          return 1;
        }
        const t = r.value.receipt;
        process.stdout.write(`${t.kecamatan} ${t.pemilihan} urutan ${t.urutan}: ${t.status}\n`);
        return 0;
      }
      throw new UsageError(`subperintah tidak dikenal / unknown subcommand: ${sub}`);
    });
  });
