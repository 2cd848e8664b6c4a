// One kecamatan database of the kotabaru demo (SIMULASI): created from its master through the app's own services
// (import of the TPS bundles, the plenary's accept and lock, the D.Hasil issued, the receiver certificate installed),
// so that `pleno kirim --db kecamatan/<kode>.db` pushes what a real PPK laptop would. Two seeded faults forge a
// later manifest with the kecamatan's own PPK key, as a broken or tampered sender would.
import type { Result } from '../../../../../shared/domain/result';
import { tpsCode } from '../../../../../shared/domain/model';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import type { KirimManifest } from '../../../../../shared/formats/kirim';
import { openBackend, type Backend } from '../../backend';
import { sha256Hex, sha256HexOfText } from '../../crypto';
import { runCommand } from '../../db/command';
import { getObjek, insertManifest, insertObjekOnce, latestManifest } from '../../repositories/kirim.repo';
import { issueDocument } from '../documents/documents.service';
import { ppkKeyOrNull } from '../keys/ppk-key';
import { exportBundles } from '../kirim/bundle';
import { installPenerima } from '../kirim/penerima';
import { importMaster } from '../master/master.service';
import type { Demo } from './demo-types';

/** What happens in a kecamatan of the demo (the kotabaru preset, kotabaru-demo.ts). */
export type KotabaruPeran =
  | 'final' // bupati final (every TPS accepted, every desa locked), gubernur draft
  | 'draf' // both pemilihan as drafts
  | 'belum' // nothing issued yet
  | 'tidak-cocok' // urutan 2 of bupati carries a D.Hasil whose desa total is not the sum of its TPS
  | 'rekaman-hilang' // urutan 2 of bupati names a C.Hasil record its manifest does not carry
  | 'kunci-asing' // final, but its PPK key is not registered at the receiver
  | 'hanya-berkas'; // final, no receiver installed: it arrives only as a .pleno-kirim bundle on a drive

export interface KecamatanBuilt {
  ppkPublicKey: string;
  ppkKeyId: string;
  bundles: string[];
}

/** The PIN of each demo kecamatan's ketua PPK. */
export const DEMO_KETUA_PIN = '2580';

async function call(b: Backend, method: string, input: unknown): Promise<unknown> {
  const r = (await b.dispatch(method, input)) as Result<unknown>;
  if (!r.ok) throw new Error(`kotabaru demo: ${method}: ${r.error.message}`);
  return r.value;
}

/** Bupati settled by the plenary: every TPS accepted and every desa locked (so its D.Hasil may be final). */
async function settleBupati(b: Backend, demo: Demo): Promise<void> {
  const master = demo.master.envelope.payload;
  await call(b, 'plenary.startSession', { member: 0 });
  // The ketua confirms the locks with a PIN (docs/plenary-decisions.md); the demo's is DEMO_KETUA_PIN.
  await call(b, 'plenary.setPin', { pin: DEMO_KETUA_PIN });
  for (const d of master.desa) {
    for (const t of d.tps) await call(b, 'plenary.accept', { tps: tpsCode(d.kode, t.nomor), pemilihan: 'bupati' });
  }
  for (const d of master.desa) {
    await call(b, 'plenary.lockDesa', { desa: d.kode, pemilihan: 'bupati', pin: DEMO_KETUA_PIN });
  }
}

/** A later bupati manifest made from the last one by `edit`, signed by this kecamatan's PPK key. */
export function forgeNext(b: Backend, edit: (m: KirimManifest, objek: (env: unknown) => string) => void): void {
  const ctx = b.ctx;
  const prev = latestManifest(ctx.db, 'bupati')!;
  const key = ppkKeyOrNull(ctx)!;
  const at = ctx.clock().toISOString();
  const r = runCommand(ctx, (unit) => {
    const m = structuredClone((JSON.parse(prev.envelopeJson) as { payload: KirimManifest }).payload);
    edit(m, (env) => {
      const text = canonicalize(env);
      const bytes = utf8Encode(text);
      const sha256 = sha256Hex(bytes);
      insertObjekOnce(unit.db, { sha256, jenis: 'd-hasil', ukuran: bytes.length, envelopeJson: text }, 'demo', at);
      return sha256;
    });
    Object.assign(m, { urutan: prev.urutan + 1, sebelumnya: prev.sha256, dibuat: at });
    const text = canonicalize(key.signPayload(m));
    const sha256 = sha256HexOfText(text);
    const row = { sha256, pemilihan: 'bupati', urutan: m.urutan, sebelumnya: prev.sha256 };
    insertManifest(unit.db, { ...row, documentId: prev.documentId, envelopeJson: text, createdAt: at }, 'demo');
    return { ok: true, value: null };
  });
  if (!r.ok) throw new Error(`kotabaru demo: forged manifest: ${r.error.message}`);
}

