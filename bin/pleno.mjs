#!/usr/bin/env node
// The `pleno` CLI on plain Node: TypeScript sources are loaded through tsx, so no build step is needed after npm install.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/main/cli.ts');
const code = await main(process.argv.slice(2));
process.exitCode = code;
