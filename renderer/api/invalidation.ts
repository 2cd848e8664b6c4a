// The one table of what a backend event makes stale: each pushed event (shared/contracts/events.ts) names the
// contract methods whose cached answers it invalidates, and each command names the events it causes, so a screen
// that just acted sees the change without waiting for the event stream. Screens never wire events themselves.
import type { MethodName } from '../../shared/contracts/api';
import type { PlenoEventType } from '../../shared/contracts/events';

/** Every read the state of the plenary feeds (results and decisions change all of them). */
const PLENARY_READS = [
  'plenary.dashboard',
  'plenary.tps',
  'plenary.desa',
  'plenary.projector',
  'plenary.objections',
  'plenary.kejadian',
  'plenary.sidang',
  'plenary.recap',
  'psu.list',
  'documents.status',
  'audit.list',
  'audit.readable',
  'audit.verify',
  'system.integrity',
] as const satisfies readonly MethodName[];

/** 'all': the data master itself changed (setup, demo): every cached answer is stale. */
export const EVENT_INVALIDATES: Record<PlenoEventType, readonly MethodName[] | 'all'> = {
  'results-changed': [...PLENARY_READS, 'import.manualStatus', 'import.devices', 'import.lanStatus'],
  'pleno-changed': [...PLENARY_READS, 'plenary.members', 'import.devices', 'kabpleno.state', 'kabpleno.anggota'],
  // Progress is a stream the import screen follows (useApiEvent); the summary arrives with the command's answer.
  'import-progress': [],
  'drives-changed': ['import.drives', 'documents.drives', 'backup.find', 'backup.status'],
  'lan-changed': [
    'import.lanStatus',
    'import.devices',
    'audit.list',
    'audit.readable',
    'audit.verify',
    'system.integrity',
  ],
  'focus-changed': ['plenary.focus', 'plenary.projector'],
  'documents-changed': [
    'kabpleno.documents',
    'kirim.status',
    'documents.refusals',
    'documents.list',
    'documents.status',
    'audit.list',
    'audit.readable',
    'audit.verify',
    'system.integrity',
    'backup.status',
  ],
  'kirim-changed': ['kirim.status', 'audit.list', 'audit.verify', 'system.integrity', 'backup.status'],
  'kecamatan-changed': 'all',
  // Desktop: the backend process restarted (database re-checked): anything cached may predate what it now holds.
  'backend-state': 'all',
};

/**
 * The events a successful command is known to cause (the backend emits them after commit too; applying them at
 * once keeps the acting screen in step even when the event stream lags or is reconnecting).
 */
export const COMMAND_EVENTS: Partial<Record<MethodName, readonly PlenoEventType[]>> = {
  'setup.importMaster': ['kecamatan-changed'],
  'setup.createDemo': ['kecamatan-changed'],
  'backup.restore': ['kecamatan-changed'],
  'import.files': ['results-changed', 'drives-changed'],
  'import.fromDrive': ['results-changed', 'drives-changed'],
  'import.qrText': ['results-changed'],
  'import.qrImage': ['results-changed'],
  'import.lanStart': ['lan-changed'],
  'import.lanStop': ['lan-changed'],
  'import.registerDevice': ['lan-changed', 'pleno-changed'],
  'import.manualSubmit': ['results-changed'],
  'plenary.startSession': ['pleno-changed'],
  'plenary.delegate': ['pleno-changed'],
  'plenary.accept': ['pleno-changed'],
  'plenary.proposeCorrection': ['pleno-changed'],
  'plenary.decideCorrection': ['pleno-changed'],
  'plenary.raiseObjection': ['pleno-changed'],
  'plenary.resolveObjection': ['pleno-changed'],
  'plenary.addKejadian': ['pleno-changed'],
  'plenary.chooseSubmission': ['pleno-changed'],
  'plenary.lockDesa': ['pleno-changed'],
  'plenary.setPin': ['pleno-changed'],
  'plenary.resetPin': ['pleno-changed'],
  'plenary.resetKetuaPin': ['pleno-changed'],
  'plenary.withdrawHadir': ['pleno-changed'],
  'plenary.withdraw': ['pleno-changed'],
  'plenary.sidangAction': ['pleno-changed'],
  'plenary.recordHadir': ['pleno-changed'],
  'plenary.closeKejadian': ['pleno-changed'],
  'plenary.unlockDesa': ['pleno-changed'],
  'plenary.setFocus': ['focus-changed'],
  'documents.issue': ['documents-changed'],
  'documents.recordRefusal': ['documents-changed'],
  'psu.hold': ['pleno-changed'],
  'penerima.init': ['kecamatan-changed'],
  'kabpleno.addAnggota': ['pleno-changed'],
  'kabpleno.setPin': ['pleno-changed'],
  'kabpleno.accept': ['pleno-changed'],
  'kabpleno.lock': ['pleno-changed'],
  'kabpleno.unlock': ['pleno-changed'],
  'kabpleno.raiseKeberatan': ['pleno-changed'],
  'kabpleno.resolveKeberatan': ['pleno-changed'],
  'kabpleno.addKejadian': ['pleno-changed'],
  'kabpleno.closeKejadian': ['pleno-changed'],
  'kabpleno.proposeKoreksi': ['pleno-changed'],
  'kabpleno.decideKoreksi': ['pleno-changed'],
  'kabpleno.issue': ['documents-changed'],
  'kirim.installPenerima': ['kirim-changed'],
  'kirim.sendNow': ['kirim-changed'],
  'kirim.setFotoSeluler': ['kirim-changed'],
  'kirim.importReceipts': ['kirim-changed'],
  'kirim.importReceiptsFromDrive': ['kirim-changed'],
};

