// System calls: what the shell needs before any feature (mode, database, kecamatan loaded or not).
import { z } from 'zod';
import { method } from './method';

export interface SystemInfo {
  version: string;
  /** How the renderer reaches the backend. */
  mode: 'electron' | 'web';
  dbPath: string;
  /** Null until a data master is imported (the first-run screen shows). */
  kecamatan: { kode: string; nama: string; kabkota: string; provinsi: string; simulasi: boolean } | null;
}

const noInput = z.object({}).strict();

export const systemMethods = {
  'system.info': method<typeof noInput, SystemInfo>(noInput),
};
