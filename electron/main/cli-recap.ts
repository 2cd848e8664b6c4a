// `pleno recap` compiled alone into one CommonJS file with a V8 code cache beside it (scripts/build-cli.mjs, bin/
// load-cli.mjs): the command every script and the benchmark run most, whose start is mostly loading code. Same
// behaviour as `pleno recap` through cli.ts.
import { command } from './cli/recap.command';
import { ignoreClosedPipes, runCommand } from './cli/run';

export async function main(argv: string[]): Promise<number> {
  ignoreClosedPipes();
  return runCommand('recap', command, argv.slice(1));
}
