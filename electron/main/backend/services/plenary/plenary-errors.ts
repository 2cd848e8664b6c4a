// Expected refusals of the plenary services (locked desa, no operator, not the ketua...) as a typed error that the
// handlers turn into a Result; messages are for the people in the room (Bahasa Indonesia).
import { fail, type ErrorCode, type Result } from '../../../../../shared/contracts/result';

export class PlenoRefusal extends Error {
  readonly code: ErrorCode;
  readonly detail: string | undefined;
  constructor(code: ErrorCode, message: string, detail?: string) {
    super(message);
    this.name = 'PlenoRefusal';
    this.code = code;
    this.detail = detail;
  }
}

export const refuse = (code: ErrorCode, message: string, detail?: string): never => {
  throw new PlenoRefusal(code, message, detail);
};

/** Runs `fn`, mapping a PlenoRefusal to a failed Result; anything else propagates (a bug, logged by the dispatcher). */
export function asResult<T>(fn: () => T): Result<T> | Result<never> {
  try {
    return { ok: true, value: fn() };
  } catch (err) {
    if (err instanceof PlenoRefusal) return fail(err.code, err.message, err.detail);
    throw err;
  }
}
