// The data layer against a real backend: `pleno serve`'s HTTP server on 127.0.0.1 over a SQLite file in a temp dir,
// the renderer's HTTP contract client with its SSE event stream, and a real TanStack Query cache. A change made by
// someone else (another window, the LAN) reaches a screen's cached answer through the event table alone; a burst
// of events costs one refetch; a command refreshes its own screen without waiting for the stream.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryObserver, type QueryClient } from '@tanstack/react-query';
import { openBackend, type Backend } from '../../electron/main/backend/backend';
import { startWebServer, type WebServer } from '../../electron/main/web/server';
import type { MethodName, PlenoApi } from '../../shared/contracts/api';
import { createHttpApi } from './client';
import { startEventBridge } from './event-bridge';
import { apiQuery, createQueryClient, readApi, runCommand } from './query-client';

let dir: string;
let backend: Backend;
let web: WebServer;
let http: PlenoApi;
const calls: MethodName[] = [];
/** The contract client the cache reads through, counting each call by method. */
let counted: Pick<PlenoApi, 'call'>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-data-layer-'));
  const staticDir = join(dir, 'renderer');
  mkdirSync(staticDir, { recursive: true });
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Pleno</title>');
  backend = await openBackend({ dbPath: join(dir, 'k.db'), mode: 'web' });
  web = await startWebServer({ backend, staticDir, port: 0 });
  http = createHttpApi(web.token, web.origin);
  counted = {
    call: (method, input) => {
      calls.push(method);
      return http.call(method, input);
    },
  };
  // The demo kecamatan is there for every test, whichever runs first (created through the raw client).
  const setup = await http.call('setup.createDemo', { preset: 'hampang' });
  if (!setup.ok) throw new Error(setup.error.message);
}, 180_000); // building the demo passed the default 60 s at load 28

afterAll(async () => {
  await web?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

function watch<M extends MethodName>(client: QueryClient, method: M, input: Parameters<typeof apiQuery<M>>[1]) {
  const observer = new QueryObserver(client, apiQuery(method, input, counted));
  const stop = observer.subscribe(() => undefined);
  return { observer, stop };
}

const countOf = (m: MethodName) => calls.filter((c) => c === m).length;

describe('renderer data layer over a real backend', () => {
  it('refreshes a cached dashboard after a decision taken elsewhere, through the pushed event only', async () => {
    const client = createQueryClient();
    const stopBridge = startEventBridge(client, http);
    const { observer, stop } = watch(client, 'plenary.dashboard', { pemilihan: 'bupati' });
    try {
      await vi.waitFor(() => expect(observer.getCurrentResult().data).toBeDefined(), { timeout: 15_000 }); // first fetch: slow under load
      const before = observer.getCurrentResult().data!;
      const clean = before.desa.flatMap((d) => d.tiles).find((t) => t.status === 'masuk');
      expect(clean, 'the demo has a clean TPS to accept').toBeDefined();

      // Another window decides: the raw client, not this cache's command path.
      expect((await http.call('plenary.startSession', { member: 0 })).ok).toBe(true);
      const accepted = await http.call('plenary.accept', { pemilihan: 'bupati', tps: clean!.tps });
      expect(accepted.ok).toBe(true);

      await vi.waitFor(() => expect(observer.getCurrentResult().data!.counts.sesuai).toBe(before.counts.sesuai + 1), {
        timeout: 5000,
      });
      const tile = observer
        .getCurrentResult()
        .data!.desa.flatMap((d) => d.tiles)
        .find((t) => t.tps === clean!.tps);
      expect(tile?.status).toBe('sesuai');
    } finally {
      stop();
      stopBridge();
    }
  });

  it('answers a burst of events with one refetch of the answer on screen', async () => {
    const client = createQueryClient();
    const stopBridge = startEventBridge(client, http, 600);
    const { observer, stop } = watch(client, 'plenary.projector', {});
    try {
      await vi.waitFor(() => expect(observer.getCurrentResult().isFetched).toBe(true), { timeout: 15_000 }); // first fetch: slow under load
      await new Promise((r) => setTimeout(r, 300)); // let the stream connect before the burst
      const before = countOf('plenary.projector');
      const dash = await readApi('plenary.dashboard', { pemilihan: 'bupati' }, client, counted);
      const tiles = dash.ok ? dash.value.desa.flatMap((d) => d.tiles).slice(0, 5) : [];
      expect(tiles).toHaveLength(5);
      for (const t of tiles) await http.call('plenary.setFocus', { pemilihan: 'bupati', desa: null, tps: t.tps });
      await vi.waitFor(() => expect(observer.getCurrentResult().data?.focus.tps).toBe(tiles[4]!.tps), {
        timeout: 5000,
      });
      await new Promise((r) => setTimeout(r, 800));
      expect(countOf('plenary.projector') - before).toBe(1);
    } finally {
      stop();
      stopBridge();
    }
  });

  it('refreshes the acting screen from the command itself when no event stream is connected', async () => {
    const client = createQueryClient();
    const { observer, stop } = watch(client, 'plenary.members', {});
    try {
      await vi.waitFor(() => expect(observer.getCurrentResult().data).toBeDefined(), { timeout: 15_000 }); // first fetch: slow under load
      const target = observer.getCurrentResult().data!.members.find((m) => !m.ketua)!;
      const r = await runCommand('plenary.startSession', { member: target.id }, client, counted);
      expect(r.ok).toBe(true);
      await vi.waitFor(() => expect(observer.getCurrentResult().data!.session?.member.id).toBe(target.id));
      // A refusal is a value, and changes nothing in the cache.
      const refused = await runCommand(
        'plenary.lockDesa',
        { pemilihan: 'bupati', desa: '6302142001' },
        client,
        counted,
      );
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.error.message).not.toMatch(/HTTP|undefined|\[object/);
    } finally {
      stop();
    }
  });
});
