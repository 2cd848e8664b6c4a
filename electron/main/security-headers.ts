// The renderer's Content-Security-Policy and security headers, in one place for both transports: the app:// scheme of
// the Electron window (platform/app-protocol.ts) and the loopback HTTP server of the web mode (web/). Imports nothing,
// so the platform layer and the plain-Node web server can both use it.

/** Only our own scripts (wasm for the QR decoder), no framing, no forms. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Sent by both transports on every response. */
export const BASE_SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/**
 * The web mode's headers: the base plus what a page in an ordinary browser tab needs (isolation from other sites in
 * that browser, camera policy). The Electron window gets the equivalent from its session (platform/windows.ts:
 * permission handlers, navigation and window-open refused).
 */
export const WEB_SECURITY_HEADERS: Record<string, string> = {
  ...BASE_SECURITY_HEADERS,
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // The camera is used to scan QR codes (C.Hasil, the receiver certificate); nothing else.
  'Permissions-Policy': 'camera=(self), microphone=(), geolocation=()',
};
