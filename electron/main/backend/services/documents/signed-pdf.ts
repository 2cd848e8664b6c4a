// Builds a verifiable document PDF: the document data is signed with the PPK key (a self-signed envelope,
// docs/design.md §3.1: keyId = fingerprint of the carried public key), hashed (SHA-256 of its canonical JSON, shown on
// every page), drawn, and attached to the PDF as `pleno-dokumen.json`.
import { fromBase64Url, toBase64Url, utf8Encode } from '../../../../../shared/formats/bytes';
import { canonicalBytes, canonicalize } from '../../../../../shared/formats/canonical';
import { keyFingerprint } from '../../../../../shared/formats/envelope';
import type { SignedEnvelope } from '../../../../../shared/domain/model';
import type { AnyDocumentData } from '../../../../../shared/documents/kabko-types';
import { nodeCrypto, sha256Hex } from '../../crypto';

/** What signs a document: the PPK laptop's Ed25519 key (services/keys/ppk-key.ts) or a test key. */
export interface DocumentSigner {
  /** base64url of the raw 32-byte public key. */
  publicKey: string;
  /** Ed25519 signature (64 bytes) over the given bytes. */
  sign(bytes: Uint8Array): Uint8Array;
}

export function signerFingerprint(signer: Pick<DocumentSigner, 'publicKey'>): string {
  return keyFingerprint(fromBase64Url(signer.publicKey), nodeCrypto);
}

export function dataHash(data: AnyDocumentData): string {
  return sha256Hex(canonicalBytes(data));
}

export function signAnyDocumentData(data: AnyDocumentData, signer: DocumentSigner): SignedEnvelope<AnyDocumentData> {
  return signCanonical(data, canonicalize(data), signer).envelope;
}

/**
 * Signs already-canonical data and builds the envelope's JCS text by concatenation: the envelope's keys sort as
 * "payload" < "signature", so `{"payload":<JCS(data)>,"signature":<JCS(sig)>}` is exactly JCS(envelope). The data
 * (tens of thousands of numbers for 600 TPS) is canonicalised once instead of three times.
 */
function signCanonical(data: AnyDocumentData, canonical: string, signer: DocumentSigner) {
  const keyId = signerFingerprint(signer);
  const bytes = utf8Encode(canonical);
  const sig = toBase64Url(signer.sign(bytes));
  const signature = { alg: 'Ed25519' as const, keyId, sig, publicKey: signer.publicKey };
  const envelope: SignedEnvelope<AnyDocumentData> = { payload: data, signature };
  const envelopeText = `{"payload":${canonical},"signature":${canonicalize(signature)}}`;
  return { envelope, bytes, envelopeText };
}

export interface SignedPdf {
  bytes: Uint8Array;
  pages: number;
  dataSha256: string;
  fileSha256: string;
  envelope: SignedEnvelope<AnyDocumentData>;
}

/** Signs and renders. `data.meta.signer` must be the signer's fingerprint (checked: it is printed on every page). */
export async function buildSignedPdf(data: AnyDocumentData, signer: DocumentSigner): Promise<SignedPdf> {
  const fp = signerFingerprint(signer);
  if (data.meta.signer !== fp)
    throw new Error(`document meta.signer ${data.meta.signer} is not the signer's fingerprint ${fp}`);
  const { envelope, bytes, envelopeText } = signCanonical(data, canonicalize(data), signer);
  const dataSha256 = sha256Hex(bytes);
  const envelopeBytes = utf8Encode(envelopeText);
  // pdf-lib + fontkit weigh ~40 MB once loaded: only a process that issues a document pays for them.
  const { renderPdf } = await import('./pdf-renderer');
  const out = await renderPdf({ data, dataSha256, envelopeBytes });
  return { bytes: out.bytes, pages: out.pages, dataSha256, fileSha256: sha256Hex(out.bytes), envelope };
}
