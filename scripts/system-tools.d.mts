// Types of scripts/system-tools.mjs for the tests.
export interface MissingTools {
  missing: { what: string; pkg: string }[];
  packages: string[];
  install: string;
}
export function missingSystemTools(opts?: { chromiumPath?: string; env?: NodeJS.ProcessEnv }): MissingTools;
export function missingToolsMessage(tools: MissingTools): string;
