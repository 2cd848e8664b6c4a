// The demo folder through the real CLI: `pleno demo`, `pleno init`, `pleno import` of tps/ and qr/ gives exactly
// the outcomes listed in expected.imports, and `pleno recap --json` equals sums of the first submissions computed here.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { CHasilCounts } from '../../../../../shared/domain/model';
import { main } from '../../../cli';
import { generateDemo } from './demo.service';

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), out };
  } finally {
    spy.mockRestore();
    err.mockRestore();
  }
}

function addInto(acc: Record<string, unknown>, c: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(c)) {
    if (typeof v === 'number') acc[k] = ((acc[k] as number | undefined) ?? 0) + v;
    else if (Array.isArray(v)) {
      const a = ((acc[k] as number[] | undefined) ?? v.map(() => 0)) as number[];
      acc[k] = a.map((x, i) => x + (v[i] as number));
    } else {
      acc[k] ??= {};
      addInto(acc[k] as Record<string, unknown>, v as Record<string, unknown>);
    }
  }
}

describe('demo folder through init, import and recap', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'pleno-demo-import-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('imports tps/ and qr/ with the expected outcome per file and recaps the first submissions', async () => {
    const seed = 11;
    const dir = join(tmp, 'demo');
    const db = join(tmp, 'x.db');
    expect((await run(['demo', dir, '--seed', String(seed)])).code).toBe(0);
    expect((await run(['init', '--db', db, '--master', join(dir, 'master.json')])).code).toBe(0);
    const imp = await run(['import', '--db', db, join(dir, 'tps')]);
    expect(imp.code).toBe(0);

    const demo = generateDemo({ preset: 'hampang', seed });
    const got = new Map<string, string>();
    for (const line of imp.out.split('\n')) {
      const m = /^(.*[\\/]tps[\\/][^:]+): (diterima|duplikat|konflik|ditolak.*)$/.exec(line);
      if (m) got.set(`tps/${m[1]!.split(/[\\/]/).pop()!}`, m[2]!);
    }
    const fileImports = demo.expected.imports.filter((i) => i.channel === 'file');
    expect([...got.keys()].sort()).toEqual(fileImports.map((i) => i.paths[0]!).sort());
    for (const i of fileImports) {
      const statuses = new Set(i.outcomes.map((o) => o.status));
      expect(statuses.size).toBe(1);
      expect(got.get(i.paths[0]!), i.paths[0]).toBe([...statuses][0]);
    }

    const qr = await run(['import', '--db', db, join(dir, 'qr')]);
    expect(qr.code).toBe(0);
    const qrLines = qr.out.split('\n').filter((l) => /[\\/]qr[\\/]/.test(l));
    const qrFiles = demo.expected.imports.filter((i) => i.channel === 'qr').flatMap((i) => i.paths);
    expect(qrLines).toHaveLength(qrFiles.length);
    for (const l of qrLines) expect(l).toMatch(/: diterima$/);

    const rec = await run(['recap', '--db', db, '--json']);
    expect(rec.code).toBe(0);
    const recap = JSON.parse(rec.out) as {
      pemilihan: { id: string; total: CHasilCounts; tps: { masuk: number; konflik: number } }[];
    };
    for (const p of recap.pemilihan) {
      const counted = demo.records.filter((r) => r.pemilihan === p.id && r.kiriman === 1);
      const sum: Record<string, unknown> = {};
      for (const r of counted) {
        const { pemilih, pengguna, disabilitas, suratSuara, suara } = r.envelope.payload;
        addInto(sum, { pemilih, pengguna, disabilitas, suratSuara, suara });
      }
      expect(p.total).toEqual(sum);
      expect(p.tps.masuk).toBe(counted.length);
      expect(p.tps.konflik).toBe(
        demo.expected.faults.filter((f) => f.kind === 'kiriman-kedua' && f.pemilihan === p.id).length,
      );
    }
  }, 180_000); // four CLI runs (demo, init, import with QR decoding, recap): slow on a loaded machine
});
