// `pleno verify` on a real D.Hasil Kabupaten/Kota-KWK issued by a receiver database (docs/receiver-plenary.md): the
// signer of a kab/kota document is the receiver's key (KPU kabupaten/kota), so every line that names the key names
// that one — without --db (unconfirmed, how to confirm it), with --kunci (the announced fingerprint, or another one),
// and with --db of the receiver — never "kunci PPK".
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KabDokumenView } from '../../../shared/contracts/kabpleno.contract';
import { formatFingerprint } from '../../../shared/formats/envelope';
import { startKabReceiver, type KabReceiver } from '../../../tests/support/kab-receiver';
import { getPenerima } from '../backend/repositories/penerima.repo';
import { openBackend } from '../backend/backend';
import { initPenerima } from '../backend/services/penerima/setup.service';
import { verifyPdf } from '../backend/services/documents/verify-pdf';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const pleno = (...args: string[]) =>
  spawnSync(process.execPath, [join(root, 'bin/pleno.mjs'), 'verify', ...args], { cwd: root, encoding: 'utf8' });

let r: KabReceiver;
let pdf: string;
let fp: string;
beforeAll(async () => {
  r = await startKabReceiver();
  const doc = await r.call<KabDokumenView>('kabpleno.issue', { kind: 'd-hasil-kabko', pemilihan: 'bupati' });
  const file = await r.call<{ base64: string }>('kabpleno.file', { id: doc.id });
  pdf = join(r.dir, 'dhasil-kab.pdf');
  writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
  fp = formatFingerprint(getPenerima(r.b.ctx.db)!.keyId);
  await r.closeDb();
}, 120_000);
afterAll(async () => {
  await r.close();
});

describe('pleno verify on a kab/kota document names the receiver (KPU kabupaten/kota) key', () => {
  it('without --db: intact, signer unconfirmed, compare with the key the KPU kab/kota announced', () => {
    const v = pleno(pdf);
    expect(v.status).toBe(0);
    expect(v.stdout).toContain('utuh, penanda tangan BELUM dipastikan — DHASILKAB-6302-bupati versi 1 DRAF');
    expect(v.stdout).toContain(`ditandatangani kunci ${fp}`);
    expect(v.stdout).toContain(
      'bandingkan dengan sidik kunci penerima KPU Kabupaten/Kota yang diumumkan KPU Kabupaten/Kota, lalu ulangi dengan ' +
        '--kunci <sidik kunci> (atau --db <basis data penerima>)',
    );
    expect(v.stdout).not.toMatch(/PPK/);
  });

  it('with --kunci: sah under the announced fingerprint; another fingerprint is refused naming both', () => {
    const same = pleno(pdf, '--kunci', fp);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain(`sah — DHASILKAB-6302-bupati versi 1 DRAF`);
    expect(same.stdout).toContain(`kunci penerima KPU Kabupaten/Kota ${fp} (sama dengan sidik kunci yang diberikan)`);
    const other = pleno(pdf, '--kunci', '0123 4567 89ab cdef');
    expect(other.status).toBe(1);
    expect(other.stderr).toContain(
      `ditandatangani kunci ${fp}, bukan kunci penerima KPU Kabupaten/Kota 0123 4567 89ab cdef yang diberikan`,
    );
    expect(other.stderr).not.toMatch(/PPK/);
    expect(pleno(pdf, '--kunci', fp, '--kunci-ppk', fp).status).toBe(2);
  });

  it('with --db of the receiver: sah under the database key, the kecamatan traces replayed', () => {
    const v = pleno('--db', join(r.dir, 'kotabaru.db'), pdf);
    expect(v.stderr).toBe('');
    expect(v.status).toBe(0);
    expect(v.stdout).toContain(`kunci penerima KPU Kabupaten/Kota ${fp} (kunci basis data ini)`);
    expect(v.stdout).toContain('jejak Kecamatan');
  });

  it('with --db of another receiver: refused, naming the receiver key of that database, never the PPK key', async () => {
    // A second receiver database for the same kab/kota holds a key of its own.
    const otherDb = join(r.dir, 'lain.db');
    const b = await openBackend({ dbPath: otherDb, mode: 'web' });
    try {
      const bytes = new TextEncoder().encode(JSON.stringify(r.kec.final.masterEnvelope));
      const init = initPenerima(b.ctx, [{ name: 'm.json', bytes }], 'uji');
      expect(init.ok).toBe(true);
    } finally {
      await b.close();
    }
    const v = pleno('--db', otherDb, pdf);
    expect(v.status).toBe(1);
    expect(v.stderr).toContain(
      `ditandatangani kunci ${fp.replace(/ /g, '')}, bukan kunci penerima KPU Kabupaten/Kota basis data ini`,
    );
    expect(v.stderr).not.toMatch(/PPK/);
  });

  it('against a PPK key: says the database holds a PPK key while a kab/kota document is signed by the receiver key', async () => {
    const other = 'x'.repeat(43);
    const v = await verifyPdf(new Uint8Array(readFileSync(pdf)), { expectedPublicKey: other, expectedHolder: 'ppk' });
    expect(v.valid).toBe(false);
    expect(v.problems).toContain(
      `ditandatangani kunci ${fp.replace(/ /g, '')}, bukan kunci PPK basis data ini (dokumen KPU Kabupaten/Kota ditandatangani kunci penerima KPU Kabupaten/Kota)`,
    );
  });
});
