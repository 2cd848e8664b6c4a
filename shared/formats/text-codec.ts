// Minimal typing of the WHATWG TextEncoder/TextDecoder, which every runtime we target (Node, Chromium) provides.
// Declared locally rather than as globals: a global `declare var TextEncoder` would clash with the DOM lib
// (renderer) and @types/node (electron), which also compile shared/.

export interface Utf8EncoderLike {
  encode(input: string): Uint8Array<ArrayBuffer>;
}

export interface Utf8DecoderLike {
  decode(input: Uint8Array): string;
}

interface TextCodecGlobals {
  TextEncoder: new () => Utf8EncoderLike;
  TextDecoder: new (label: 'utf-8', options: { fatal: boolean; ignoreBOM: boolean }) => Utf8DecoderLike;
}

const globals = globalThis as unknown as TextCodecGlobals;

export const textEncoder: Utf8EncoderLike = new globals.TextEncoder();
/** fatal: invalid UTF-8 throws instead of producing U+FFFD; ignoreBOM: a BOM is kept, never silently eaten. */
export const textDecoder: Utf8DecoderLike = new globals.TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
