// A contract method: the zod schema that the dispatcher validates input with, and the output type (phantom).
import type { z } from 'zod';

export interface MethodDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

export function method<I extends z.ZodType, O>(input: I): MethodDef<I, O> {
  return { input, output: undefined as unknown as O };
}
