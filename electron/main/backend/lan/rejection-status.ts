// Which HTTP status a rejected LAN upload gets (docs/design.md §3.5): 401 when the sender is not allowed — unknown
// device, device registered for another TPS, signer ≠ perangkat, bad signature — and 400 for anything else (malformed,
// truncated, another kecamatan). The import service decides whether to reject (and quarantines); its outcome
// carries the parse error code that this maps.
const AUTH_CODES = new Set(['UNKNOWN_DEVICE', 'DEVICE_MISMATCH', 'BAD_SIGNATURE', 'BAD_KEY_ID']);

export function rejectionStatus(code: string | undefined): { status: 400 | 401; code: string } {
  const c = code ?? 'INVALID_INPUT';
  return { status: AUTH_CODES.has(c) ? 401 : 400, code: c };
}
