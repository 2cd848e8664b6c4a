// Handlers of the import feature (shared/contracts/import.contract.ts): files and drives, QR sessions, the LAN
// receiver, manual double entry. The drive watcher starts on the first `import.drives` call and the LAN receiver
// only when the PPK starts it (off by default); close() stops both.
import QRCode from 'qrcode';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { importMethods, LanStatus } from '../../../../shared/contracts/import.contract';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import { getMeta, findPerangkat, loadDataMaster } from '../repositories/master.repo';
import { tpsNames } from '../../../../shared/domain/names';
import { ppkKeyOrNull } from '../services/keys/ppk-key';
import { createDriveWatcher, type DriveWatcher } from '../services/drives/drive-watcher';
import { importDriveFiles, importUploadedFiles } from '../services/drives/file-import.service';
import { createQrSessions } from '../services/import/qr-session.service';
import { manualStatus, manualSubmit, manualTargets } from '../services/manual/manual-entry.service';
import { lanDevices } from '../services/lan/lan-contacts';
import { devicesView, registerDevice } from '../services/devices/device-decision.service';
import { DEFAULT_LAN_PORT, runningLanReceiver, startLanReceiver } from '../lan/receiver';

function fromBase64(s: string): Uint8Array {
  const b = Buffer.from(s, s.includes('-') || s.includes('_') ? 'base64url' : 'base64');
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

export function importHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof importMethods> {
  let watcher: DriveWatcher | null = null;
  const drives = () => (watcher ??= createDriveWatcher(ctx));
  const qr = createQrSessions(ctx);
  const lan: LanState = { error: null };
  // Every import needs the kecamatan's data master first.
  const withKecamatan =
    <I, O>(run: (input: I) => Result<O> | Promise<Result<O>>) =>
    (input: I): Result<O> | Promise<Result<O>> =>
      getMeta(ctx.db) ? run(input) : fail('NO_KECAMATAN', 'Data master kecamatan belum diimpor.');

  return {
    handlers: {
      'import.files': withKecamatan(async ({ files }) =>
        ok(
          await importUploadedFiles(
            ctx,
            files.map((f) => ({ name: f.name, bytes: fromBase64(f.contentBase64) })),
          ),
        ),
      ),
      'import.drives': () => ok({ drives: drives().drives() }),
      'import.fromDrive': withKecamatan(({ root }) => importFromDrive(ctx, drives(), root)),
      'import.qrText': withKecamatan(({ session, texts }) => ok(qr.feed(session, texts, 'kode QR'))),
      'import.qrImage': withKecamatan(async ({ session, name, contentBase64 }) =>
        ok(await qr.feedImage(session, name, fromBase64(contentBase64))),
      ),
      'import.qrReset': ({ session }) => ok(qr.reset(session)),
      'import.lanStart': withKecamatan(({ port }) => lanStart(ctx, lan, port ?? DEFAULT_LAN_PORT)),
      'import.lanStop': async () => {
        await runningLanReceiver(ctx)?.close();
        return ok(await lanStatus(ctx, lan));
      },
      'import.lanStatus': async () => ok(await lanStatus(ctx, lan)),
      'import.devices': withKecamatan(() => {
        runningLanReceiver(ctx)?.flush();
        return ok(devicesView(ctx));
      }),
      'import.registerDevice': (input) => registerDevice(ctx, input),
      'import.manualTargets': () => manualTargets(ctx),
      'import.manualStatus': ({ tps, pemilihan }) => manualStatus(ctx, tps, pemilihan),
      'import.manualSubmit': (input) => manualSubmit(ctx, input),
    },
    async close() {
      watcher?.close();
      await runningLanReceiver(ctx)?.close();
    },
  };
}

async function importFromDrive(ctx: BackendContext, drives: DriveWatcher, root: string) {
  drives.refresh();
  const drive = drives.findDrive(root);
  if (!drive)
    return fail('NOT_FOUND', 'Perangkat penyimpanan ini tidak lagi terpasang. Pasang kembali lalu coba lagi.');
  if (drive.files.length === 0)
    return fail('NOT_FOUND', 'Tidak ada berkas hasil TPS (.pleno, .json, gambar QR) pada perangkat ini.');
  return ok(
    await importDriveFiles(
      ctx,
      drive.files.map((f) => f.path),
      undefined,
      (file) => drive.files.find((f) => f.path === file)?.name ?? file,
    ),
  );
}

/** Why the LAN receiver last failed to start (shown in its status until it starts). */
interface LanState {
  error: string | null;
}

async function lanStart(ctx: BackendContext, lan: LanState, port: number): Promise<Result<LanStatus>> {
  try {
    await startLanReceiver(ctx, { port });
    lan.error = null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    lan.error =
      code === 'EADDRINUSE'
        ? `Port ${port} sudah dipakai program lain. Tutup program itu atau pilih port lain.`
        : code === 'EACCES'
          ? `Tidak diizinkan membuka port ${port}.`
          : `Penerima LAN tidak dapat dimulai: ${(err as Error).message}`;
    ctx.log.warn('LAN receiver failed to start', { error: String(err) });
    return fail('CONFLICT', lan.error);
  }
  return ok(await lanStatus(ctx, lan));
}

async function lanStatus(ctx: BackendContext, lan: LanState): Promise<LanStatus> {
  const rx = runningLanReceiver(ctx);
  const key = ppkKeyOrNull(ctx);
  rx?.flush();
  const names = tpsNames(loadDataMaster(ctx.db));
  const name = (tps: string) => names.get(tps) ?? `TPS ${tps}`;
  const devices = lanDevices(ctx).map((d) => {
    const registeredTps = d.keyId ? [...new Set(findPerangkat(ctx.db, d.keyId).map((p) => p.tps))] : [];
    // Registered now (a PPK decision may have come after its last contact), not only at the last contact.
    return {
      ...d,
      registered: d.registered || registeredTps.length > 0,
      registeredTps,
      registeredTpsLabels: registeredTps.map(name),
      lastTpsLabel: d.lastTps === null ? null : name(d.lastTps),
    };
  });
  const url = rx?.url ?? null;
  const qrPayload = rx && key ? JSON.stringify({ url, ppkKey: key.publicKey }) : null;
  return {
    running: rx !== undefined,
    port: rx?.port ?? null,
    urls: rx?.urls ?? [],
    ppkKey: key?.publicKey ?? null,
    ppkKeyId: key?.keyId ?? null,
    qrPayload,
    qrDataUrl: qrPayload ? await QRCode.toDataURL(qrPayload, { errorCorrectionLevel: 'M', margin: 2, scale: 6 }) : null,
    startedAt: rx?.startedAt ?? null,
    rateLimited: rx?.rateLimited() ?? 0,
    devices,
    error: rx ? null : lan.error,
  };
}
