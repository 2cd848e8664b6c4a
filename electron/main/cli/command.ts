// A CLI subcommand: receives the arguments after its name, returns the exit code (0 ok, 1 rejected input, 2 usage).
import { parseArgs, type ParseArgsConfig } from 'node:util';

export type CliCommand = (argv: string[]) => Promise<number>;

export class UsageError extends Error {}

/** A base64url Ed25519 public key (32 bytes): may start with "-", so it is also taken after its option. */
export const KEY_VALUE = /^[A-Za-z0-9_-]{43}$/;

type Options<T extends string, F extends string> = { [K in T]: { type: 'string' } } & { [K in F]: { type: 'boolean' } };

/** A command's options for parseCli: the names of `--name <value>` options, then of `--name` flags. */
export function options<const T extends string, const F extends string = never>(
  text: readonly T[],
  flags: readonly F[] = [],
): Options<T, F> {
  const o: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const n of text) o[n] = { type: 'string' };
  for (const n of flags) o[n] = { type: 'boolean' };
  return o as Options<T, F>;
}

/**
 * node:util parseArgs with strict options; throws UsageError on unknown or malformed flags. `dashValues` names
 * options whose value may start with "-" (a base64url key): `--opt -abc…` is taken as `--opt=-abc…` when the value
 * has that shape (parseArgs itself refuses it as ambiguous).
 */
export function parseCli<T extends ParseArgsConfig['options']>(
  argv: string[],
  options: T,
  dashValues: Record<string, RegExp> = {},
) {
  try {
    return parseArgs({ args: joinDashValues(argv, dashValues), options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(usageWords(err as Error & { code?: string }));
  }
}

function joinDashValues(argv: string[], dashValues: Record<string, RegExp>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const shape = a.startsWith('--') ? dashValues[a.slice(2)] : undefined;
    const next = argv[i + 1];
    if (shape && next?.startsWith('-') && shape.test(next)) {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

/** parseArgs' "argument is ambiguous" (a value starting with "-") said in words; other messages as they are. */
function usageWords(err: Error & { code?: string }): string {
  const opt = /Option '(--[\w-]+)'/.exec(err.message)?.[1];
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && opt && /ambiguous/.test(err.message)) {
    return `nilai ${opt} diawali tanda "-": tulis ${opt}=<nilai> (tanpa spasi) / a value starting with "-" must be given as ${opt}=<value>`;
  }
  return err.message;
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
