// The one-way dependency rule (renderer → shared ← electron, shared pure) is enforced by lint and tsc: break it on purpose.
import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const root = fileURLToPath(new URL('..', import.meta.url));
const tag = `dep-rule-probe-${process.pid}-${Date.now()}`;
const temp: string[] = [];

function write(rel: string, text: string): string {
  const abs = join(root, rel);
  temp.push(abs);
  writeFileSync(abs, text);
  return abs;
}

afterEach(() => {
  for (const f of temp.splice(0)) rmSync(f, { force: true });
});

async function lintMessages(file: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintFiles([file]);
  return result!.messages.filter((m) => m.severity === 2);
}

describe('dependency rule', () => {
  it('lint and tsc reject Node APIs in shared/', async () => {
    const probe = write(
      `shared/${tag}.ts`,
      "// probe\nimport { readFileSync } from 'node:fs';\nexport const leak = readFileSync('x').length + Buffer.from('y').length;\n",
    );
    const messages = await lintMessages(probe);
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-globals');
    expect(messages.find((m) => m.ruleId === 'no-restricted-imports')!.message).toMatch(/shared\/ is pure/);

    // tsc with shared/'s own settings (lib ES2022, types []), limited to the probe so the check is quick.
    const config = write(
      `shared/${tag}.tsconfig.json`,
      JSON.stringify({ extends: './tsconfig.json', include: [`./${tag}.ts`], exclude: [] }),
    );
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', config], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(tsc.status).not.toBe(0);
    expect(tsc.stdout).toContain(`${tag}.ts`);
    expect(tsc.stdout).toMatch(/error TS2307: Cannot find module 'node:fs'|error TS2591: Cannot find name 'Buffer'/);
  });

  it('lint rejects renderer/ importing electron/, and shared/ importing renderer/ or electron/', async () => {
    const r = write(
      `renderer/${tag}.ts`,
      "// probe\nimport { createEventBus } from '../electron/main/backend/context';\nexport const bus = createEventBus;\n",
    );
    const rm = await lintMessages(r);
    expect(
      rm.some((m) => m.ruleId === 'no-restricted-imports' && /renderer\/ must not import electron/.test(m.message)),
    ).toBe(true);

    const s = write(
      `shared/${tag}-b.ts`,
      "// probe\nimport type { Db } from '../electron/main/backend/context';\nexport type X = Db;\n",
    );
    const sm = await lintMessages(s);
    expect(sm.some((m) => m.ruleId === 'no-restricted-imports')).toBe(true);
  });

  it('a clean shared/ module passes (the probe above fails for the rule, not for something else)', async () => {
    const ok = write(
      `shared/${tag}-ok.ts`,
      "// probe\nimport { ok } from './contracts/result';\nexport const good = ok(1);\n",
    );
    expect(await lintMessages(ok)).toEqual([]);
  });

  it("only electron/main/platform and electron/preload import 'electron' (the backend runs on plain Node)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx|mts|cts)$/.test(e.name) && !e.name.startsWith('dep-rule-probe-')) {
          const rel = relative(root, p).split('\\').join('/');
          if (rel.startsWith('electron/main/platform/') || rel.startsWith('electron/preload/')) continue;
          if (/(from\s+|require\(\s*|import\(\s*)['"]electron(\/[^'"]*)?['"]/.test(readFileSync(p, 'utf8')))
            offenders.push(rel);
        }
      }
    };
    for (const top of ['electron', 'shared', 'renderer']) walk(join(root, top));
    expect(offenders).toEqual([]);
    // The check itself can fail: the platform folder does import it.
    expect(readFileSync(join(root, 'electron/main/platform/main.ts'), 'utf8')).toMatch(/from 'electron'/);
  });
});
