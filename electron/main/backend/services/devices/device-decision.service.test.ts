// Registering a KPPS device by a recorded PPK decision, on a real SQLite file (kecamatan fixture): who may decide,
// the refusals, the audit chain; then over real HTTP on 127.0.0.1: an unknown device gets 401, is registered by
// decision, and the same envelope is then accepted (201) with a receipt that verifies under the PPK key.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import { startLanReceiver, type LanReceiver } from '../../lan/receiver';
import { readHello } from '../../lan/kpps-client';
import { verifyReceipt } from '../../lan/receipt';
import { generateKeyPair, signPayload } from '../../crypto';
import { nodeCrypto } from '../../crypto';
import { payloadHash } from '../../../../../shared/formats/envelope';
import { fromBase64Url, utf8Encode } from '../../../../../shared/formats/bytes';
import { verifyAudit } from '../../repositories/audit.repo';
import { decisionDevices } from '../../repositories/master.repo';
import { startSession } from '../plenary/members.service';
import { delegate } from '../plenary/delegation.service';
import { setPin } from '../plenary/pins.service';
import { devicesView, registerDevice } from './device-decision.service';

let fx: KecamatanFixture;
const ctx = () => fx.backend.ctx;
const count = (sql: string, ...args: unknown[]) =>
  (
    ctx()
      .db.prepare(sql)
      .get(...args) as { n: number }
  ).n;
const KETUA = 0;
const ANGGOTA = 1;
const KETUA_PIN = '2580';
const ANGGOTA_PIN = '4826';

/** The ketua operating, with a PIN set: registering a device is a decision confirmed by PIN. */
function asKetua() {
  startSession(ctx(), KETUA);
  const r = setPin(ctx(), { pin: KETUA_PIN });
  if (!r.ok) throw new Error(r.error.message);
}

