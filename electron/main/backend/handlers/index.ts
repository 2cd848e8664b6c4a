// All handlers of the contract, one factory per feature. The dispatcher allow-lists and validates before calling them.
//
// A feature's module loads, and its factory runs, at the first call of one of its methods (`<feature>.<verb>`):
// pdf-lib, the QR decoder, the LAN stack, the demo generator and the zod contracts they pull in weigh ~45 MB, and a
// process that only imports files or prints a recap never needs them. The specifiers are literal so that esbuild
// bundles them for Electron (scripts/build-electron.mjs).
import type { Handlers } from '../../../../shared/contracts/api';
import type { BackendContext } from '../context';

export interface HandlerSet {
  handlers: Handlers;
  /** Stops servers and watchers the handlers started (LAN receiver, drive watcher). */
  close(): Promise<void>;
}

export type FeatureHandlers<K extends keyof Handlers> = {
  handlers: Pick<Handlers, K>;
  close?: () => Promise<void> | void;
};

type AnyFeature = {
  handlers: Partial<Record<string, (input: unknown) => unknown>>;
  close?: () => Promise<void> | void;
};
type FeatureFactory = (ctx: BackendContext) => AnyFeature;

const FEATURES: Record<string, () => Promise<FeatureFactory>> = {
  system: async () => (await import('./system.handlers')).systemHandlers as FeatureFactory,
  setup: async () => (await import('./setup.handlers')).setupHandlers as FeatureFactory,
  import: async () => (await import('./import.handlers')).importHandlers as FeatureFactory,
  pleno: async () => (await import('./pleno.handlers')).plenoHandlers as FeatureFactory,
  documents: async () => (await import('./documents.handlers')).documentsHandlers as FeatureFactory,
  audit: async () => (await import('./audit.handlers')).auditHandlers as FeatureFactory,
  sync: async () => (await import('./sync.handlers')).syncHandlers as FeatureFactory,
};

export function createHandlers(ctx: BackendContext): HandlerSet {
  const parts = new Map<string, Promise<AnyFeature>>();
  const part = (feature: string): Promise<AnyFeature> => {
    let p = parts.get(feature);
    if (!p) {
      const load = FEATURES[feature]!;
      p = load().then((factory) => factory(ctx));
      // A failed load is retried at the next call rather than remembered.
      p.catch(() => parts.delete(feature));
      parts.set(feature, p);
    }
    return p;
  };
  const wrappers = new Map<string, (input: unknown) => Promise<unknown>>();
  const handlers = new Proxy({} as Handlers, {
    get(_target, name) {
      if (typeof name !== 'string') return undefined;
      const feature = name.slice(0, name.indexOf('.'));
      if (!Object.prototype.hasOwnProperty.call(FEATURES, feature)) return undefined;
      let w = wrappers.get(name);
      if (!w) {
        w = async (input: unknown) => {
          const h = (await part(feature)).handlers[name];
          if (!h) throw new Error(`No handler registered for ${name}`);
          return h(input);
        };
        wrappers.set(name, w);
      }
      return w;
    },
  });
  return {
    handlers,
    async close() {
      for (const p of parts.values()) {
        let feature: AnyFeature;
        try {
          feature = await p;
        } catch {
          continue;
        }
        await feature.close?.();
      }
    },
  };
}
