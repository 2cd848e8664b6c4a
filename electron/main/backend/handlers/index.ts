// All handlers of the contract, one factory per feature. The dispatcher allow-lists and validates before calling them.
//
// A feature's module loads, and its factory runs, at the first call of one of its methods (`<feature>.<verb>`):
// pdf-lib, the QR decoder, the LAN stack, the demo generator and the zod contracts they pull in weigh ~45 MB, and a
// process that only imports files or prints a recap never needs them. The specifiers are literal so that esbuild
// bundles them for Electron (scripts/build-electron.mjs).
//
// Completeness is the compiler's (the way Signal Desktop types `DataWriter: ServerWritableInterface`): FEATURES must
// hold a loader for every contract feature, each factory must return a handler for every method of its feature, and
// every contract method must belong to a listed feature whose name prefixes it. tests/handler-registry.test.ts also
// resolves every method at run time.
import type { Handlers, MethodName } from '../../../../shared/contracts/api';
import type { auditMethods } from '../../../../shared/contracts/audit.contract';
import type { documentsMethods } from '../../../../shared/contracts/documents.contract';
import type { kirimMethods } from '../../../../shared/contracts/kirim.contract';
import type { importMethods } from '../../../../shared/contracts/import.contract';
import type { plenaryMethods } from '../../../../shared/contracts/plenary.contract';
import type { setupMethods } from '../../../../shared/contracts/setup.contract';
import type { penerimaMethods } from '../../../../shared/contracts/penerima.contract';
import type { penerimaDriveMethods } from '../../../../shared/contracts/penerima-drive.contract';
import type { psuMethods } from '../../../../shared/contracts/psu.contract';
import type { kabplenoMethods } from '../../../../shared/contracts/kabpleno.contract';
import type { systemMethods } from '../../../../shared/contracts/system.contract';
import type { backupMethods } from '../../../../shared/contracts/backup.contract';
import type { BackendContext } from '../context';

/** The contract's features and their methods (types only: the zod schemas stay unloaded). */
interface Contracts {
  system: typeof systemMethods;
  setup: typeof setupMethods;
  import: typeof importMethods;
  plenary: typeof plenaryMethods;
  documents: typeof documentsMethods;
  audit: typeof auditMethods;
  kirim: typeof kirimMethods;
  backup: typeof backupMethods;
  penerima: typeof penerimaMethods & typeof penerimaDriveMethods;
  psu: typeof psuMethods;
  kabpleno: typeof kabplenoMethods;
}
type Feature = keyof Contracts;
/** The methods of F (distributes over a union of features). */
type MethodsOf<F extends Feature> = F extends Feature ? keyof Contracts[F] & MethodName : never;

// Compile-time checks: every contract method is in a listed feature, and is named `<feature>.<verb>`.
type Unlisted = Exclude<MethodName, MethodsOf<Feature>>;
type Misnamed = { [F in Feature]: Exclude<MethodsOf<F>, `${F}.${string}`> }[Feature];
export const contractFullyListed: [Unlisted | Misnamed] extends [never] ? true : Unlisted | Misnamed = true;

export type FeatureHandlers<K extends MethodName> = {
  handlers: Pick<Handlers, K>;
  close?: () => Promise<void> | void;
};

type FeatureFactory<F extends Feature> = (ctx: BackendContext) => FeatureHandlers<MethodsOf<F>>;

const FEATURES: { [F in Feature]: () => Promise<FeatureFactory<F>> } = {
  system: async () => (await import('./system.handlers')).systemHandlers,
  setup: async () => (await import('./setup.handlers')).setupHandlers,
  import: async () => (await import('./import.handlers')).importHandlers,
  plenary: async () => (await import('./plenary.handlers')).plenaryHandlers,
  documents: async () => (await import('./documents.handlers')).documentsHandlers,
  audit: async () => (await import('./audit.handlers')).auditHandlers,
  kirim: async () => (await import('./kirim.handlers')).kirimHandlers,
  backup: async () => (await import('./backup.handlers')).backupHandlers,
  penerima: async () => {
    // The receiver's screens and its Flashdisk screen, two modules of one feature.
    const [screens, drive] = await Promise.all([import('./penerima.handlers'), import('./penerima-drive.handlers')]);
    return (ctx) => {
      const a = screens.penerimaHandlers(ctx);
      const b = drive.penerimaDriveHandlers(ctx);
      return { handlers: { ...a.handlers, ...b.handlers }, close: a.close };
    };
  },
  psu: async () => (await import('./psu.handlers')).psuHandlers,
  kabpleno: async () => (await import('./kabpleno.handlers')).kabplenoHandlers,
};

function isFeature(name: string): name is Feature {
  return Object.prototype.hasOwnProperty.call(FEATURES, name);
}

export interface HandlerSet {
  /** The handler of `method`, its feature loaded on first use; undefined for a name outside the contract. */
  handler<M extends MethodName>(method: M): Promise<Handlers[M] | undefined>;
  /** Stops servers and watchers the handlers started (LAN receiver, drive watcher). */
  close(): Promise<void>;
}

export function createHandlers(ctx: BackendContext): HandlerSet {
  /** Handlers of the features loaded so far. */
  const loaded: Partial<Handlers> = {};
  const closers: (() => Promise<void> | void)[] = [];
  const parts = new Map<Feature, Promise<void>>();
  const load = (feature: Feature): Promise<void> => {
    let p = parts.get(feature);
    if (!p) {
      p = FEATURES[feature]().then((factory) => {
        const part = factory(ctx);
        Object.assign(loaded, part.handlers);
        if (part.close) closers.push(part.close);
      });
      // A failed load is retried at the next call rather than remembered.
      p.catch(() => parts.delete(feature));
      parts.set(feature, p);
    }
    return p;
  };
  return {
    async handler(method) {
      const feature = method.slice(0, method.indexOf('.'));
      if (!isFeature(feature)) return undefined;
      await load(feature);
      return loaded[method];
    },
    async close() {
      await Promise.allSettled(parts.values());
      for (const close of closers) await close();
    },
  };
}
