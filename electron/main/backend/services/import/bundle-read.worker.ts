// The bundle reader's worker thread (bundle-read.ts): unzip, hashes and signatures off the event loop, for TPS
// bundles (serveBundleJob) and the receiver's `.pleno-kirim` bundles (penerima/bundle-import-read.ts, by `kind`).
import { serveWorkerJobs } from '../../workers/worker-task';
import { bundleReadTransfer, serveBundleJob, type BundleReadJob } from './bundle-read';
import {
  kirimTransfer,
  readKirimInThread,
  verifyKirimObjekInThread,
  type KirimReadInput,
  type KirimVerifyInput,
} from '../penerima/bundle-import-read';

type Job = BundleReadJob | KirimReadInput | KirimVerifyInput;

await serveWorkerJobs(
  (job: Job) =>
    !('kind' in job)
      ? serveBundleJob(job)
      : job.kind === 'kirim-read'
        ? readKirimInThread(job)
        : verifyKirimObjekInThread(job),
  (value) => [...kirimTransfer(value), ...bundleReadTransfer(value)],
);
