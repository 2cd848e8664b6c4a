// All handlers of the contract, one factory per feature. The dispatcher allow-lists and validates before calling them.
import type { Handlers } from '../../../../shared/contracts/api';
import type { BackendContext } from '../context';
import { systemHandlers } from './system.handlers';
import { setupHandlers } from './setup.handlers';
import { importHandlers } from './import.handlers';
import { plenoHandlers } from './pleno.handlers';
import { documentsHandlers } from './documents.handlers';
import { auditHandlers } from './audit.handlers';
import { syncHandlers } from './sync.handlers';

export interface HandlerSet {
  handlers: Handlers;
  /** Stops servers and watchers the handlers started (LAN receiver, drive watcher). */
  close(): Promise<void>;
}

export type FeatureHandlers<K extends keyof Handlers> = {
  handlers: Pick<Handlers, K>;
  close?: () => Promise<void> | void;
};

export function createHandlers(ctx: BackendContext): HandlerSet {
  const parts = [
    systemHandlers(ctx),
    setupHandlers(ctx),
    importHandlers(ctx),
    plenoHandlers(ctx),
    documentsHandlers(ctx),
    auditHandlers(ctx),
    syncHandlers(ctx),
  ];
  const handlers = Object.assign({}, ...parts.map((p) => p.handlers)) as Handlers;
  return {
    handlers,
    async close() {
      for (const p of parts) await p.close?.();
    },
  };
}
