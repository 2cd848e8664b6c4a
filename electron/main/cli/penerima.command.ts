// pleno penerima init|sertifikat|pasang|kunci-ppk|serve (docs/design.md §5): the kab/kota receiver from the command
// line. Exit 0 ok, 1 rejected input (one line on stderr), 2 usage.
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { formatFingerprint } from '../../../shared/formats/envelope';
import { startPenerimaServer, PENERIMA_DEFAULT_PORT } from '../backend/penerima/receiver-server';
import { importKirimBundle } from '../backend/services/penerima/bundle-import.service';
import { createBundlePeeker, orderByManifest } from '../backend/services/penerima/drive-bundles';
import { receiptQrTerminal, writeReceiptBeside } from '../backend/services/penerima/receipt-file';
import {
  initPenerima,
  installSertifikat,
  registerPpkKey,
  requirePenerima,
} from '../backend/services/penerima/setup.service';
import { makeSertifikat } from '../backend/services/penerima/sertifikat';
import { penerimaRecap } from '../backend/services/penerima/recap.service';
import { KEY_VALUE, options, parseCli, UsageError, withUsage, type CliCommand } from './command';
import { requireDb, withBackend } from './storage-cli';
import { PLENO_USAGE, plenoVerbs } from './penerima-pleno.command';

const USAGE = `Penggunaan / usage:
  pleno penerima init --db <file> --master <file>...
  pleno penerima sertifikat --kunci <KPU key file> --master <file> --kunci-publik <base64url> --url <url> --out <file>
  pleno penerima pasang --db <file> <sertifikat.json>
  pleno penerima kunci-ppk --db <file> --kecamatan <kode> --kunci-publik <base64url> --alasan <text>
  pleno penerima serve --db <file> [--port N]
  pleno penerima impor --db <file> [--qr] <bundle.pleno-kirim>...
  pleno penerima recap --db <file> --json${PLENO_USAGE}`;

const read = (path: string): Uint8Array => new Uint8Array(readFileSync(path));
const rejected = (what: string, message: string): number => {
  process.stderr.write(`${what}: ditolak: ${message}\n`);
  return 1;
};

async function init(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, { db: { type: 'string' }, master: { type: 'string', multiple: true } });
  const dbPath = requireDb(values.db);
  const files = values.master ?? [];
  if (files.length === 0) throw new UsageError('--master <file> wajib / is required (boleh berulang)');
  const masters = files.map((f) => ({ name: basename(f), bytes: read(f) }));
  return withBackend('penerima init', dbPath, { mustExist: false }, (b) => {
    const r = initPenerima(b.ctx, masters, 'cli');
    if (!r.ok) return rejected('pleno penerima init', r.error.message);
    const v = r.value;
    process.stdout.write(
      `Penerima ${v.kabkota.nama} (${v.kabkota.kode}): ${v.added.length} data master baru, ${v.unchanged.length} sudah ada\n` +
        `Sidik jari kunci penerima / receiver key fingerprint: ${formatFingerprint(v.fingerprint)}\n` +
        `kunci-publik: ${v.publicKey}\n`,
    );
    return 0;
  });
}

async function sertifikat(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, options(['kunci', 'master', 'kunci-publik', 'url', 'out']), {
    'kunci-publik': KEY_VALUE,
  });
  for (const k of ['kunci', 'master', 'kunci-publik', 'url', 'out'] as const) {
    if (!values[k]) throw new UsageError(`--${k} wajib / is required`);
  }
  const r = makeSertifikat({
    kpuKeyFile: read(values.kunci!),
    master: read(values.master!),
    publicKey: values['kunci-publik']!,
    url: values.url!,
    now: new Date(),
  });
  if (!r.ok) return rejected('pleno penerima sertifikat', r.error.message);
  writeFileSync(values.out!, r.value.text);
  process.stdout.write(`Sertifikat penerima ditulis / written: ${values.out} (${r.value.kabkota})\n`);
  return 0;
}

async function pasang(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv, options(['db']));
  const dbPath = requireDb(values.db);
  if (positionals.length !== 1) throw new UsageError('satu berkas sertifikat / one certificate file');
  return withBackend('penerima pasang', dbPath, { mustExist: true }, (b) => {
    const r = installSertifikat(b.ctx, read(positionals[0]!), 'cli');
    if (!r.ok) return rejected(positionals[0]!, r.error.message);
    process.stdout.write(`Sertifikat dipasang / installed: ${r.value.url}\n`);
    return 0;
  });
}

