// Contract methods of the setup feature. Owned by that feature; composed in api.ts.
import type { MethodDef } from './method';
import type { z } from 'zod';

export const setupMethods = {} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
