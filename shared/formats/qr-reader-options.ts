// How Pleno asks zxing-wasm to read QR codes, the same in the backend (Node, services/qr/qr-image.ts) and in the
// browser (renderer/features/import/qr-browser.ts): phone photos of a screen or a printout are tilted, blurred,
// unevenly lit, and several codes may share one picture. The first pass skips the 90° rotations and inverted
// (light-on-dark) codes, which costs a third of the time; only when it finds nothing does the second try everything.
// Plain data (zxing-wasm's ReaderOptions accepts it): shared/ stays free of the decoder itself.

export interface QrReadOptions {
  formats: 'QRCode'[];
  tryHarder: boolean;
  tryRotate: boolean;
  tryInvert: boolean;
  tryDownscale: boolean;
  maxNumberOfSymbols: number;
}

export const QR_READ_FAST: QrReadOptions = {
  formats: ['QRCode'],
  tryHarder: true,
  tryRotate: false,
  tryInvert: false,
  tryDownscale: true,
  maxNumberOfSymbols: 16,
};

export const QR_READ_THOROUGH: QrReadOptions = { ...QR_READ_FAST, tryRotate: true, tryInvert: true };

/** The distinct texts of the valid codes read, in reading order. */
export function qrTexts(results: readonly { isValid: boolean; text: string }[]): string[] {
  const out: string[] = [];
  for (const r of results) if (r.isValid && r.text.length > 0 && !out.includes(r.text)) out.push(r.text);
  return out;
}