async function kunciPpk(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, options(['db', 'kecamatan', 'kunci-publik', 'alasan']), {
    'kunci-publik': KEY_VALUE,
  });
  const dbPath = requireDb(values.db);
  for (const k of ['kecamatan', 'kunci-publik', 'alasan'] as const) {
    if (!values[k]) throw new UsageError(`--${k} wajib / is required`);
  }
  return withBackend('penerima kunci-ppk', dbPath, { mustExist: true }, (b) => {
    const r = registerPpkKey(b.ctx, {
      kecamatan: values.kecamatan!,
      publicKey: values['kunci-publik']!,
      alasan: values.alasan!,
      actor: 'cli',
    });
    if (!r.ok) return rejected('pleno penerima kunci-ppk', r.error.message);
    const what = r.value.status === 'baru' ? 'didaftarkan / registered' : 'sudah terdaftar / already registered';
    process.stdout.write(`Kunci PPK ${formatFingerprint(r.value.fingerprint)} ${what} untuk ${values.kecamatan}\n`);
    return 0;
  });
}

async function serve(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, options(['db', 'port']));
  const dbPath = requireDb(values.db);
  const port = values.port === undefined ? PENERIMA_DEFAULT_PORT : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port harus 0–65535');
  return withBackend('penerima serve', dbPath, { mustExist: true }, async (b) => {
    const server = await startPenerimaServer(b.ctx, { port });
    process.stdout.write(`Penerima siap / listening on port ${server.port}\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    return 0;
  });
}

async function recap(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, options(['db'], ['json']));
  const dbPath = requireDb(values.db);
  if (!values.json) throw new UsageError('--json wajib / is required');
  return withBackend('penerima recap', dbPath, { mustExist: true }, (b) => {
    const r = penerimaRecap(b.ctx.db);
    if (!r) return rejected('pleno penerima recap', 'basis data ini bukan penerima kab/kota');
    process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
    return 0;
  });
}

/** Reads the bundles, orders them by kecamatan, pemilihan and urutan (§4.4), imports each; exit 1 if any refused. */
async function impor(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv, options(['db'], ['qr']));
  const dbPath = requireDb(values.db);
  if (positionals.length === 0) throw new UsageError('berkas .pleno-kirim wajib / at least one bundle');
  return withBackend('penerima impor', dbPath, { mustExist: true }, async (b) => {
    if (!requirePenerima(b.ctx).ok) return rejected('pleno penerima impor', 'basis data ini bukan penerima kab/kota');
    let refusedAny = false;
    for (const path of orderByManifest(positionals, createBundlePeeker())) {
      let bytes: Uint8Array;
      try {
        bytes = read(path);
      } catch {
        refusedAny = rejected(path, 'berkas tidak dapat dibaca') === 1;
        continue;
      }
      const o = await importKirimBundle(b.ctx, basename(path), bytes);
      if (!o.manifest || !o.receiptJson) {
        refusedAny = rejected(path, o.masalah.join(' ')) === 1;
        continue;
      }
      const written = writeReceiptBeside(path, o.manifest.address, o.receiptJson);
      const again = o.status === 200 ? ' (sudah diterima sebelumnya)' : '';
      process.stdout.write(
        `${basename(path)}: ${o.manifest.kecamatan} ${o.manifest.pemilihan} urutan ${o.manifest.urutan}: ` +
          `${o.receiptStatus}${again}; tanda terima: ${written}\n`,
      );
      if (values.qr) process.stdout.write(`${await receiptQrTerminal(o.receiptJson)}\n`);
    }
    return refusedAny ? 1 : 0;
  });
}

const verbs: Record<string, (argv: string[]) => Promise<number>> = {
  init,
  sertifikat,
  pasang,
  'kunci-ppk': kunciPpk,
  serve,
  impor,
  recap,
  ...plenoVerbs,
};

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const [verb, ...rest] = argv;
    const run = verb === undefined ? undefined : verbs[verb];
    if (!run) throw new UsageError(`subperintah / subcommand: ${Object.keys(verbs).join(', ')}`);
    return run(rest);
  });
