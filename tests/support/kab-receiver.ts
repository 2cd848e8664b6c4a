// A receiver (kab/kota) database with two kecamatan that pushed by bundle (docs/design.md §4.4), built from the
// hand-made pushes of push-fixture.ts, and the KPU kab/kota members with the ketua's PIN: the starting point of the
// kab/kota plenary and document tests (docs/receiver-plenary.md).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../../electron/main/backend/backend';
import { importKirimBundle } from '../../electron/main/backend/services/penerima/bundle-import.service';
import { addAnggota, setKabPin } from '../../electron/main/backend/services/penerima/pleno/kab-anggota.service';
import { initPenerima, registerPpkKey } from '../../electron/main/backend/services/penerima/setup.service';
import { bundleFileName, kirimBundle } from './kirim-bundle';
import { makeKecamatan, makePush, type Kecamatan, type Push } from './push-fixture';

export const KETUA = 'Rusdiansyah Noor';
export const ANGGOTA = 'Fitriani Hasanah';
export const KETUA_PIN = '2580';

export interface KabReceiver {
  dir: string;
  b: Backend;
  /** 630214 pushed a final D.Hasil, 630201 a draft. */
  kec: { final: Kecamatan; draf: Kecamatan };
  pushes: { final: Push; draf: Push };
  call<T>(method: string, input: unknown): Promise<T>;
  refused(method: string, input: unknown): Promise<{ code: string; message: string }>;
  push(p: Push): Promise<void>;
  /** Closes the database (so that a `pleno` process can open it); the folder stays until close(). */
  closeDb(): Promise<void>;
  close(): Promise<void>;
}

export async function startKabReceiver(opts: { members?: boolean } = {}): Promise<KabReceiver> {
  const dir = mkdtempSync(join(tmpdir(), 'pleno-kab-'));
  const final = makeKecamatan(undefined, '630214');
  const draf = makeKecamatan(final.kpu, '630201');
  const b = await openBackend({ dbPath: join(dir, 'kotabaru.db'), mode: 'web' });
  const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
  const init = initPenerima(
    b.ctx,
    [final, draf].map((k, i) => ({ name: `m${i}.json`, bytes: bytes(k.masterEnvelope) })),
    'uji',
  );
  if (!init.ok) throw new Error(init.error.message);
  for (const k of [final, draf]) {
    const r = registerPpkKey(b.ctx, {
      kecamatan: k.master.kecamatan.kode,
      publicKey: k.ppk.publicKey,
      alasan: 'sidik jari dibandingkan dengan halaman D.Hasil',
      actor: 'uji',
    });
    if (!r.ok) throw new Error(r.error.message);
  }
  const push = async (p: Push) => {
    const r = await importKirimBundle(b.ctx, bundleFileName(p), kirimBundle(p));
    if (r.status >= 300) throw new Error(`push refused: ${r.status} ${r.masalah.join(' ')}`);
  };
  const pushes = {
    final: makePush(final),
    draf: makePush(draf, { tamper: (d) => ((d.meta as { final: boolean }).final = false) }),
  };
  await push(pushes.final);
  await push(pushes.draf);
  if (opts.members !== false) {
    for (const [nama, jabatan] of [
      [KETUA, 'ketua'],
      [ANGGOTA, 'anggota'],
    ] as const) {
      const r = addAnggota(b.ctx, { nama, jabatan }, 'uji');
      if (!r.ok) throw new Error(r.error.message);
    }
    const pin = setKabPin(b.ctx, { nama: KETUA, pin: KETUA_PIN });
    if (!pin.ok) throw new Error(pin.error.message);
  }
  let closed = false;
  const dispatch = async (method: string, input: unknown) => b.dispatch(method, input);
  return {
    dir,
    b,
    kec: { final, draf },
    pushes,
    async call<T>(method: string, input: unknown): Promise<T> {
      const r = await dispatch(method, input);
      if (!r.ok) throw new Error(`${method}: ${r.error.code} ${r.error.message}`);
      return r.value as T;
    },
    async refused(method: string, input: unknown) {
      const r = await dispatch(method, input);
      if (r.ok) throw new Error(`${method} was not refused`);
      return r.error;
    },
    push,
    async closeDb() {
      if (!closed) await b.close();
      closed = true;
    },
    async close() {
      if (!closed) await b.close();
      closed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
