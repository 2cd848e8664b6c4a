// Registering a KPPS device by a recorded PPK decision, in Chromium against `pleno serve`: a phone whose key is not
// in the data master posts to the LAN receiver (real HTTP on 127.0.0.1) and gets 401; it is listed among the
// unknown devices; the ketua opens "Daftarkan", a wrong key is refused in Indonesian, the key is then read from a
// QR picture of the phone's screen (PLNDEV1 text), the reason typed; a wrong PIN records nothing, the ketua's PIN
// registers it (docs/plenary-decisions.md); the same envelope is then accepted (201).
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import canonicalize from 'canonicalize';
import QRCode from 'qrcode';
import { ARTIFACTS, callApi, expect, importDemoMaster, test } from './fixtures';
import { axeFindings, blocking } from './axe';

const KETUA_PIN = '2580';

interface Envelope {
  payload: Record<string, unknown> & { tps: string; pemilihan: string; perangkat: string };
  signature: { alg: string; keyId: string; sig: string };
}

/** A phone with its own Ed25519 key (not in the master) signing a demo record as itself. */
function phoneEnvelope(demoDir: string, deviceId: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64url');
  const env = JSON.parse(readFileSync(join(demoDir, 'tps', '6302142008003-gubernur.json'), 'utf8')) as Envelope;
  const payload = { ...env.payload, perangkat: deviceId };
  const sig = sign(null, Buffer.from(canonicalize(payload)!, 'utf8'), privateKey).toString('base64url');
  const body = JSON.stringify({ payload, signature: { alg: 'Ed25519', keyId: deviceId, sig } });
  // What the PPK's receipt must name (docs/design.md §3.5): SHA-256 of JCS(payload).
  const sha256 = createHash('sha256').update(canonicalize(payload)!, 'utf8').digest('hex');
  return { publicKey: raw, tps: payload.tps, sha256, body };
}

