// `npm test` names the Debian packages to install when Chromium or poppler-utils is missing (scripts/system-tools.mjs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { missingSystemTools, missingToolsMessage } from '../scripts/system-tools.mjs';

describe('missingSystemTools', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'pleno-tools-'));
    writeFileSync(join(dir, 'chromium'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds nothing missing on this machine (Chromium and poppler-utils are installed here)', () => {
    expect(missingSystemTools()).toEqual({ missing: [], packages: [], install: '' });
    expect(missingToolsMessage(missingSystemTools())).toBe('');
  });

  it('names both packages when Chromium is absent and poppler is not on PATH', () => {
    const r = missingSystemTools({ chromiumPath: join(dir, 'no-chromium'), env: { PATH: dir } });
    expect(r.packages).toEqual(['chromium', 'poppler-utils']);
    expect(r.install).toBe('apt-get install chromium poppler-utils');
    expect(r.missing.map((t) => t.what)).toEqual([`Chromium (${join(dir, 'no-chromium')})`, 'pdftotext', 'pdftoppm']);
    expect(missingToolsMessage(r)).toContain('sudo apt-get install chromium poppler-utils');
  });

  it('names only poppler-utils when Chromium is there', () => {
    const r = missingSystemTools({ chromiumPath: join(dir, 'chromium'), env: { PATH: dir } });
    expect(r.install).toBe('apt-get install poppler-utils');
  });
});
