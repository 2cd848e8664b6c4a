// The kotabaru demo preset: its wilayah data agrees with docs/data/kotabaru-desa.tsv; a demo of the first five
// kecamatan (one final, the two forged pushes) is written, and pushed with Pleno's sender to Pleno's receiver over
// real HTTP: the finals and drafts are confirmed, the forged urutan 2 are refused with their masalah, recorded.
import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { openBackend } from '../../backend';
import { startPenerimaServer } from '../../penerima/receiver-server';
import { latestDitolakAll } from '../../repositories/penerima-ditolak.repo';
import { listPpkBindings } from '../../repositories/penerima.repo';
import { kirimOutbox, outcomeLine } from '../kirim/sender';
import { penerimaRecap } from '../penerima/recap.service';
import { writeKotabaruDemo } from './kotabaru-demo';
import { KOTABARU_KECAMATAN } from './kotabaru-wilayah';

const root = fileURLToPath(new URL('../../../../../', import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('kotabaru demo', () => {
  it('holds the 22 kecamatan and 202 desa of docs/data/kotabaru-desa.tsv, codes without dots', () => {
    const rows = readFileSync(join(root, 'docs/data/kotabaru-desa.tsv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split('\t'));
    const fromTsv = rows.map(([kode, kec, nama]) => [kode!.replaceAll('.', ''), kec, nama]);
    const fromTs = KOTABARU_KECAMATAN.flatMap(([, kec, desa]) => desa.map(([kode, nama]) => [kode, kec, nama]));
    expect(fromTs).toEqual(fromTsv);
    expect(KOTABARU_KECAMATAN).toHaveLength(22);
  });

  it('pushes: finals and drafts confirmed, the forged urutan 2 refused with its masalah and recorded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pleno-kotabaru-'));
    dirs.push(dir);
    const port = await freePort();
    const s = await writeKotabaruDemo({ dir, photos: false, limit: 5, url: `http://127.0.0.1:${port}` });
    expect(s.kecamatan.map((k) => [k.kode, k.peran])).toEqual([
      ['630201', 'final'],
      ['630202', 'final'],
      ['630203', 'tidak-cocok'],
      ['630204', 'final'],
      ['630205', 'rekaman-hilang'],
    ]);
    const kab = await openBackend({ dbPath: join(dir, 'penerima.db'), mode: 'web' });
    const server = await startPenerimaServer(kab.ctx, { port, host: '127.0.0.1' });
    try {
      expect(listPpkBindings(kab.ctx.db).map((b) => b.kecamatan)).toEqual(s.kecamatan.map((k) => k.kode));
      const lines: string[] = [];
      for (const k of s.kecamatan) {
        const b = await openBackend({ dbPath: join(dir, 'kecamatan', `${k.kode}.db`), mode: 'web' });
        const r = await kirimOutbox(b.ctx, { batasMs: 20_000, baseDelayMs: 50, maxDelayMs: 200 });
        await b.close();
        if (r.ok) lines.push(...r.value.map(outcomeLine));
      }
      expect(lines).toContain('630201 bupati urutan 1: lengkap');
      expect(lines.find((l) => l.startsWith('630203 bupati urutan 2'))).toMatch(/jumlah desa tidak sama/);
      expect(lines.find((l) => l.startsWith('630205 bupati urutan 2'))).toMatch(/tidak ikut dikirim/);
      const bupati = penerimaRecap(kab.ctx.db)!.pemilihan.find((p) => p.id === 'bupati')!;
      expect(bupati.daftar.map((d) => [d.kode, d.status, d.urutan])).toEqual([
        ['630201', 'final', 1],
        ['630202', 'final', 1],
        ['630203', 'draf', 1],
        ['630204', 'final', 1],
        ['630205', 'draf', 1],
      ]);
      const ditolak = latestDitolakAll(kab.ctx.db).map((d) => [d.kecamatan, d.pemilihan, d.urutan, d.jalur]);
      expect(ditolak).toEqual([
        ['630203', 'bupati', 2, 'online'],
        ['630205', 'bupati', 2, 'online'],
      ]);
    } finally {
      await server.close();
      await kab.close();
    }
  }, 480_000); // 22 kecamatan pushed: past 240 s at load 28
});
