// Types of the demo kecamatan (SIMULASI) produced by generateDemo and written by writeDemo.
import type {
  CHasilCounts,
  CHasilRecord,
  DataMaster,
  PemilihanId,
  PpkMember,
  SignedEnvelope,
} from '../../../../../shared/domain/model';
import type { DemoSigningKey } from './keys';
import type { PresetShape } from './plan';
import type { DemoKecamatanData } from './wilayah-data';

export type DemoPreset = 'hampang' | 'besar' | 'pulau-sembilan';
export const DEMO_PRESETS: readonly DemoPreset[] = ['hampang', 'besar', 'pulau-sembilan'];
/** Voting day of Pilkada 2024, used as the default seed so that `pleno demo` repeats byte for byte. */
export const DEFAULT_DEMO_SEED = 20241127;

export interface DemoOptions {
  preset: DemoPreset;
  /** Same seed → same bytes of every output. Default DEFAULT_DEMO_SEED. */
  seed?: number;
  /** Generate photos of the sheets (default true). Without them records carry `foto: []`. */
  photos?: boolean;
  /** One kecamatan of a multi-kecamatan preset (kotabaru-demo.ts): its wilayah and shape, and the shared KPU key. */
  kecamatan?: DemoKecamatanOverride;
}

export interface DemoKecamatanOverride {
  wilayah: DemoKecamatanData;
  shape: PresetShape;
  kpuKey: DemoSigningKey;
}

/** A generated Ed25519 key (SIMULASI only): base64url raw public key, base64url PKCS#8 private key. */
export interface DemoKey {
  keyId: string;
  publicKey: string;
  privateKey: string;
}

export interface DemoDevice {
  /** Device id as registered in the master (= keyId of its envelopes). */
  id: string;
  tps: string;
  publicKey: string;
  /** base64url PKCS#8 DER (crypto.ts signPayload accepts it). */
  privateKey: string;
}

/** How a TPS's results reach the PPK in the demo. */
export type DemoChannel = 'bundle' | 'qr' | 'json' | 'belum-masuk';

export interface DemoPhoto {
  lembar: number;
  sha256: string;
  ext: 'png' | 'jpg';
  bytes: Uint8Array;
}

/** One signed C.Hasil record of the demo. */
export interface DemoRecord {
  tps: string;
  pemilihan: PemilihanId;
  channel: Exclude<DemoChannel, 'belum-masuk'>;
  envelope: SignedEnvelope<CHasilRecord>;
  /** The numbers written on the paper C.Hasil (what the photos show); differs from the record on a misread. */
  sheet: CHasilCounts;
  /**
   * Photos referenced by the record. Bundle TPS carry them in their bundle; QR-only TPS reference them by hash
   * but their bytes are in memory only (the photo "follows later"); JSON-only TPS have none.
   */
  photos: DemoPhoto[];
  /** 1 for the first submission, 2 for a later differing one (konflik). */
  kiriman: 1 | 2;
}

export interface DemoBundle {
  /** File name `<tps>.pleno` (a duplicate copy has another name). */
  name: string;
  tps: string;
  bytes: Uint8Array;
}

/** A loose signed envelope file (JSON-only TPS, or a later second submission). */
export interface DemoEnvelopeFile {
  /** File name under tps/. */
  name: string;
  tps: string;
  pemilihan: PemilihanId;
  envelope: SignedEnvelope<CHasilRecord>;
  /** JSON text (UTF-8) as written. */
  bytes: Uint8Array;
}

/** QR texts (`PLN1:` parts) of one envelope of a QR-only TPS, and the PNG file names they are written to. */
export interface DemoQr {
  tps: string;
  pemilihan: PemilihanId;
  envelope: SignedEnvelope<CHasilRecord>;
  parts: string[];
  /** File names under qr/: `<tps>-<pemilihan>.png` or `<tps>-<pemilihan>-<i>of<n>.png`. */
  files: string[];
}

export type DemoFaultKind =
  | 'salah-baca' // a misread digit: the record says 905, the sheet and photo say 105
  | 'jumlah-tidak-cocok' // a total written on the form disagrees with its parts
  | 'kiriman-kedua' // a second, differing submission for a TPS (konflik on import)
  | 'duplikat' // the same bundle twice under another file name
  | 'foto-tertukar' // a record carries another TPS's photo (same bytes, same hash): numbers and photo disagree
  | 'belum-masuk' // no result has arrived
  | 'hanya-qr' // results only by QR (no bundle; photos referenced, bytes not delivered)
  | 'hanya-json'; // results only as loose envelope files (no photo)

export interface DemoFault {
  kind: DemoFaultKind;
  tps: string;
  pemilihan?: PemilihanId;
  /** Count path (shared/domain/labels), for faults in a number. */
  field?: string;
  /** The value on the paper sheet. */
  nilaiBenar?: number;
  /** The value in the (first) record. */
  nilaiTercatat?: number;
  /** Rule codes with severity error that the faulty record triggers (checkRecord). */
  rules: string[];
  /** Demo-relative file paths involved. */
  files: string[];
  /** Explanation in Bahasa Indonesia (also in README.txt). */
  keterangan: string;
}

export type ExpectedStatus = 'diterima' | 'duplikat' | 'konflik';

/** What importing the demo files in this order should report. */
export interface ExpectedImport {
  /** Demo-relative paths; several for a multi-part QR code. */
  paths: string[];
  channel: 'file' | 'qr';
  outcomes: { tps: string; pemilihan: PemilihanId; status: ExpectedStatus }[];
}

export interface DemoExpected {
  faults: DemoFault[];
  tps: { total: number; bundle: number; qr: number; json: number; belumMasuk: number };
  /** Number of first submissions (TPS × pemilihan that have arrived). */
  records: number;
  /** Distinct photos inside bundles, and photos referenced by QR-only records whose bytes were not delivered. */
  photos: { bundled: number; pending: number };
  imports: ExpectedImport[];
}

export interface Demo {
  preset: DemoPreset;
  seed: number;
  master: { envelope: SignedEnvelope<DataMaster>; bytes: Uint8Array };
  kpuKey: DemoKey;
  devices: DemoDevice[];
  ppkMembers: PpkMember[];
  /** Every signed record, first submissions and later ones, in TPS order. */
  records: DemoRecord[];
  bundles: DemoBundle[];
  envelopes: DemoEnvelopeFile[];
  qrTexts: DemoQr[];
  expected: DemoExpected;
}