describe('registerDevice (PPK decision, docs/design.md §3.5)', () => {
  // A fresh kecamatan per test: sessions, delegations and registrations never carry over.
  beforeEach(async () => {
    fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 3 });
  });
  afterEach(async () => {
    await fx?.close();
  });
  const phone = generateKeyPair();
  const tps = () => fx.devices[1]!.tps;
  const input = () => ({
    id: 'hp-cadangan-1',
    tps: tps(),
    publicKey: phone.publicKey,
    reason: 'HP KPPS rusak, diganti HP cadangan',
    pin: KETUA_PIN,
  });

  it('is refused without an operator session, and for an anggota without delegation', () => {
    const none = registerDevice(ctx(), input());
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.error.code).toBe('FORBIDDEN');

    startSession(ctx(), ANGGOTA);
    const anggota = registerDevice(ctx(), input());
    expect(anggota.ok).toBe(false);
    if (!anggota.ok) {
      expect(anggota.error.code).toBe('FORBIDDEN');
      expect(anggota.error.message).toContain('Ketua PPK (Ketua Uji)');
    }
    expect(count("SELECT count(*) AS n FROM perangkat WHERE source = 'ppk-decision'")).toBe(0);
    expect(devicesView(ctx()).operator).toEqual({ nama: 'Anggota Uji', mayDecide: false });
  });

  it("is refused without the decider's PIN or with a wrong one, recording nothing (docs/plenary-decisions.md)", () => {
    startSession(ctx(), KETUA);
    const unset = registerDevice(ctx(), input());
    expect(unset.ok || unset.error).toMatchObject({ code: 'UNAUTHORIZED', detail: 'pin' });
    expect(unset.ok || unset.error.message).toContain('belum mengatur PIN');
    expect(setPin(ctx(), { pin: KETUA_PIN }).ok).toBe(true);
    const auditBefore = count('SELECT count(*) AS n FROM audit');
    const { pin: _pin, ...withoutPin } = input();
    const missing = registerDevice(ctx(), withoutPin);
    expect(missing.ok || missing.error).toMatchObject({ code: 'UNAUTHORIZED', detail: 'pin' });
    expect(missing.ok || missing.error.message).toBe('Masukkan PIN Ketua Uji untuk mengonfirmasi keputusan ini.');
    const wrong = registerDevice(ctx(), { ...input(), pin: '9999' });
    expect(wrong.ok || wrong.error).toMatchObject({ code: 'UNAUTHORIZED', detail: 'pin' });
    expect(wrong.ok || wrong.error.message).toBe('PIN Ketua Uji salah. Keputusan tidak dicatat.');
    expect(count("SELECT count(*) AS n FROM perangkat WHERE source = 'ppk-decision'")).toBe(0);
    expect(count('SELECT count(*) AS n FROM audit')).toBe(auditBefore);
    expect(registerDevice(ctx(), input()).ok).toBe(true);
  });

  it('refuses an unknown TPS, a key that is not 32 bytes, and an empty reason', () => {
    asKetua();
    const badTps = registerDevice(ctx(), { ...input(), tps: '6302149999001' });
    expect(badTps.ok || badTps.error).toMatchObject({ code: 'NOT_FOUND', detail: 'tps' });
    const short = registerDevice(ctx(), { ...input(), publicKey: phone.publicKey.slice(0, 40) });
    expect(short.ok || short.error).toMatchObject({ code: 'INVALID_INPUT', detail: 'publicKey' });
    const long = registerDevice(ctx(), { ...input(), publicKey: `${phone.publicKey}AAAA` });
    expect(long.ok || long.error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(long.ok || long.error.message).toContain('32 byte');
    const garbage = registerDevice(ctx(), { ...input(), publicKey: 'bukan kunci!' });
    expect(garbage.ok || garbage.error).toMatchObject({ code: 'INVALID_INPUT', detail: 'publicKey' });
    const noReason = registerDevice(ctx(), { ...input(), reason: '   ' });
    expect(noReason.ok || noReason.error).toMatchObject({ code: 'INVALID_INPUT', detail: 'reason' });
    expect(count("SELECT count(*) AS n FROM perangkat WHERE source = 'ppk-decision'")).toBe(0);
  });

  it('the ketua registers; the same id, TPS and key again is idempotent; the row and its audit entry verify', () => {
    asKetua();
    const auditBefore = count('SELECT count(*) AS n FROM audit');
    const r = registerDevice(ctx(), input());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.created).toBe(true);
    expect(r.value.device).toMatchObject({
      id: 'hp-cadangan-1',
      tps: tps(),
      source: 'ppk-decision',
      decidedBy: 'Ketua Uji',
      reason: input().reason,
    });
    expect(r.value.device.fingerprint).toMatch(/^[0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4} [0-9a-f]{4}$/);
    expect(decisionDevices(ctx().db)).toEqual([{ id: 'hp-cadangan-1', tps: tps(), publicKey: phone.publicKey }]);
    expect(count('SELECT count(*) AS n FROM audit')).toBe(auditBefore + 1);
    const entry = ctx().db.prepare('SELECT actor, action, entity FROM audit ORDER BY seq DESC LIMIT 1').get();
    expect(entry).toEqual({ actor: 'Ketua Uji', action: 'perangkat.add', entity: 'perangkat' });

    // Standard base64 with padding is the same key: answered as already registered, nothing written.
    const std = Buffer.from(fromBase64Url(phone.publicKey)).toString('base64');
    const again = registerDevice(ctx(), { ...input(), publicKey: ` ${std} `, reason: 'dicatat ulang' });
    expect(again.ok && again.value.created).toBe(false);
    expect(count('SELECT count(*) AS n FROM audit')).toBe(auditBefore + 1);

    const report = verifyAudit(ctx().db);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('a registered id cannot be re-bound to another key or TPS, nor a master device overridden, nor a key reused', () => {
    asKetua();
    expect(registerDevice(ctx(), input()).ok).toBe(true);
    const other = registerDevice(ctx(), { ...input(), publicKey: generateKeyPair().publicKey });
    expect(other.ok || other.error).toMatchObject({ code: 'CONFLICT', detail: 'publicKey' });
    const moved = registerDevice(ctx(), { ...input(), tps: fx.devices[2]!.tps });
    expect(moved.ok || moved.error).toMatchObject({ code: 'CONFLICT', detail: 'tps' });
    const master = fx.devices[0]!;
    const override = registerDevice(ctx(), {
      id: master.id,
      tps: master.tps,
      publicKey: generateKeyPair().publicKey,
      reason: 'coba ganti',
      pin: KETUA_PIN,
    });
    expect(override.ok || override.error).toMatchObject({ code: 'CONFLICT' });
    expect(override.ok || override.error.message).toContain('dalam data master');
    const reuse = registerDevice(ctx(), {
      id: 'hp-lain',
      tps: tps(),
      publicKey: master.publicKey,
      reason: 'kunci sama',
      pin: KETUA_PIN,
    });
    expect(reuse.ok || reuse.error).toMatchObject({ code: 'CONFLICT' });
    expect(count("SELECT count(*) AS n FROM perangkat WHERE source = 'ppk-decision'")).toBe(1);
  });

  it('a delegated anggota may decide; the view lists master and decision devices', () => {
    asKetua();
    expect(registerDevice(ctx(), input()).ok).toBe(true);
    // A delegation is confirmed with the ketua's PIN (docs/plenary-decisions.md).
    expect(delegate(ctx(), { member: ANGGOTA, active: true, reason: 'ketua keluar ruangan', pin: KETUA_PIN }).ok).toBe(
      true,
    );
    startSession(ctx(), ANGGOTA);
    expect(setPin(ctx(), { pin: ANGGOTA_PIN }).ok).toBe(true);
    const r = registerDevice(ctx(), {
      id: 'hp-cadangan-2',
      tps: fx.devices[3]!.tps,
      publicKey: generateKeyPair().publicKey,
      reason: 'HP KPPS hilang',
      pin: ANGGOTA_PIN,
    });
    expect(r.ok && r.value.device.decidedBy).toBe('Anggota Uji');
    const view = devicesView(ctx());
    expect(view.operator).toEqual({ nama: 'Anggota Uji', mayDecide: true });
    expect(view.registered.filter((d) => d.source === 'master')).toHaveLength(fx.devices.length);
    expect(view.registered.filter((d) => d.source === 'ppk-decision').map((d) => d.id)).toEqual([
      'hp-cadangan-1',
      'hp-cadangan-2',
    ]);
    expect(view.tps).toHaveLength(6);
    expect(view.tps[0]!.label).toBe('Desa Uji 1 · TPS 001');
    expect(verifyAudit(ctx().db).ok).toBe(true);
  });
});

