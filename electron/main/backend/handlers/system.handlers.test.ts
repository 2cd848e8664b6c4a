// system.info on a real database: null kecamatan before the master, the kecamatan (and SIMULASI flag) after.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openBackend, type Backend } from '../backend';
import { generateKeyPair, signEnvelope } from '../crypto';
import { importMaster } from '../services/master/master.service';
import type { DataMaster } from '../../../../shared/domain/model';

function signedMaster(pemilihanNama: string): Uint8Array {
  const key = generateKeyPair();
  const perangkat = generateKeyPair();
  const master: DataMaster = {
    format: 'pleno.master/1',
    provinsi: { kode: '63', nama: 'Kalimantan Selatan' },
    kabkota: { kode: '6302', nama: 'Kotabaru' },
    kecamatan: { kode: '630214', nama: 'Hampang' },
    desa: [{ kode: '6302142001', nama: 'Hampang', tps: [{ nomor: 1, dpt: { l: 120, p: 118 } }] }],
    pemilihan: [
      {
        id: 'bupati',
        nama: pemilihanNama,
        wilayah: '6302',
        pilihan: [
          { nomor: 1, nama: 'Calon A – Wakil A' },
          { nomor: 2, nama: 'Calon B – Wakil B' },
        ],
      },
    ],
    ppk: [{ nama: 'Siti Aminah', jabatan: 'Ketua' }],
    perangkat: [{ id: 'kpps-6302142001001', tps: '6302142001001', publicKey: perangkat.publicKey }],
  };
  return new TextEncoder().encode(
    JSON.stringify(signEnvelope(master, key.privateKey, key.fingerprint, { includePublicKey: true })),
  );
}

let dir: string;
let backend: Backend;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pleno-system-'));
  backend = await openBackend({ dbPath: join(dir, 'k.db'), mode: 'web' });
});
afterEach(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('system.info', () => {
  it('reports no kecamatan on a new database, then the imported one', async () => {
    expect(await backend.dispatch('system.info', {})).toMatchObject({ ok: true, value: { kecamatan: null } });
    const r = importMaster(backend.ctx, signedMaster('Pemilihan Bupati Kotabaru 2024'));
    expect(r.ok).toBe(true);
    expect(await backend.dispatch('system.info', {})).toMatchObject({
      ok: true,
      value: {
        kecamatan: {
          kode: '630214',
          nama: 'Hampang',
          kabkota: 'Kotabaru',
          provinsi: 'Kalimantan Selatan',
          simulasi: false,
        },
      },
    });
  });

  it('flags a simulation master', async () => {
    expect(importMaster(backend.ctx, signedMaster('SIMULASI Pemilihan Bupati')).ok).toBe(true);
    expect(await backend.dispatch('system.info', {})).toMatchObject({
      ok: true,
      value: { kecamatan: { simulasi: true } },
    });
  });
});
