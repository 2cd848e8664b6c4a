// The reader's worker thread (reader.ts): unzip, hashes and signatures of TPS bundles (serveBundleJob) and of the
// receiver's `.pleno-kirim` bundles, and QR images decoded with zxing-wasm (loaded at the first image), each picked
// by the job's `kind` (a TPS bundle job has none).
import { serveWorkerJobs } from './worker-task';
import { bundleReadTransfer, serveBundleJob, type BundleReadJob } from '../services/import/bundle-read';
import {
  kirimTransfer,
  readKirimInThread,
  verifyKirimObjekInThread,
  type KirimReadInput,
  type KirimVerifyInput,
} from '../services/penerima/bundle-import-read';
import { decodeQrImageInThread, type QrDecodeJob } from '../services/qr/qr-image';

type Job = BundleReadJob | KirimReadInput | KirimVerifyInput | QrDecodeJob;

function serve(job: Job): unknown {
  if (!('kind' in job)) return serveBundleJob(job);
  switch (job.kind) {
    case 'kirim-read':
      return readKirimInThread(job);
    case 'qr-decode':
      return decodeQrImageInThread(job.bytes);
    case 'kirim-verify':
      return verifyKirimObjekInThread(job);
  }
}

// Not awaited at the top level: the Electron build compiles this entry to CommonJS (scripts/build-electron.mjs). A
// failure to start surfaces as the worker's error, and its jobs then run in-thread (worker-task.ts).
void serveWorkerJobs(serve, (value) => [...kirimTransfer(value), ...bundleReadTransfer(value)]);
