// The one-way dependency rule (renderer → shared ← electron, shared pure) is enforced by lint and tsc: break it on purpose.
// The probes are in-memory sources given paths inside shared/ and renderer/ (ESLint lintText, a TypeScript compiler
// host that serves them): nothing is written into the tree, so an interrupted run leaves nothing behind.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));
const tag = `dep-rule-probe-${process.pid}`;

async function lintMessages(rel: string, text: string) {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(text, { filePath: join(root, rel) });
  return result!.messages.filter((m) => m.severity === 2);
}

/** tsc's diagnostics for one in-memory module compiled with the settings of `tsconfig`. */
function typecheckInMemory(tsconfig: string, rel: string, text: string): string[] {
  const configPath = join(root, tsconfig);
  const config = ts.readConfigFile(configPath, (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, dirname(configPath));
  const probe = join(root, rel);
  const host = ts.createCompilerHost(parsed.options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, ...rest) =>
    file === probe ? ts.createSourceFile(file, text, lang) : getSourceFile(file, lang, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file === probe || fileExists(file);
  const program = ts.createProgram([probe], parsed.options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === probe)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const NODE_IN_SHARED =
  "// probe\nimport { readFileSync } from 'node:fs';\nexport const leak = readFileSync('x').length + Buffer.from('y').length;\n";

describe('dependency rule', () => {
  it('lint and tsc reject Node APIs in shared/', async () => {
    const messages = await lintMessages(`shared/${tag}.ts`, NODE_IN_SHARED);
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    expect(messages.map((m) => m.ruleId)).toContain('no-restricted-globals');
    expect(messages.find((m) => m.ruleId === 'no-restricted-imports')!.message).toMatch(/shared\/ is pure/);

    // tsc with shared/'s own settings (lib ES2022, no Node types)
    const diagnostics = typecheckInMemory('shared/tsconfig.json', `shared/${tag}.ts`, NODE_IN_SHARED);
    expect(diagnostics.join('\n')).toMatch(/TS2307: Cannot find module 'node:fs'/);
    expect(diagnostics.join('\n')).toMatch(/TS2591: Cannot find name 'Buffer'/);
  });

  it('lint rejects renderer/ importing electron/, and shared/ importing renderer/ or electron/', async () => {
    const rm = await lintMessages(
      `renderer/${tag}.ts`,
      "// probe\nimport { createEventBus } from '../electron/main/backend/context';\nexport const bus = createEventBus;\n",
    );
    expect(
      rm.some((m) => m.ruleId === 'no-restricted-imports' && /renderer\/ must not import electron/.test(m.message)),
    ).toBe(true);

    const sm = await lintMessages(
      `shared/${tag}-b.ts`,
      "// probe\nimport type { Db } from '../electron/main/backend/context';\nexport type X = Db;\n",
    );
    expect(
      sm.some((m) => m.ruleId === 'no-restricted-imports' && /shared\/ must not import electron/.test(m.message)),
    ).toBe(true);
    const sr = await lintMessages(
      `shared/${tag}-c.ts`,
      "// probe\nimport type { Props } from '../renderer/app/App';\nexport type Y = Props;\n",
    );
    expect(sr.some((m) => m.ruleId === 'no-restricted-imports')).toBe(true);
  });

  it('a clean shared/ module passes lint and tsc (the probes above fail for the rule, not for something else)', async () => {
    const text = "// probe\nimport { ok } from './contracts/result';\nexport const good = ok(1);\n";
    expect(await lintMessages(`shared/${tag}-ok.ts`, text)).toEqual([]);
    expect(typecheckInMemory('shared/tsconfig.json', `shared/${tag}-ok.ts`, text)).toEqual([]);
  });

  it("only electron/main/platform and electron/preload import 'electron' (the backend runs on plain Node)", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(ts|tsx|mts|cts)$/.test(e.name)) {
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
