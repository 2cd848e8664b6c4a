// The backend log: JSON lines in <dataDir>/logs/pleno.log (English), errors also on stderr, with a reference id.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomInt } from 'node:crypto';
import type { Logger } from './context';

// No 0/O, 1/I/L: the id is read aloud or copied by hand from a screen.
const REF_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A short reference id such as `E-7K2Q`, quoted by the user when reporting an unexpected error. */
export function newRefId(): string {
  let s = '';
  for (let i = 0; i < 4; i += 1) s += REF_ALPHABET[randomInt(REF_ALPHABET.length)];
  return `E-${s}`;
}

export interface FileLoggerOptions {
  /** Folder for pleno.log; null logs to stderr only (a database that could not be opened has no data folder). */
  logDir: string | null;
  clock?: () => Date;
  /** Also echo info/warn to stderr (CLI verbose). Errors always go to stderr. */
  echo?: boolean;
}

export function createLogger(options: FileLoggerOptions): Logger & { readonly file: string | null } {
  const clock = options.clock ?? (() => new Date());
  let file: string | null = null;
  if (options.logDir !== null) {
    try {
      mkdirSync(options.logDir, { recursive: true });
      file = join(options.logDir, 'pleno.log');
    } catch {
      file = null;
    }
  }
  const write = (level: 'info' | 'warn' | 'error', message: string, data?: Record<string, unknown>) => {
    const line = JSON.stringify({ t: clock().toISOString(), level, msg: message, ...data });
    if (file !== null) {
      try {
        appendFileSync(file, line + '\n');
      } catch {
        // The log must never take the app down; stderr still gets errors.
      }
    }
    if (level === 'error' || options.echo) process.stderr.write(line + '\n');
  };
  return {
    file,
    info: (message, data) => write('info', message, data),
    warn: (message, data) => write('warn', message, data),
    error(message, err) {
      const ref = newRefId();
      const e =
        err instanceof Error
          ? { error: err.message, stack: err.stack }
          : err === undefined
            ? {}
            : { error: String(err) };
      write('error', message, { ref, ...e });
      return ref;
    },
  };
}
