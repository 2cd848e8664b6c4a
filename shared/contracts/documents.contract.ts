// Contract methods of the documents feature. Owned by that feature; composed in api.ts.
import type { MethodDef } from './method';
import type { z } from 'zod';

export const documentsMethods = {} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
