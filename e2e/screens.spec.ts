// Every main screen at the two laptop sizes a kecamatan has (1366×768, 1280×720), on the hampang demo: a screenshot
// of each kept under artifacts/screens/, nothing wider than the window (no sideways page or table scroll, nothing
// cut at the right edge), the review's two panes inside the window's height, and axe-core with no critical or serious finding (issue 13 items 9 and 13).
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ARTIFACTS, callApi, createDemo, expect, test } from './fixtures';
import { axeFindings, blocking } from './axe';

const SIZES = [
  { width: 1366, height: 768 },
  { width: 1280, height: 720 },
];

/** Elements whose content is wider than their box (clipped or scrolled sideways), and page-level overflow. */
async function overflow(page: Page, fitHeight: boolean): Promise<string[]> {
  return page.evaluate((fitHeight) => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth}>${doc.clientWidth}`);
    if (fitHeight && doc.scrollHeight > doc.clientHeight + 1)
      out.push(`page ${doc.scrollHeight}>${doc.clientHeight} tall`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('main *, .proj *'))) {
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

test('main screens fit 1366×768 and 1280×720 with no critical or serious axe finding', async ({ app, page }) => {
  test.setTimeout(180_000);
  await createDemo(app);
  const dash = await callApi<{ pemilihan: { id: string }; nextProblem: { tps: string } | null }>(
    app,
    'plenary.dashboard',
  );
  if (!dash.ok) throw new Error(dash.error.message);
  expect((await callApi(app, 'documents.issue', { kind: 'd-hasil', pemilihan: 'bupati' })).ok).toBe(true);
  const tps = dash.value.nextProblem!.tps;
  const screens: { name: string; hash: string; ready: (p: Page) => Promise<void> }[] = [
    { name: 'beranda', hash: '#/beranda', ready: (p) => expect(p.getByTestId('dashboard')).toBeVisible() },
    {
      name: 'pleno-review',
      hash: `#/pleno/${dash.value.pemilihan.id}/${tps}`,
      ready: (p) => expect(p.getByTestId('review')).toBeVisible(),
    },
    { name: 'impor', hash: '#/impor', ready: (p) => expect(p.getByRole('main')).toBeVisible() },
    {
      name: 'dokumen',
      hash: '#/dokumen',
      ready: async (p) => {
        await p.getByRole('table', { name: 'Dokumen yang diterbitkan' }).getByRole('row').nth(1).click();
        await expect(p.getByRole('img', { name: /^Halaman 1 dari/ })).toHaveAttribute('data-drawn', 'true', {
          timeout: 20_000,
        });
      },
    },
    { name: 'audit', hash: '#/audit', ready: (p) => expect(p.getByTestId('audit-verify')).toBeVisible() },
    { name: 'proyektor', hash: '#/proyektor', ready: (p) => expect(p.getByTestId('projector')).toBeVisible() },
  ];
  mkdirSync(join(ARTIFACTS, 'screens'), { recursive: true });
  await page.goto(app.url);
  const report: Record<string, { overflow: string[]; axe: unknown[] }> = {};
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const s of screens) {
      await page.evaluate((h) => (window.location.hash = h), s.hash);
      await s.ready(page);
      await page.waitForTimeout(300);
      const key = `${s.name}-${size.width}x${size.height}`;
      await page.screenshot({ path: join(ARTIFACTS, 'screens', `${key}.png`) });
      report[key] = {
        overflow: await overflow(page, s.name === 'pleno-review'),
        axe: blocking(await axeFindings(page)),
      };
    }
  }
  const bad = Object.entries(report).filter(([, r]) => r.overflow.length > 0 || r.axe.length > 0);
  expect(Object.fromEntries(bad)).toEqual({});
});