/** The desa total of the first desa off by 10 votes for paslon 1 (re-signed: the sender itself is wrong). */
export function tamperTotals(b: Backend, m: KirimManifest, objek: (env: unknown) => string): void {
  const d = m.objek.find((o) => o.jenis === 'd-hasil')!;
  const doc = (JSON.parse(getObjek(b.ctx.db, d.sha256)!.envelopeJson) as { payload: Record<string, unknown> }).payload;
  const desa = (doc.recap as { desa: { total: { suara: { paslon: number[] } } }[] }).desa[0]!;
  desa.total.suara.paslon[0]! += 10;
  const env = ppkKeyOrNull(b.ctx)!.signPayload(doc);
  const sha = objek(env);
  const bytes = utf8Encode(canonicalize(env)).length;
  m.objek = m.objek.map((o) => (o.jenis === 'd-hasil' ? { sha256: sha, jenis: 'd-hasil', ukuran: bytes } : o));
}

export interface BuildKecamatanInput {
  demo: Demo;
  peran: KotabaruPeran;
  dbPath: string;
  sertifikat: unknown;
  /** Where the bundle of a 'hanya-berkas' kecamatan is written (a folder on the "drive"). */
  driveDir: string;
}

export async function buildKecamatanDb(input: BuildKecamatanInput): Promise<KecamatanBuilt> {
  const { demo, peran } = input;
  const b = await openBackend({ dbPath: input.dbPath, mode: 'web' });
  try {
    const m = importMaster(b.ctx, demo.master.bytes, { fileName: 'master.json', actor: 'demo' });
    if (!m.ok) throw new Error(`kotabaru demo: master: ${m.error.message}`);
    const files = demo.bundles.map((x) => ({ name: x.name, contentBase64: Buffer.from(x.bytes).toString('base64') }));
    await call(b, 'import.files', { files });
    if (peran !== 'hanya-berkas') {
      const installed = installPenerima(b.ctx, input.sertifikat, 'demo');
      if (!installed.ok) throw new Error(`kotabaru demo: penerima: ${installed.error.message}`);
    }
    if (peran !== 'belum') {
      const final = peran === 'final' || peran === 'kunci-asing' || peran === 'hanya-berkas';
      if (final) await settleBupati(b, demo);
      await issueDocument(b.ctx, { kind: 'd-hasil', pemilihan: 'bupati', actor: 'demo', final });
      await issueDocument(b.ctx, { kind: 'd-hasil', pemilihan: 'gubernur', actor: 'demo' });
    }
    if (peran === 'tidak-cocok') forgeNext(b, (mf, objek) => tamperTotals(b, mf, objek));
    if (peran === 'rekaman-hilang') {
      forgeNext(b, (mf) => {
        const i = mf.objek.findIndex((o) => o.jenis === 'c-hasil');
        mf.objek.splice(i, 1);
      });
    }
    const bundles = peran === 'hanya-berkas' ? exportBundles(b.ctx, input.driveDir) : { ok: true as const, value: [] };
    if (!bundles.ok) throw new Error(`kotabaru demo: bundles: ${bundles.error.message}`);
    const key = ppkKeyOrNull(b.ctx)!;
    return { ppkPublicKey: key.publicKey, ppkKeyId: key.keyId, bundles: bundles.value };
  } finally {
    await b.close();
  }
}
