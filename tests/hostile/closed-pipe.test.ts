// A reader that closes the pipe early (issue 14 item 7): `pleno import … | head -1` used to crash on EPIPE half-way.
// Now the import runs to its end (a second import finds every file already stored) and exits 0.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin/pleno.mjs');
const dir = mkdtempSync(path.join(tmpdir(), 'pleno-pipe-'));

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sh = (script: string) => execFileSync('bash', ['-c', script], { encoding: 'utf8', cwd: ROOT });

it('pleno import piped into head -1 does not crash and stores every file', () => {
  const db = path.join(dir, 'k.db');
  const node = `"${process.execPath}" "${BIN}"`;
  sh(
    `${node} demo "${dir}/demo" --preset hampang >/dev/null && ${node} init --db "${db}" --master "${dir}/demo/master.json" >/dev/null`,
  );
  const out = sh(
    `${node} import --db "${db}" "${dir}/demo/tps" 2>"${dir}/err" | head -1; echo "exit \${PIPESTATUS[0]}"; cat "${dir}/err"`,
  );
  expect(out).toMatch(/: diterima\nexit 0\n/);
  expect(out).not.toMatch(/EPIPE|Error/);
  const again = sh(`${node} import --db "${db}" "${dir}/demo/tps" | tail -1`);
  expect(again).toMatch(/diterima 0, duplikat 28,/);
}, 120_000);
