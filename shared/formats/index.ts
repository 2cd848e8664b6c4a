// The signed formats of docs/design.md §3: bytes, canonical JSON, strict JSON, envelope, parsers and codecs.
export * from './bytes';
export * from './canonical';
export * from './json';
export * from './parse-result';
export * from './envelope';
export * from './master';
export * from './c-hasil';
export * from './bundle';
export * from './base45';
export * from './qr';
