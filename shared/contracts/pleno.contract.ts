// Contract methods of the pleno feature. Owned by that feature; composed in api.ts.
import type { MethodDef } from './method';
import type { z } from 'zod';

export const plenoMethods = {} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
