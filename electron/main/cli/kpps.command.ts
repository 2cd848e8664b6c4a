// pleno kpps — a KPPS phone simulator for tests, benchmarks and PPK training (bimtek):
//   pleno kpps push --to <url> <file>...     sends bundles (.pleno) or envelopes (.json) to a LAN receiver like a phone
//                                            (reads /v1/hello, posts, verifies each receipt against the hello key);
//                                            prints one line per file; exit 1 if any was rejected
//   pleno kpps qr <envelope.json> --out <dir> writes the QR PNG image(s) of an envelope (multi-part when needed)
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type CliCommand, options, parseCli, UsageError, withUsage } from './command';
import { pushFile, readHello, type PushResult } from '../backend/lan/kpps-client';
import { encodeQrParts } from '../../../shared/formats/qr';
import { parseEnvelopeBytes } from '../../../shared/formats/envelope';
import { renderQrPng } from '../backend/services/qr/qr-render';

const USAGE = `Penggunaan / usage:
  pleno kpps push --to <url> <file>...
  pleno kpps qr <envelope.json> --out <dir>`;

function line(file: string, r: PushResult): string {
  const name = basename(file);
  if (r.status === 'ditolak') return `${name}: ditolak (${r.httpStatus}): ${r.reason}`;
  const what = r.records.map((x) => `${x.tps} ${x.pemilihan}`).join(', ');
  return `${name}: ${r.status} (${r.httpStatus}) ${what} — tanda terima sah`;
}

async function push(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv, options(['to']));
  if (!values.to) throw new UsageError('pleno kpps push: --to <url> wajib / required');
  if (positionals.length === 0) throw new UsageError('pleno kpps push: tidak ada berkas / no files');
  let url: URL;
  try {
    url = new URL(values.to);
  } catch {
    throw new UsageError(`pleno kpps push: URL tidak sah / invalid URL: ${values.to}`);
  }
  const hello = await readHello(url.toString());
  if (!hello.ok) {
    process.stderr.write(`pleno kpps push: ${hello.reason}\n`);
    return 1;
  }
  process.stdout.write(`Penerima / receiver: kecamatan ${hello.value.kecamatan}, kunci PPK ${hello.value.ppkKey}\n`);
  let rejected = 0;
  const counts = { diterima: 0, duplikat: 0, konflik: 0, ditolak: 0 };
  for (const file of positionals) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (err) {
      process.stderr.write(`${basename(file)}: ditolak: berkas tidak dapat dibaca (${(err as Error).message})\n`);
      rejected += 1;
      counts.ditolak += 1;
      continue;
    }
    const kind = extname(file).toLowerCase() === '.pleno' ? 'bundle' : 'c-hasil';
    const r = await pushFile(url.toString(), hello.value, kind, bytes);
    counts[r.status] += 1;
    if (r.status === 'ditolak') {
      rejected += 1;
      process.stderr.write(line(file, r) + '\n');
    } else {
      process.stdout.write(line(file, r) + '\n');
    }
  }
  process.stdout.write(
    `Ringkasan / summary: ${positionals.length} berkas, ${counts.diterima} diterima, ${counts.duplikat} duplikat, ${counts.konflik} konflik, ${counts.ditolak} ditolak\n`,
  );
  return rejected > 0 ? 1 : 0;
}

async function qr(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv, options(['out']));
  if (!values.out) throw new UsageError('pleno kpps qr: --out <dir> wajib / required');
  if (positionals.length !== 1)
    throw new UsageError('pleno kpps qr: tepat satu berkas amplop / exactly one envelope file');
  const file = positionals[0]!;
  let env;
  try {
    env = parseEnvelopeBytes(new Uint8Array(readFileSync(file)));
  } catch (err) {
    process.stderr.write(`${basename(file)}: ditolak: berkas tidak dapat dibaca (${(err as Error).message})\n`);
    return 1;
  }
  if (!env.ok) {
    process.stderr.write(`${basename(file)}: ditolak: ${env.error.message}\n`);
    return 1;
  }
  const parts = encodeQrParts(env.value);
  mkdirSync(values.out, { recursive: true });
  const stem = basename(file).replace(/\.json$/i, '');
  for (let i = 0; i < parts.length; i++) {
    const name = parts.length === 1 ? `${stem}.png` : `${stem}-${i + 1}-dari-${parts.length}.png`;
    writeFileSync(join(values.out, name), await renderQrPng(parts[i]!));
    process.stdout.write(`${join(values.out, name)} (${parts[i]!.length} karakter)\n`);
  }
  return 0;
}

export const command: CliCommand = (argv) =>
  withUsage(USAGE, async () => {
    const [sub, ...rest] = argv;
    if (sub === 'push') return push(rest);
    if (sub === 'qr') return qr(rest);
    throw new UsageError(`pleno kpps: subperintah tidak dikenal / unknown subcommand: ${sub ?? '(none)'}`);
  });
