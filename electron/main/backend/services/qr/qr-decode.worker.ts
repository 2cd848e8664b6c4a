// The QR image decoder's worker thread (qr-image.ts decodeQrImage): zxing-wasm decodes here, off the event loop.
import { serveWorkerJobs } from '../../workers/worker-task';
import { decodeQrImageInThread } from './qr-image';

await serveWorkerJobs((bytes: Uint8Array) => decodeQrImageInThread(bytes));
