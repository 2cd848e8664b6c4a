// The `pleno` command (docs/design.md §5): the headless face of the backend services.
// Exit 0 ok, 1 rejected input, 2 usage.
import type { CliCommand } from './cli/command';
import { ignoreClosedPipes, runCommand } from './cli/run';

const commands: Record<string, () => Promise<{ command: CliCommand }>> = {
  demo: () => import('./cli/demo.command'),
  init: () => import('./cli/init.command'),
  import: () => import('./cli/import.command'),
  recap: () => import('./cli/recap.command'),
  document: () => import('./cli/document.command'),
  verify: () => import('./cli/verify.command'),
  audit: () => import('./cli/audit.command'),
  serve: () => import('./cli/serve.command'),
  kpps: () => import('./cli/kpps.command'),
  penerima: () => import('./cli/penerima.command'),
  kirim: () => import('./cli/kirim.command'),
};

export const USAGE = `Penggunaan / usage:
  pleno demo <dir> [--preset hampang|besar] [--seed N]
  pleno init --db <file> --master <file>
  pleno import --db <file> <path>...
  pleno recap --db <file> [--pemilihan <id>] --json
  pleno document d-hasil|kejadian-khusus --db <file> --pemilihan <id> --out <file.pdf>
  pleno verify <file>
  pleno audit verify --db <file>
  pleno serve --db <file> [--port N] [--lan]
  pleno kirim penerima --db <file> <sertifikat.json> | --url <url>
  pleno kirim --db <file> [--pemilihan <id>] [--batas <s>]
  pleno kirim ekspor --db <file> --out <dir>
  pleno kirim tanda-terima --db <file> <receipt.json>
  pleno kpps push --to <url> <file>...
  pleno kpps qr <envelope> --out <dir>
  pleno penerima init --db <file> --master <file>...
  pleno penerima sertifikat --kunci <KPU key file> --master <file> --kunci-publik <base64url> --url <url> --out <file>
  pleno penerima pasang --db <file> <sertifikat.json>
  pleno penerima kunci-ppk --db <file> --kecamatan <kode> --kunci-publik <base64url> --alasan <text>
  pleno penerima serve --db <file> [--port N]
  pleno penerima impor --db <file> <bundle.pleno-kirim>...
  pleno penerima recap --db <file> --json`;

export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE + '\n');
    return name === undefined ? 2 : 0;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`pleno: perintah tidak dikenal / unknown command: ${name}\n${USAGE}\n`);
    return 2;
  }
  const { command } = await load();
  return runCommand(name, command, rest);
}
