// Runs one CLI subcommand: shared by the CLI's entry (cli.ts) and the entries compiled alone for a fast start
// (cli-recap.ts).
import type { CliCommand } from './command';

/**
 * A reader that closes the pipe early (`pleno import … | head -1`) must not crash the command half-way: the work
 * goes on to its end (an import stores every file), only the lines nobody reads are dropped.
 */
export function ignoreClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ERR_STREAM_DESTROYED') throw err;
    });
  }
}

/** The command's exit code; an error it did not expect → its stack on stderr and exit 1. */
export async function runCommand(name: string, command: CliCommand, argv: string[]): Promise<number> {
  try {
    return await command(argv);
  } catch (err) {
    process.stderr.write(
      `pleno ${name}: kesalahan tak terduga / unexpected error: ${(err as Error).stack ?? String(err)}\n`,
    );
    return 1;
  }
}
