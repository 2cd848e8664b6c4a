#!/usr/bin/env node
// The `pleno` CLI on plain Node. It runs the esbuild bundle in build/cli/ (scripts/build-cli.mjs), built at install
// and rebuilt here, once, whenever the sources changed since (scripts/cli-stamp.mjs: one stat per source file), so a
// call costs a Node start plus what the subcommand loads — no TypeScript compiled per call.
// `pleno recap` starts from a file of its own with V8's code cache (bin/code-cache.mjs). If the build fails in a source
// checkout, the sources run through tsx instead (slower, same behaviour); so they do with PLENO_CLI_SOURCE=1.
import { loadCli } from './load-cli.mjs';

const main = await loadCli(process.argv[2]);
process.exitCode = await main(process.argv.slice(2));
