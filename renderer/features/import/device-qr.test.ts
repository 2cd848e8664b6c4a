// The PLNDEV1 registration text read from a phone's screen: round trip, ids containing ':', and what is refused.
import { describe, expect, it } from 'vitest';
import { deviceQrText, parseDeviceQr } from './device-qr';

const key = 'PmZaJBRxTwsE2pcC6NXXVc5xuu2A4jFgILdMNkhP5WE';

describe('parseDeviceQr', () => {
  it('reads id, TPS and key, also when the id contains ":"', () => {
    expect(parseDeviceQr(`PLNDEV1:hp-1:6302142008003:${key}`)).toEqual({
      id: 'hp-1',
      tps: '6302142008003',
      publicKey: key,
    });
    const d = { id: 'kpps:tps:3', tps: '6302142008003', publicKey: key };
    expect(parseDeviceQr(deviceQrText(d))).toEqual(d);
    expect(parseDeviceQr(` ${deviceQrText(d)}\n`)).toEqual(d);
  });

  it('refuses other texts: a result code, a short key, a TPS that is not 13 digits, an empty id, spaces', () => {
    expect(parseDeviceQr('PLN1:1/2:abc')).toBeNull();
    expect(parseDeviceQr(`PLNDEV1:hp-1:6302142008003:${key.slice(1)}`)).toBeNull();
    expect(parseDeviceQr(`PLNDEV1:hp-1:630214200800:${key}`)).toBeNull();
    expect(parseDeviceQr(`PLNDEV1::6302142008003:${key}`)).toBeNull();
    expect(parseDeviceQr(`PLNDEV1:hp 1:6302142008003:${key}`)).toBeNull();
    expect(parseDeviceQr(`PLNDEV1:hp-1:6302142008003:${key.slice(0, 42)}+`)).toBeNull();
  });
});
