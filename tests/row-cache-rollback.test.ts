// A rolled-back insert frees its id for the next one (INTEGER PRIMARY KEY = max + 1): the per-connection cache of a
// submission's counts (repositories/submission.repo.ts, db/row-cache.ts) must not hand the rolled-back row's numbers
// to the row that takes its id. Real SQLite file, the hampang demo, the repository under runCommand.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openBackend, type Backend } from '../electron/main/backend/backend';
import { runCommand } from '../electron/main/backend/db/command';
import {
  insertSubmission,
  listSubmissions,
  submissionCounts,
} from '../electron/main/backend/repositories/submission.repo';
import { fail, ok } from '../shared/domain/result';
import type { CHasilCounts } from '../shared/domain/model';

let dir: string;
let b: Backend;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-rowcache-'));
  b = await openBackend({ dbPath: join(dir, 'hampang.db'), mode: 'web' });
  const r = (await b.dispatch('setup.createDemo', { preset: 'hampang' })) as { ok: boolean };
  expect(r.ok).toBe(true);
}, 180_000);
afterAll(async () => {
  await b?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('the counts cached inside a rolled-back command are not read for the next row that takes its id', () => {
  const first = listSubmissions(b.ctx.db, { pemilihan: 'bupati' })[0]!;
  const withVotes = (n: number): CHasilCounts => ({
    ...first.counts,
    suara: { ...first.counts.suara, paslon: first.counts.suara.paslon.map(() => n) },
  });
  const row = (counts: CHasilCounts, sha: string) => ({
    tps: first.tps,
    pemilihan: first.pemilihan,
    sha256: sha.repeat(64),
    envelopeJson: '{"test":"row-cache"}',
    counts,
    countsJson: JSON.stringify(counts),
    deviceKeyId: first.deviceKeyId,
    dibuat: first.dibuat,
    channel: 'file' as const,
    sourceName: 'row-cache.test',
    outcome: 'konflik' as const,
    receivedAt: '2024-11-28T10:00:00.000Z',
    foto: [],
  });
  let refusedId = 0;
  const refused = runCommand(b.ctx, (unit) => {
    refusedId = insertSubmission(unit.db, row(withVotes(905), 'a'), 'test');
    expect(submissionCounts(unit.db, refusedId).suara.paslon[0]).toBe(905); // read (and cached) inside the command
    return fail('CONFLICT', 'refused after the read');
  });
  expect(refused.ok).toBe(false);
  const kept = runCommand(b.ctx, (unit) => ok(insertSubmission(unit.db, row(withVotes(105), 'b'), 'test')));
  expect(kept).toEqual({ ok: true, value: refusedId }); // the freed id is taken again
  expect(submissionCounts(b.ctx.db, refusedId).suara.paslon[0]).toBe(105);
  expect(
    listSubmissions(b.ctx.db, { pemilihan: 'bupati' }).find((s) => s.id === refusedId)!.counts.suara.paslon[0],
  ).toBe(105);
});
