// `pleno kirim ekspor --db <file> --out <dir>` (docs/design.md §5): the folder is made when missing, and one that
// cannot be written is refused with one line on stderr and exit 1 — never a stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFixture } from '../../../tests/support/records';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pleno = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/pleno.mjs'), ...args], { cwd: root, encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'pleno-ekspor-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('pleno kirim ekspor --out <dir>', () => {
  it('creates a missing folder; a folder that cannot be made is refused in one line, exit 1', () => {
    const fx = makeFixture({ desaCount: 1, tpsPerDesa: 1 });
    const master = join(dir, 'master.json');
    writeFileSync(master, fx.masterBytes);
    const db = join(dir, 'kecamatan.db');
    expect(pleno('init', '--db', db, '--master', master).status).toBe(0);
    const fresh = join(dir, 'drive', 'Pleno-Kirim');
    const made = pleno('kirim', 'ekspor', '--db', db, '--out', fresh);
    expect([made.status, made.stderr, existsSync(fresh)]).toEqual([0, '', true]);
    const file = join(dir, 'bukan-folder');
    writeFileSync(file, 'x');
    const refused = pleno('kirim', 'ekspor', '--db', db, '--out', join(file, 'sub'));
    expect(refused.status).toBe(1);
    expect(refused.stderr).toBe(`${join(file, 'sub')}: ditolak: folder tidak dapat ditulis (ENOTDIR)\n`);
  });
});
