// The typed handler registry (electron/main/backend/handlers/index.ts): every contract method resolves to a handler
// at run time, and a feature or a method left without a handler fails to compile.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { METHOD_NAMES, type MethodName } from '../shared/contracts/api';
import { openBackend, type Backend } from '../electron/main/backend/backend';
import { createHandlers, type HandlerSet } from '../electron/main/backend/handlers/index';
import { repoRoot, typeErrors } from './support/typecheck';

const HANDLERS = 'electron/main/backend/handlers';

describe('every contract method', () => {
  let dir: string;
  let b: Backend;
  let set: HandlerSet;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pleno-registry-'));
    b = await openBackend({ dbPath: join(dir, 'uji.db'), mode: 'web' });
    set = createHandlers(b.ctx);
  });
  afterAll(async () => {
    await set?.close();
    await b?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves to a handler function of its feature', async () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(40);
    const missing: string[] = [];
    for (const method of METHOD_NAMES) {
      if (typeof (await set.handler(method)) !== 'function') missing.push(method);
    }
    expect(missing).toEqual([]);
  });

  it('and nothing outside the contract does', async () => {
    expect(await set.handler('nope.info' as MethodName)).toBeUndefined();
    expect(await set.handler('system.nope' as MethodName)).toBeUndefined();
  });
});

describe('a missing handler', () => {
  it('fails to compile: a feature without its loader, a method without its handler', () => {
    const index = readFileSync(join(repoRoot, HANDLERS, 'index.ts'), 'utf8');
    const withoutSync = index.replace(/^ {2}kirim: async .*\n/m, '');
    expect(withoutSync).not.toBe(index);
    expect(typeErrors(`${HANDLERS}/index.ts`, withoutSync).join('\n')).toMatch(/Property 'kirim' is missing/);

    const audit = readFileSync(join(repoRoot, HANDLERS, 'audit.handlers.ts'), 'utf8');
    const withoutVerify = audit.replace("'audit.verify': () =>", "'audit.verifyRenamed': () =>");
    expect(withoutVerify).not.toBe(audit);
    expect(typeErrors(`${HANDLERS}/audit.handlers.ts`, withoutVerify).join('\n')).toMatch(/audit\.verify/);

    expect(typeErrors(`${HANDLERS}/index.ts`, index)).toEqual([]);
  }, 300_000); // two tsc runs: past 120 s at load 28
});