describe('LAN: an unknown device, registered by decision, is then accepted', () => {
  let rx: LanReceiver;
  let url: string;
  beforeAll(async () => {
    fx = await createKecamatanFixture({ desa: 2, tpsPerDesa: 3 });
    rx = await startLanReceiver(ctx(), { port: 0, host: '127.0.0.1', mdns: false });
    url = `http://127.0.0.1:${rx.port}`;
  });
  afterAll(async () => {
    await rx?.close();
    await fx?.close();
  });

  const post = async (bytes: Uint8Array) => {
    const res = await fetch(`${url}/v1/c-hasil`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: bytes as unknown as RequestInit['body'],
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  it('401, listed as unknown; registered by the ketua; the same envelope gets 201 with a verified receipt', async () => {
    const tps = fx.devices[5]!.tps;
    const phone = generateKeyPair();
    const rec = { ...fx.record(tps, 'gubernur'), perangkat: 'hp-baru-tps6' };
    const bytes = utf8Encode(JSON.stringify(signPayload(rec, phone.privateKey, 'hp-baru-tps6')));

    const first = await post(bytes);
    expect(first.status).toBe(401);
    expect(count('SELECT count(*) AS n FROM submission WHERE tps = ?', tps)).toBe(0);
    rx.flush();
    const unknown = devicesView(ctx()).unknown.find((u) => u.keyId === 'hp-baru-tps6');
    expect(unknown).toMatchObject({ requests: 1, remote: expect.stringContaining('127.0.0.1') });

    asKetua();
    const reg = registerDevice(ctx(), {
      id: 'hp-baru-tps6',
      tps,
      publicKey: phone.publicKey,
      reason: 'HP KPPS TPS 003 belum ada di data master',
      pin: KETUA_PIN,
    });
    expect(reg.ok && reg.value.created).toBe(true);

    const second = await post(bytes);
    expect(second.status).toBe(201);
    expect(second.body.status).toBe('diterima');
    const hello = await readHello(url);
    if (!hello.ok) throw new Error(hello.reason);
    const receipt = verifyReceipt(second.body.receipt, hello.value.ppkKey);
    expect(receipt.ok).toBe(true);
    if (receipt.ok) {
      expect(receipt.receipt.payload).toMatchObject({
        tps,
        pemilihan: 'gubernur',
        sha256: payloadHash(rec, nodeCrypto),
      });
    }
    expect(count("SELECT count(*) AS n FROM submission WHERE tps = ? AND device_key_id = 'hp-baru-tps6'", tps)).toBe(1);

    rx.flush();
    const view = devicesView(ctx());
    expect(view.unknown.find((u) => u.keyId === 'hp-baru-tps6')).toBeUndefined();
    expect(view.registered.find((d) => d.id === 'hp-baru-tps6')).toMatchObject({ source: 'ppk-decision', requests: 2 });
    expect(verifyAudit(ctx().db).ok).toBe(true);
  });
});
