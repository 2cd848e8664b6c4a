// One screen state checked the way issue 13 asks: a screenshot at each laptop size a kecamatan has (1366×768,
// 1280×720) kept under artifacts/screens/, nothing wider than the window or cut at a box's edge, and axe-core with
// no critical or serious finding. Used by the specs that reach a state (a dialog, an open list) on their way.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { ARTIFACTS, expect } from './fixtures';
import { axeFindings, blocking } from './axe';

export const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
] as const;

export const SCREENS = join(ARTIFACTS, 'screens');

/** Elements whose content is wider than their box (clipped or scrolled sideways), and page-level overflow. */
export async function overflow(page: Page, fitHeight: boolean): Promise<string[]> {
  return page.evaluate((fitHeight) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth}>${doc.clientWidth}`);
    if (fitHeight && doc.scrollHeight > doc.clientHeight + 1)
      out.push(`page ${doc.scrollHeight}>${doc.clientHeight} tall`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, .proj *, dialog[open] *'))) {
      const style = getComputedStyle(el);
      // Visually hidden text (names for screen readers) is 1 px wide by design.
      if (style.display === 'none' || el.closest('dialog:not([open]), .sr-only')) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > doc.clientWidth + 1)
        out.push(`${el.tagName.toLowerCase()}.${el.className} right ${Math.round(r.right)}`);
      else if (el.scrollWidth > el.clientWidth + 1 && /auto|scroll|hidden/.test(style.overflowX) && el.clientWidth > 0)
        out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls ${el.scrollWidth}>${el.clientWidth}`);
    }
    return [...new Set(out)].slice(0, 10);
  }, fitHeight);
}

/**
 * The state on screen now, at both sizes: screenshots `<name>-<w>x<h>.png`, no overflow, no critical or serious axe
 * finding. Leaves the window at the size it had.
 */
export async function checkScreen(page: Page, name: string, opts: { fitHeight?: boolean } = {}): Promise<void> {
  mkdirSync(SCREENS, { recursive: true });
  const before = page.viewportSize();
  const report: Record<string, { overflow: string[]; axe: unknown[] }> = {};
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.waitForTimeout(250);
    const key = `${name}-${size.width}x${size.height}`;
    await page.screenshot({ path: join(SCREENS, `${key}.png`) });
    const r = { overflow: await overflow(page, opts.fitHeight === true), axe: blocking(await axeFindings(page)) };
    if (r.overflow.length > 0 || r.axe.length > 0) report[key] = r;
  }
  if (before) await page.setViewportSize(before);
  expect(report, `${name}: clipped boxes or axe findings`).toEqual({});
}
