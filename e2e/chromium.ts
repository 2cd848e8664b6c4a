// The Chromium every browser run uses (e2e tests and the browser benchmarks): Debian's /usr/bin/chromium with the
// flags that keep it quiet and offline in a container (no sandbox, GPU, background networking, updates, sync, QUIC).
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Playwright launch options: `chromium.launch(chromiumLaunchOptions())`, or `use.launchOptions` in the config. */
export function chromiumLaunchOptions(extraArgs: readonly string[] = []): { executablePath: string; args: string[] } {
  return { executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, ...extraArgs] };
}
