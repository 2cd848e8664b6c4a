// English descriptions of the formats' parse error codes, for logs and the quarantine reason files (the user sees
// the Bahasa Indonesia message from the parser itself).
import type { ParseErrorCode } from '../../../../../shared/formats/parse-result';

const ENGLISH: Record<ParseErrorCode, string> = {
  INVALID_JSON: 'not valid JSON (or not UTF-8, or duplicate keys)',
  WRONG_TYPE: 'a field has the wrong type',
  MISSING_FIELD: 'a required field is missing',
  UNKNOWN_FIELD: 'an unknown field is present',
  NOT_INTEGER: 'a count is not an integer',
  OUT_OF_RANGE: 'a number is out of range (0–9999)',
  BAD_VALUE: 'a value has the wrong form',
  WRONG_FORMAT: 'payload.format is not the expected one',
  DUPLICATE: 'a duplicate entry',
  UNKNOWN_TPS: 'the TPS is not in the data master',
  UNKNOWN_PEMILIHAN: 'the pemilihan is not in the data master',
  WRONG_CHOICE_COUNT: 'wrong number of choices in suara.paslon',
  UNKNOWN_DEVICE: 'the signer is not a device registered for this TPS',
  DEVICE_MISMATCH: 'perangkat differs from the signing device',
  BAD_SIGNATURE: 'invalid signature',
  BAD_KEY_ID: 'keyId is not the key fingerprint',
  BUNDLE_UNREADABLE: 'unreadable bundle archive',
  BUNDLE_EMPTY: 'bundle holds no result',
  BUNDLE_BAD_ENTRY: 'bundle has a forbidden or malformed entry',
  BUNDLE_DUPLICATE_ENTRY: 'bundle has a duplicate entry',
  BUNDLE_TOO_LARGE: 'bundle too large',
  BUNDLE_PHOTO_HASH: 'a bundle photo does not match its hash',
  BUNDLE_PHOTO_MISSING: 'a photo referenced by a record is missing from the bundle',
  BUNDLE_MISMATCH: 'bundle entries disagree (pemilihan or TPS)',
  QR_BAD_TEXT: 'not a Pleno QR text',
  QR_BAD_BASE45: 'QR text is not valid base45',
  QR_BAD_DEFLATE: 'QR content does not inflate',
  QR_TOO_LARGE: 'QR content too large',
  QR_CONFLICT: 'conflicting QR parts',
};

export function englishReason(code: ParseErrorCode | string): string {
  return (ENGLISH as Record<string, string>)[code] ?? `rejected (${code})`;
}
