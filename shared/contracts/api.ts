// The API contract: every call the UI can make. One dispatcher serves it over IPC and over loopback HTTP.
import type { z } from 'zod';
import type { Result } from './result';
import type { PlenoEvent } from './events';
import { systemMethods } from './system.contract';
import { setupMethods } from './setup.contract';
import { importMethods } from './import.contract';
import { plenaryMethods } from './plenary.contract';
import { documentsMethods } from './documents.contract';
import { auditMethods } from './audit.contract';
import { kirimMethods } from './kirim.contract';
import { backupMethods } from './backup.contract';
import { penerimaMethods } from './penerima.contract';
import { penerimaDriveMethods } from './penerima-drive.contract';
import { psuMethods } from './psu.contract';
import { kabplenoMethods } from './kabpleno.contract';

export const methods = {
  ...systemMethods,
  ...setupMethods,
  ...importMethods,
  ...plenaryMethods,
  ...documentsMethods,
  ...auditMethods,
  ...kirimMethods,
  ...backupMethods,
  ...penerimaMethods,
  ...penerimaDriveMethods,
  ...psuMethods,
  ...kabplenoMethods,
};

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type InputOf<M extends MethodName> = z.input<Methods[M]['input']>;
export type ParsedInputOf<M extends MethodName> = z.output<Methods[M]['input']>;
export type OutputOf<M extends MethodName> = Methods[M]['output'];

export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** Which file method holds an issued document: the kecamatan's `documents.file` or the kab/kota's `kabpleno.file`. */
export type PrintSource = 'documents' | 'kabpleno';
export const PRINT_SOURCES: readonly PrintSource[] = ['documents', 'kabpleno'];

/** What the renderer holds: `window.pleno` under Electron, the HTTP client in web mode. */
export interface PlenoApi {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<OutputOf<M>>>;
  on(listener: (event: PlenoEvent) => void): () => void;
  info(): { transport: 'ipc' | 'http' };
  /**
   * Desktop only (absent in web mode, where the browser's own PDF viewer prints): prints an issued document's signed
   * vector PDF through the system print dialog. `printed` is false when the user cancelled the dialog. `source` says
   * which level issued it: the kecamatan's documents (default) or the kab/kota plenary's.
   */
  printDocument?(id: number, source?: PrintSource): Promise<Result<{ printed: boolean }>>;
}

/** The backend side: one handler per method, receiving validated input. */
export type Handlers = {
  [M in MethodName]: (input: ParsedInputOf<M>) => Promise<Result<OutputOf<M>>> | Result<OutputOf<M>>;
};