async function post(port: number, body: string) {
  const res = await fetch(`http://127.0.0.1:${port}/v1/c-hasil`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  return { status: res.status, body: (await res.json()) as { status: string; receipt?: unknown } };
}

test('an unknown KPPS device is listed, registered by the ketua through the dialog (QR), then accepted', async ({
  app,
  page,
}) => {
  test.setTimeout(120_000); // 59.9 s of the default 60 s at load 28
  const { dir: demoDir } = await importDemoMaster(app);
  const lan = await callApi<{ port: number; running: boolean }>(app, 'import.lanStart', { port: 0 });
  if (!lan.ok) throw new Error(lan.error.message);
  const port = lan.value.port;

  const phone = phoneEnvelope(demoDir, 'hp-cadangan-2008003');
  const refused = await post(port, phone.body);
  expect(refused.status).toBe(401);

  const members = await callApi<{ members: { id: number; nama: string; ketua: boolean }[] }>(
    app,
    'plenary.members',
    {},
  );
  if (!members.ok) throw new Error(members.error.message);
  const ketua = members.value.members.find((m) => m.ketua)!;
  const started = await callApi(app, 'plenary.startSession', { member: ketua.id });
  expect(started.ok).toBe(true);
  const pinSet = await callApi(app, 'plenary.setPin', { pin: KETUA_PIN });
  expect(pinSet.ok, JSON.stringify(pinSet)).toBe(true);

  await page.goto(app.url);
  await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name: 'Impor' }).click();
  await page.getByRole('tab', { name: 'LAN' }).click();
  const unknown = page.getByRole('table', { name: 'Perangkat tidak dikenal' });
  await expect(unknown).toContainText('hp-cadangan-2008003');
  await expect(page.getByRole('table', { name: 'Perangkat KPPS terdaftar' })).not.toContainText('hp-cadangan-2008003');

  await unknown.getByRole('button', { name: 'Daftarkan hp-cadangan-2008003' }).click();
  const dialog = page.getByRole('dialog', { name: 'Daftarkan perangkat KPPS' });
  await expect(dialog.getByLabel('Id perangkat')).toHaveValue('hp-cadangan-2008003');
  await expect(dialog.getByTestId('device-decider')).toContainText(ketua.nama);

  // A key that is one byte short: the backend refuses it, in Indonesian, and nothing is registered.
  await dialog.getByLabel('TPS', { exact: true }).selectOption(phone.tps);
  const shortKey = Buffer.from(phone.publicKey, 'base64url').subarray(0, 31).toString('base64url');
  await dialog.getByLabel('Kunci publik perangkat').fill(shortKey);
  await dialog
    .getByLabel('Alasan keputusan (wajib)')
    .fill('HP KPPS TPS 003 Desa 2008 rusak, diganti HP cadangan; disaksikan saksi paslon');
  const decide = dialog.getByRole('button', { name: 'Daftarkan dengan keputusan PPK' });
  await expect(decide).toBeDisabled(); // no PIN typed yet
  await dialog.getByTestId('pin').fill(KETUA_PIN);
  await decide.click();
  await expect(dialog.getByRole('alert')).toContainText('Kunci publik harus 32 byte');
  expect(blocking(await axeFindings(page)), 'register dialog with a refusal').toEqual([]);

  // The key read from a picture of the phone's screen (the PLNDEV1 QR), decoded in the browser.
  const qrPath = join(app.dir, 'layar-hp-qr.png');
  writeFileSync(
    qrPath,
    await QRCode.toBuffer(`PLNDEV1:hp-cadangan-2008003:${phone.tps}:${phone.publicKey}`, { scale: 6, margin: 4 }),
  );
  await dialog.getByLabel('Gambar kode QR perangkat').setInputFiles(qrPath);
  await expect(dialog.getByTestId('device-qr-note')).toContainText('Terbaca dari QR: perangkat hp-cadangan-2008003');
  await expect(dialog.getByLabel('Kunci publik perangkat')).toHaveValue(phone.publicKey);
  await page.screenshot({ path: join(ARTIFACTS, 'import-devices-dialog.png') });

  // A wrong PIN: refused in words, nothing registered.
  await dialog.getByTestId('pin').fill('9137');
  await decide.click();
  await expect(dialog.getByRole('alert')).toHaveText(`PIN ${ketua.nama} salah. Keputusan tidak dicatat.`);
  const still = await callApi<{ registered: { id: string }[] }>(app, 'import.devices', {});
  expect(still.ok && still.value.registered.some((d) => d.id === 'hp-cadangan-2008003')).toBe(false);

  await dialog.getByTestId('pin').fill(KETUA_PIN);
  await decide.click();
  await expect(dialog).toBeHidden();

  const registered = page.getByRole('table', { name: 'Perangkat KPPS terdaftar' });
  const row = registered.getByRole('row').filter({ hasText: 'hp-cadangan-2008003' });
  await expect(row).toContainText('keputusan PPK');
  await expect(row).toContainText(ketua.nama);
  // Times in the kecamatan's local time with its zone (Kalimantan Selatan: WITA), as in the plenary.
  await expect(row).toContainText(/ · \d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA/);
  await expect(unknown).not.toContainText('hp-cadangan-2008003');

  // The same envelope, sent again by the phone: accepted, with a receipt.
  const accepted = await post(port, phone.body);
  expect(accepted.status).toBe(201);
  expect(accepted.body.status).toBe('diterima');
  expect(accepted.body.receipt).toMatchObject({
    payload: { format: 'pleno.receipt/1', tps: phone.tps, pemilihan: 'gubernur', sha256: phone.sha256 },
    signature: { alg: 'Ed25519' },
  });
  const seen = page
    .getByRole('table', { name: 'Perangkat yang menghubungi' })
    .getByRole('row')
    .filter({ hasText: 'hp-cadangan-2008003' });
  await expect(seen).toContainText('terdaftar');
  await expect(seen).toContainText('1 diterima');
  // the Kiriman column (the row's last cell) counts both requests of the phone: the refused one and the accepted one
  await expect(row.getByRole('cell').last()).toHaveText('2');
  await page.screenshot({ path: join(ARTIFACTS, 'import-devices-registered.png'), fullPage: true });

  // The decision is in the audit chain, which still verifies.
  const audit = await callApi<{ ok: boolean }>(app, 'audit.verify', {});
  expect(audit.ok && audit.value.ok, JSON.stringify(audit)).toBe(true);
});
