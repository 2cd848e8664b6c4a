// The bundle reader's worker thread (bundle-read.ts readBundleVerified): unzip, hashes and signatures off the event loop.
import { serveWorkerJobs } from '../../workers/worker-task';
import { serveBundleJob, type BundleReadJob } from './bundle-read';

await serveWorkerJobs((job: BundleReadJob) => serveBundleJob(job));
