// The KPPS phone's "register me" QR text (an app-level convenience, not a docs/design.md contract; docs/channels.md):
//   PLNDEV1:<device id>:<TPS code, 13 digits>:<public key, base64url of the raw 32-byte Ed25519 key>
// The device id may itself contain ':' (the TPS and the key cannot), so the text is read from the right.
//
//   parseDeviceQr(text) → { id, tps, publicKey } | null
export interface DeviceQr {
  id: string;
  tps: string;
  publicKey: string;
}

export const DEVICE_QR_PREFIX = 'PLNDEV1:';

const PATTERN = /^PLNDEV1:([\x21-\x7e]{1,128}):(\d{13}):([A-Za-z0-9_-]{43})$/;

export function parseDeviceQr(text: string): DeviceQr | null {
  const m = PATTERN.exec(text.trim());
  return m ? { id: m[1]!, tps: m[2]!, publicKey: m[3]! } : null;
}

export function deviceQrText(d: DeviceQr): string {
  return `${DEVICE_QR_PREFIX}${d.id}:${d.tps}:${d.publicKey}`;
}
