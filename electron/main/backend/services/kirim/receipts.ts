// Receipts carried back (docs/design.md §4.4): the JSON file the receiver wrote (`tanda-terima/<manifest>.json`), or
// a picture of the QR the receiver showed (`PLN1:` text of docs/design.md §3.4, or the envelope's JSON text). Each is verified under
// the certificate's key against the manifest it names before it is stored (bundle.ts importReceiptFile).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../../context';
import type { KirimReceiptImport } from '../../../../../shared/contracts/kirim.contract';
import { decodeQrImage } from '../qr/qr-image';
import { decodeQrText, QR_PREFIX } from '../../../../../shared/formats/qr';
import { importReceiptFile } from './bundle';

const MAX_FILES = 200;
const MAX_RECEIPT = 64 * 1024;

const isPicture = (name: string) => /\.(png|jpe?g)$/i.test(name);

/** The envelope JSON text of the QR codes read in a picture: a `PLN1:` set, or a code holding the JSON itself. */
export function envelopeTextOfQr(found: readonly string[], format: string): string | null {
  const pln = found.filter((t) => t.startsWith(QR_PREFIX));
  if (pln.length > 0) {
    const d = decodeQrText(pln);
    if (d.ok && d.value.includes(format)) return d.value;
  }
  return found.find((t) => t.trimStart().startsWith('{') && t.includes(format)) ?? null;
}

/** One carried-back file: a receipt JSON, or a picture whose QR holds one. */
export async function importReceiptBytes(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  name: string,
  bytes: Uint8Array,
): Promise<KirimReceiptImport> {
  let text = bytes;
  if (isPicture(name)) {
    let found: string[];
    try {
      found = await decodeQrImage(bytes);
    } catch {
      return { name, ok: false, message: 'Gambar tidak dapat dibaca sebagai foto QR.' };
    }
    const receipt = envelopeTextOfQr(found, 'pleno.tanda-terima/1');
    if (!receipt) return { name, ok: false, message: 'Tidak ada QR tanda terima pada gambar ini.' };
    text = new TextEncoder().encode(receipt);
  }
  const r = importReceiptFile(ctx, text);
  if (!r.ok) return { name, ok: false, message: r.error.message };
  const t = r.value.receipt;
  return { name, ok: true, message: `${t.kecamatan} ${t.pemilihan} urutan ${t.urutan}: ${t.status}` };
}

/** The receipts the receiver wrote on a drive: `<root>/Pleno-Kirim/tanda-terima/*.json` and `<root>/tanda-terima/*.json`. */
export async function importReceiptsFromDrive(
  ctx: Pick<BackendContext, 'db' | 'clock'>,
  root: string,
): Promise<KirimReceiptImport[]> {
  const out: KirimReceiptImport[] = [];
  for (const dir of [path.join(root, 'Pleno-Kirim', 'tanda-terima'), path.join(root, 'tanda-terima')]) {
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .slice(0, MAX_FILES);
    for (const n of names) {
      const file = path.join(dir, n);
      const rel = path.relative(root, file);
      if (statSync(file).size > MAX_RECEIPT) {
        out.push({ name: rel, ok: false, message: 'Berkas tanda terima terlalu besar.' });
        continue;
      }
      out.push(await importReceiptBytes(ctx, rel, new Uint8Array(readFileSync(file))));
    }
  }
  return out;
}
