// Type-checks planted source text as if it were a file of the tree, in memory (nothing is written into the repo),
// with electron/tsconfig.json's options: for tests showing that a mistake fails to compile.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The diagnostics of `rel` (a path from the repo root) whose text is `source`; other files are read from disk. */
export function typeErrors(rel: string, source: string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(repoRoot, 'electron/tsconfig.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} },
  )!;
  const probe = join(repoRoot, rel);
  const host = ts.createCompilerHost(config.options);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang, onError) =>
    name === probe ? ts.createSourceFile(name, source, lang) : read(name, lang, onError);
  const exists = host.fileExists.bind(host);
  host.fileExists = (name) => name === probe || exists(name);
  host.readFile = ((readFile) => (name: string) => (name === probe ? source : readFile(name)))(
    host.readFile.bind(host),
  );
  const program = ts.createProgram([probe], { ...config.options, noEmit: true }, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(probe))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}
