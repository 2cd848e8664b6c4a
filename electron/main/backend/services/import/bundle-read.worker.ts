// The bundle reader's worker thread (bundle-read.ts readBundleVerified): unzip, hashes and signatures off the event loop.
import { serveWorkerJobs } from '../../workers/worker-task';
import { readBundleInThread, type BundleReadInput } from './bundle-read';

await serveWorkerJobs((input: BundleReadInput) => readBundleInThread(input));
