// Size limits of the receiver (docs/spec-readings.md, "The receiver"), shared by the HTTP path and the bundle import.

/** Largest JSON body on the wire and after gzip decoding (a 600-TPS manifest is ~300 KB, a D.Hasil object ~1 MB). */
export const JSON_MAX_WIRE = 8 * 1024 * 1024;
export const JSON_MAX_DECODED = 32 * 1024 * 1024;
/** The largest blob taken (a photo is at most 20 MiB, a PDF of a 600-TPS D.Hasil a few MiB). */
export const BERKAS_MAX_BYTES = 64 * 1024 * 1024;
/** The largest `.pleno-kirim` bundle read from a drive (it is read whole: a kecamatan of ~30 TPS is ~60 MB). */
export const BUNDLE_MAX_BYTES = 1024 * 1024 * 1024;
/** Entries of a bundle: a manifest lists at most a few thousand objects and blobs. */
export const BUNDLE_MAX_ENTRIES = 20_000;
