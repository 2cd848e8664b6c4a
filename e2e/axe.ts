// axe-core inside the e2e suite: the page's own CSP refuses injected inline scripts, so axe's source is evaluated
// through the DevTools protocol instead of a <script> tag; results are reduced to what a report needs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ROOT } from './fixtures';

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string;
  nodes: string[];
}

/** Runs axe-core on the page as shown; returns every violation with its impact and (up to 5) target selectors. */
export async function axeFindings(page: Page): Promise<AxeFinding[]> {
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: unknown[] }> } }).axe;
    const r = await axe.run(document);
    return (r.violations as { id: string; impact: string; nodes: { target: string[] }[] }[]).map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    }));
  });
}

export const blocking = (f: AxeFinding[]) => f.filter((x) => x.impact === 'critical' || x.impact === 'serious');
