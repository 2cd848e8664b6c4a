// Renders QR texts (the `PLN1:` parts of docs/design.md §3.4) to PNG images with the `qrcode` package.
//
//   renderQrPng(text, { scale?, margin? }): Promise<Uint8Array>   one PNG per text, error correction level M
import QRCode from 'qrcode';

export interface RenderQrOptions {
  /** Pixels per module (default 6: a 1,000-character part prints at about 7 cm at 300 dpi). */
  scale?: number;
  /** Quiet zone in modules (default 4, as the QR standard asks). */
  margin?: number;
}

export async function renderQrPng(text: string, options: RenderQrOptions = {}): Promise<Uint8Array> {
  // Level M survives phone photos of a screen; the PLN1 text is all alphanumeric, so qrcode picks that mode.
  const buf = await QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    scale: options.scale ?? 6,
    margin: options.margin ?? 4,
  });
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}
