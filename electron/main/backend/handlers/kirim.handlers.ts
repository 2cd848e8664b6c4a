// Handlers of the Kirim feature (shared/contracts/kirim.contract.ts). Loading the feature starts the background
// sender (services/kirim/runner.ts); its close stops it.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { kirimMethods } from '../../../../shared/contracts/kirim.contract';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import { unexpected } from '../unexpected';
import { runCommand } from '../db/command';
import { insertSetelan } from '../repositories/kirim.repo';
import { currentOperator } from '../repositories/plenary.repo';
import { driveParents, listMounts } from '../services/drives/drive-scan';
import { decodeQrImage } from '../services/qr/qr-image';
import { fetchHelloCert, installPenerima, previewPenerima } from '../services/kirim/penerima';
import { createKirimRunner } from '../services/kirim/runner';
import { kirimStatus } from '../services/kirim/status';
import { exportBundles } from '../services/kirim/bundle';
import { envelopeTextOfQr, importReceiptBytes, importReceiptsFromDrive } from '../services/kirim/receipts';

async function guard<T>(ctx: BackendContext, what: string, body: () => Promise<Result<T>> | Result<T>) {
  try {
    return await body();
  } catch (err) {
    return unexpected(ctx.log, `kirim: ${what} failed`, err);
  }
}

/** The certificate JSON from a file, a QR picture, QR texts read by the camera, or `GET /v1/hello` of a typed URL. */
async function certificateFrom(
  i:
    | { source: 'berkas' | 'qr'; contentBase64: string }
    | { source: 'url'; url: string }
    | { source: 'kamera'; texts: string[] },
): Promise<Result<unknown>> {
  if (i.source === 'url') return fetchHelloCert(i.url.trim());
  let text: string | undefined;
  if (i.source === 'kamera') {
    text = envelopeTextOfQr(i.texts, 'pleno.penerima/1') ?? undefined;
    if (!text) return fail('INVALID_INPUT', 'Kode QR yang terbaca kamera bukan sertifikat penerima. Coba lagi.');
    return parseJson(text);
  }
  const bytes = new Uint8Array(Buffer.from(i.contentBase64, 'base64'));
  if (i.source === 'qr') {
    text = envelopeTextOfQr(await decodeQrImage(bytes).catch(() => [] as string[]), 'pleno.penerima/1') ?? undefined;
    if (!text) return fail('INVALID_INPUT', 'Tidak ada QR sertifikat penerima pada gambar ini.');
  } else text = Buffer.from(bytes).toString('utf8');
  return parseJson(text);
}

function parseJson(text: string): Result<unknown> {
  try {
    return ok(JSON.parse(text) as unknown);
  } catch {
    return fail('INVALID_INPUT', 'Berkas sertifikat bukan JSON yang sah.');
  }
}

function listedDrive(root: string): string | null {
  return listMounts(driveParents()).includes(root) ? root : null;
}

async function receiptFiles(ctx: BackendContext, files: { name: string; contentBase64: string }[]) {
  const out = [];
  for (const f of files)
    out.push(await importReceiptBytes(ctx, f.name, new Uint8Array(Buffer.from(f.contentBase64, 'base64'))));
  if (out.some((r) => r.ok)) ctx.events.emit({ type: 'kirim-changed' });
  return ok(out);
}

async function receiptsOnDrive(ctx: BackendContext, root: string) {
  if (!listedDrive(root)) return fail('NOT_FOUND', 'Drive tidak ditemukan; pasang ulang drive lalu coba lagi.');
  const out = await importReceiptsFromDrive(ctx, root);
  if (out.length === 0) return fail('NOT_FOUND', 'Tidak ada berkas tanda terima di drive ini.');
  if (out.some((r) => r.ok)) ctx.events.emit({ type: 'kirim-changed' });
  return ok(out);
}

export function kirimHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof kirimMethods> {
  const runner = createKirimRunner(ctx);
  const status = () => ok(kirimStatus(ctx, runner.view()));
  const actor = () => currentOperator(ctx.db)?.nama ?? 'operator';
  return {
    close: () => runner.close(),
    handlers: {
      'kirim.status': () => guard(ctx, 'status', status),
      'kirim.previewPenerima': (i) =>
        guard(ctx, 'preview', async () => {
          const json = await certificateFrom(i);
          if (!json.ok) return json;
          const p = previewPenerima(ctx, json.value);
          if (!p.ok) return p;
          const c = p.value.cert;
          return ok({
            sertifikat: p.value.text,
            kabkota: c.kabkota,
            url: c.url,
            fingerprint: p.value.fingerprint,
            dibuat: c.dibuat,
          });
        }),
      'kirim.installPenerima': (i) =>
        guard(ctx, 'install', () => {
          let json: unknown;
          try {
            json = JSON.parse(i.sertifikat);
          } catch {
            return fail('INVALID_INPUT', 'Sertifikat bukan JSON yang sah.');
          }
          const r = installPenerima(ctx, json, actor(), i.confirmFingerprint);
          if (!r.ok) return r;
          ctx.events.emit({ type: 'kirim-changed' });
          runner.kick('penerima dipasang');
          return status();
        }),
      'kirim.sendNow': () =>
        guard(ctx, 'send', () => {
          runner.kick('kirim ulang sekarang');
          return status();
        }),
      'kirim.setFotoSeluler': (i) =>
        guard(ctx, 'setting', () => {
          const r = runCommand(ctx, (unit) => {
            insertSetelan(unit.db, i.allowed, actor(), ctx.clock().toISOString());
            return ok(null);
          });
          if (!r.ok) return r;
          ctx.events.emit({ type: 'kirim-changed' });
          runner.kick(i.allowed ? 'foto diizinkan' : 'foto ditahan');
          return status();
        }),
      'kirim.exportBundles': (i) =>
        guard(ctx, 'export', () => {
          const root = listedDrive(i.root);
          if (!root) return fail('NOT_FOUND', 'Drive tidak ditemukan; pasang ulang drive lalu coba lagi.');
          const folder = path.join(root, 'Pleno-Kirim');
          mkdirSync(folder, { recursive: true });
          const r = exportBundles(ctx, folder);
          return r.ok ? ok({ folder, files: r.value }) : r;
        }),
      'kirim.importReceipts': (i) => guard(ctx, 'receipts', () => receiptFiles(ctx, i.files)),
      'kirim.importReceiptsFromDrive': (i) => guard(ctx, 'drive receipts', () => receiptsOnDrive(ctx, i.root)),
    },
  };
}
