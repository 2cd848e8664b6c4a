// The `besar` demo (600 TPS, 2 pemilihan, no photos) imported into a fresh database: the starting point of the
// benchmarks that measure reads on a full kecamatan (recap.bench.ts, dashboard.bench.ts). Not a benchmark itself.
import { generateDemo } from '../electron/main/backend/services/demo/demo.service';
import { openBackend, type Backend } from '../electron/main/backend/backend';
import { importMaster } from '../electron/main/backend/services/master/master.service';
import { importItems, type ImportItem } from '../electron/main/backend/services/import/import.service';
import { runWrite } from '../electron/main/backend/db/command';
import { insertKejadian } from '../electron/main/backend/repositories/plenary.repo';

/** Opens a backend on `dbPath` holding the besar demo's master and every result; the caller closes it. */
export async function openBesarDemo(dbPath: string): Promise<Backend> {
  const demo = generateDemo({ preset: 'besar', photos: false });
  const b = await openBackend({ dbPath, mode: 'web' });
  try {
    const m = importMaster(b.ctx, demo.master.bytes);
    if (!m.ok) throw new Error(m.error.message);
    const items: ImportItem[] = [
      ...demo.bundles.map((x): ImportItem => ({ name: x.name, kind: 'bundle', bytes: x.bytes })),
      ...demo.envelopes.map((x): ImportItem => ({ name: x.name, kind: 'envelope', bytes: x.bytes })),
      ...demo.qrTexts.map((q): ImportItem => ({ name: q.files.join('+'), kind: 'qr', texts: q.parts })),
    ];
    await importItems(b.ctx, items);
    return b;
  } catch (e) {
    await b.close();
    throw e;
  }
}

let written = 0;
/**
 * A committed write that changes no number (a kejadian khusus recorded): the read model is kept per database state
 * (services/plenary/plenary-snapshot.ts), so the next read derives it anew, as after every decision of the plenary.
 */
export function commitKejadian(b: Backend): void {
  runWrite(b.ctx, (u) => {
    const at = new Date(Date.UTC(2024, 10, 28, 2, 0, written++)).toISOString();
    const text = `Catatan bench ${written}`;
    insertKejadian(u.db, {
      at,
      tps: null,
      desa: null,
      pemilihan: null,
      who: 'PPK',
      text,
      recordedBy: 'bench',
      recordedAt: at,
    });
  });
}