/**
 * Methods that are neither a command above nor made stale by any event but the data master's, and why. A new contract
 * method must be placed in one of the three tables (renderer/api/invalidation.test.ts checks it).
 */
export const UNTRACKED_METHODS: Partial<Record<MethodName, string>> = {
  'system.info': 'changes only with the data master (kecamatan-changed refreshes everything)',
  'import.manualTargets': 'the desa, TPS and pemilihan of the data master',
  'setup.previewMaster': 'reads the file being chosen, not stored state',
  'plenary.nextProblem': 'read once per key press',
  'plenary.photo': 'content-addressed: the same hash is the same photo',
  'documents.file': 'an issued file never changes',
  'documents.verify': 'read on demand, each time the user asks',
  'import.qrReset': 'a command that changes only the scanning session',
  'documents.saveToDrive': 'a command that copies a file and changes no stored state',
  'backup.setTarget': 'a setting of this laptop; answers the new backup.status',
  'backup.now': 'a command that copies the database and changes no stored state; answers the new backup.status',
  'backup.inspect': 'reads the backup file being chosen, not stored state',
  'kirim.previewPenerima': 'reads the certificate being chosen, not stored state',
  'kirim.exportBundles': 'a command that writes files to a drive and changes no stored state',
  'penerima.dashboard': 'pushes arrive from the receiver port, not as app events: the dashboard polls it every 2 s',
  'penerima.alamat': 'set once when the process starts the receiver: read with the dashboard, which polls',
  'penerima.kecamatan': 'pushes arrive from the receiver port, not as app events: read on each opening of a kecamatan',
  'penerima.trace': 'a committed push never changes: a trace is read once per opening',
  'penerima.photo': 'content-addressed: the same hash is the same photo',
  'penerima.unknownKeys': 'tries arrive from the receiver port: read on opening the keys screen and after Daftarkan',
  'kabpleno.file': 'an issued file never changes',
  'penerima.registerKey': 'a command whose screen re-reads the key list it shows (KunciScreen)',
  'penerima.driveBundles': 'drives come and go outside the app: the Flashdisk screen polls it every 2 s',
  'penerima.importDrive': 'pushes are not app events: the Flashdisk screen re-reads the drive and shows the answer',
};

/** The methods a batch of event types makes stale: a set of names, or 'all'. */
export function staleMethods(types: Iterable<PlenoEventType>): Set<MethodName> | 'all' {
  const out = new Set<MethodName>();
  for (const t of types) {
    const hit = EVENT_INVALIDATES[t];
    if (hit === 'all') return 'all';
    for (const m of hit) out.add(m);
  }
  return out;
}
