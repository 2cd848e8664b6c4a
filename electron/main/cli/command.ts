// A CLI subcommand: receives the arguments after its name, returns the exit code (0 ok, 1 rejected input, 2 usage).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CliCommand = (argv: string[]) => Promise<number>;

export class UsageError extends Error {}

/** node:util parseArgs with strict options; throws UsageError on unknown or malformed flags. */
export function parseCli<T extends ParseArgsConfig['options']>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** Runs a command body, mapping UsageError to exit 2 with the usage text. */
export async function withUsage(usage: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n${usage}\n`);
      return 2;
    }
    throw err;
  }
}
