// Contract methods of the sync feature. Owned by that feature; composed in api.ts.
import type { MethodDef } from './method';
import type { z } from 'zod';

export const syncMethods = {} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
