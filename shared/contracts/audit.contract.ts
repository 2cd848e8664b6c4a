// Contract methods of the audit feature. Owned by that feature; composed in api.ts.
import type { MethodDef } from './method';
import type { z } from 'zod';

export const auditMethods = {} satisfies Record<string, MethodDef<z.ZodType, unknown>>;
