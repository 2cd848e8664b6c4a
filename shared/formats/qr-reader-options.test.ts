import { describe, expect, it } from 'vitest';
import { QR_READ_FAST, QR_READ_THOROUGH, qrTexts } from './qr-reader-options';

describe('QR reader options shared by the backend and the browser', () => {
  it('keeps the valid, non-empty texts once each, in reading order', () => {
    const read = [
      { isValid: true, text: 'PLN1:b' },
      { isValid: false, text: 'PLN1:x' },
      { isValid: true, text: '' },
      { isValid: true, text: 'PLN1:a' },
      { isValid: true, text: 'PLN1:b' },
    ];
    expect(qrTexts(read)).toEqual(['PLN1:b', 'PLN1:a']);
  });

  it('reads QR codes only; the thorough pass adds rotations and inverted codes to the fast one', () => {
    expect(QR_READ_FAST).toMatchObject({ formats: ['QRCode'], tryRotate: false, tryInvert: false });
    expect(QR_READ_THOROUGH).toEqual({ ...QR_READ_FAST, tryRotate: true, tryInvert: true });
  });
});
