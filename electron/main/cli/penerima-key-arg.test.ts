// `pleno penerima kunci-ppk --kunci-publik <key>` with a base64url key that starts with "-" (one key in 64): taken in
// the plain form as in the `=` form; a value starting with "-" that is not a key is refused with a sentence saying how
// to give it (node's parseArgs alone calls it "ambiguous", in English).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKecamatan } from '../../../tests/support/push-fixture';
import { openBackend } from '../backend/backend';
import { generateKeyPair, type KeyPairText } from '../backend/crypto';
import { getPpkBinding } from '../backend/repositories/penerima.repo';
import { initPenerima } from '../backend/services/penerima/setup.service';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pleno = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/pleno.mjs'), 'penerima', ...args], { cwd: root, encoding: 'utf8' });

/** A key pair whose base64url public key starts with "-" (index 62: the first six bits all set but the last). */
function dashKey(): KeyPairText {
  for (;;) {
    const k = generateKeyPair();
    if (k.publicKey.startsWith('-')) return k;
  }
}

let dir: string;
let db: string;
const kec = makeKecamatan(undefined, '630214');
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-key-arg-'));
  db = join(dir, 'kotabaru.db');
  const b = await openBackend({ dbPath: db, mode: 'web' });
  try {
    const bytes = new TextEncoder().encode(JSON.stringify(kec.masterEnvelope));
    const r = initPenerima(b.ctx, [{ name: 'm.json', bytes }], 'uji');
    if (!r.ok) throw new Error(r.error.message);
  } finally {
    await b.close();
  }
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function boundKecamatan(fingerprint: string): Promise<string | undefined> {
  const b = await openBackend({ dbPath: db, mode: 'web', readOnly: true });
  try {
    return getPpkBinding(b.ctx.db, fingerprint)?.kecamatan;
  } finally {
    await b.close();
  }
}

describe('pleno penerima kunci-ppk: a public key starting with "-"', () => {
  it('is taken after --kunci-publik as a separate argument', async () => {
    const k = dashKey();
    const r = pleno('kunci-ppk', '--db', db, '--kecamatan', '630214', '--kunci-publik', k.publicKey, '--alasan', 'uji');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('didaftarkan / registered untuk 630214');
    expect(await boundKecamatan(k.fingerprint)).toBe('630214');
  });

  it('a value starting with "-" that is not a key: exit 2 with how to give it, nothing registered', () => {
    const r = pleno('kunci-ppk', '--db', db, '--kecamatan', '630214', '--kunci-publik', '-abc', '--alasan', 'uji');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('nilai --kunci-publik diawali tanda "-": tulis --kunci-publik=<nilai> (tanpa spasi)');
    expect(r.stderr).not.toMatch(/ambiguous/);
  });
});
