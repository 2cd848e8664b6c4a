// Contract methods of the import feature. Owned by that feature; composed in api.ts.
import type { MethodDef } from './method';
import type { z } from 'zod';

export const importMethods = {} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
