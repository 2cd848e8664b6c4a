// writeDemo: writes a generated demo to a folder exactly as docs/design.md §5 `pleno demo` describes — master.json,
// keys/ (SIMULASI private keys), tps/*.pleno bundles (+ loose *.json envelopes), qr/*.png, README.txt.
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatFingerprint } from '../../../../../shared/formats/envelope';
import { renderQrPng } from '../qr/qr-render';
import { jsonFileBytes } from './demo-generator';
import type { Demo } from './demo-types';
import { demoReadme } from './readme-text';

export interface WrittenFile {
  /** Path relative to the demo folder, with forward slashes. */
  path: string;
  bytes: number;
}

const WARNING =
  'SIMULASI - kunci privat buatan untuk latihan dan pengujian saja. Jangan dipakai untuk data pemilihan sungguhan.';

export class DemoDirNotEmptyError extends Error {}

/** Writes every file of the demo under dir (created if needed; refused if it already holds files). */
export async function writeDemo(dir: string, demo: Demo): Promise<WrittenFile[]> {
  await mkdir(dir, { recursive: true });
  const existing = await readdir(dir);
  if (existing.length > 0) throw new DemoDirNotEmptyError(`folder ${dir} tidak kosong`);
  for (const sub of ['keys', 'tps', 'qr']) await mkdir(join(dir, sub), { recursive: true });

  const written: WrittenFile[] = [];
  const put = async (path: string, bytes: Uint8Array | string): Promise<void> => {
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    await writeFile(join(dir, ...path.split('/')), data);
    written.push({ path, bytes: data.byteLength });
  };

  await put('README.txt', demoReadme(demo));
  await put('master.json', demo.master.bytes);
  await put(
    'keys/kpu.json',
    jsonFileBytes({
      peringatan: WARNING,
      keyId: demo.kpuKey.keyId,
      fingerprint: formatFingerprint(demo.kpuKey.keyId),
      publicKey: demo.kpuKey.publicKey,
      privateKey: demo.kpuKey.privateKey,
    }),
  );
  await put('keys/devices.json', jsonFileBytes({ peringatan: WARNING, perangkat: demo.devices }));
  for (const b of demo.bundles) await put(`tps/${b.name}`, b.bytes);
  for (const e of demo.envelopes) await put(`tps/${e.name}`, e.bytes);
  for (const q of demo.qrTexts) {
    for (let i = 0; i < q.parts.length; i++) await put(`qr/${q.files[i]!}`, await renderQrPng(q.parts[i]!));
  }
  return written;
}
