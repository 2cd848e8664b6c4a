import { describe, expect, it } from 'vitest';
import { countPaths, getCount, setCount } from './labels';
import { type CHasilCounts, type DataMaster, tpsCode } from './model';
import { type RecapTpsState, addTotals, buildRecap, emptyTotals, sumTotals } from './recap';
import { cleanCounts } from '../../tests/support/counts';
import { mulberry32 } from '../util/mulberry32';

function randomCounts(rand: () => number, n: number): CHasilCounts {
  let c = emptyTotals(n);
  for (const p of countPaths(n)) c = setCount(c, p, Math.floor(rand() * 1000));
  return c;
}

const master: Pick<DataMaster, 'kecamatan' | 'desa' | 'pemilihan'> = {
  kecamatan: { kode: '630214', nama: 'Hampang' },
  desa: [
    {
      kode: '6302142003',
      nama: 'Cantung Kiri Hilir',
      tps: [1, 2, 3, 4].map((nomor) => ({ nomor, dpt: { l: 200, p: 200 } })),
    },
    { kode: '6302142001', nama: 'Hampang', tps: [1, 2].map((nomor) => ({ nomor, dpt: { l: 150, p: 160 } })) },
    { kode: '6302142009', nama: 'Lalapin', tps: [1, 2, 3].map((nomor) => ({ nomor, dpt: { l: 300, p: 280 } })) },
  ],
  pemilihan: [
    { id: 'gubernur', nama: 'Gubernur', wilayah: '63', pilihan: [1, 2].map((nomor) => ({ nomor, nama: `G${nomor}` })) },
    {
      id: 'bupati',
      nama: 'Bupati',
      wilayah: '6302',
      pilihan: [1, 2, 3].map((nomor) => ({ nomor, nama: `B${nomor}` })),
    },
  ],
};

/** Random states: some TPS absent, some only masuk, some konflik, some settled. */
function randomStates(seed: number) {
  const rand = mulberry32(seed);
  const tps: Record<string, Record<string, RecapTpsState>> = {};
  for (const pem of master.pemilihan) {
    const byTps: Record<string, RecapTpsState> = {};
    for (const d of master.desa) {
      for (const t of d.tps) {
        const r = rand();
        if (r < 0.15) continue; // belum masuk, absent from the input
        const counted = randomCounts(rand, pem.pilihan.length);
        byTps[tpsCode(d.kode, t.nomor)] = { counted, masuk: true, diputuskan: r > 0.6, konflik: r > 0.15 && r < 0.3 };
      }
    }
    tps[pem.id] = byTps;
  }
  return tps;
}

describe('buildRecap', () => {
  it.each([1, 2, 3, 42])('sums every field per desa and kecamatan (seed %i), checked field by field', (seed) => {
    const states = randomStates(seed);
    const recap = buildRecap({ master, tps: states });
    expect(recap.kecamatan).toBe('630214');
    expect(recap.pemilihan.map((p) => p.id)).toEqual(['gubernur', 'bupati']);
    for (const pem of master.pemilihan) {
      const n = pem.pilihan.length;
      const out = recap.pemilihan.find((p) => p.id === pem.id);
      expect(out).toBeDefined();
      expect(out?.desa.map((d) => d.kode)).toEqual(master.desa.map((d) => d.kode)); // master order, not sorted
      const byTps = states[pem.id] ?? {};
      let kecSeen = 0;
      for (const [i, d] of master.desa.entries()) {
        const codes = d.tps.map((t) => tpsCode(d.kode, t.nomor));
        const desaOut = out?.desa[i];
        expect(desaOut?.nama).toBe(d.nama);
        expect(desaOut?.tps).toEqual({
          total: codes.length,
          masuk: codes.filter((c) => byTps[c]?.masuk).length,
          diputuskan: codes.filter((c) => byTps[c]?.diputuskan).length,
          konflik: codes.filter((c) => byTps[c]?.konflik).length,
        });
        for (const path of countPaths(n)) {
          let expected = 0;
          for (const c of codes) {
            const counted = byTps[c]?.counted;
            if (counted) expected += getCount(counted, path);
          }
          expect(getCount(desaOut!.total, path), `${d.kode} ${path}`).toBe(expected);
        }
        kecSeen += codes.length;
      }
      expect(out?.tps.total).toBe(kecSeen);
      for (const path of countPaths(n)) {
        let expected = 0;
        for (const s of Object.values(byTps)) if (s.counted) expected += getCount(s.counted, path);
        expect(getCount(out!.total, path), `kecamatan ${path}`).toBe(expected);
      }
      expect(out?.total.suara.paslon).toHaveLength(n);
    }
  });

  it('produces exactly the §5.1 JSON, keys in order', () => {
    const one = cleanCounts();
    const recap = buildRecap({
      master: { ...master, desa: master.desa.slice(1, 2) },
      pemilihan: 'bupati',
      tps: { bupati: { '6302142001001': { counted: one, masuk: true, diputuskan: true, konflik: false } } },
    });
    const totals =
      '{"pemilih":{"dpt":{"l":200,"p":210},"dpph":{"l":2,"p":1},"dptb":{"l":3,"p":2},"jumlah":{"l":205,"p":213}},' +
      '"pengguna":{"dpt":{"l":150,"p":170},"dpph":{"l":2,"p":1},"dptb":{"l":3,"p":2},"jumlah":{"l":155,"p":173}},' +
      '"disabilitas":{"pemilih":{"l":3,"p":2},"pengguna":{"l":2,"p":1}},' +
      '"suratSuara":{"diterima":421,"dikembalikan":3,"tidakDigunakan":90,"digunakan":328},' +
      '"suara":{"paslon":[105,120,87],"sah":312,"tidakSah":16,"total":328}}';
    expect(JSON.stringify(recap)).toBe(
      '{"kecamatan":"630214","pemilihan":[{"id":"bupati",' +
        '"tps":{"total":2,"masuk":1,"diputuskan":1,"konflik":0},' +
        '"desa":[{"kode":"6302142001","nama":"Hampang","tps":{"total":2,"masuk":1,"diputuskan":1,"konflik":0},' +
        `"total":${totals}}],` +
        `"total":${totals}}]}`,
    );
  });

  it('counts nothing for a pemilihan without data, and does not leak extra keys of the input records', () => {
    const withExtra = { ...cleanCounts(), tps: '6302142001001', format: 'pleno.c-hasil/1' } as CHasilCounts;
    const recap = buildRecap({
      master,
      tps: {
        gubernur: {},
        bupati: { '6302142001002': { counted: withExtra, masuk: true, diputuskan: false, konflik: false } },
      },
    });
    expect(recap.pemilihan[0]?.total).toEqual(emptyTotals(2));
    expect(recap.pemilihan[0]?.tps).toEqual({ total: 9, masuk: 0, diputuskan: 0, konflik: 0 });
    expect(Object.keys(recap.pemilihan[1]!.total)).toEqual([
      'pemilih',
      'pengguna',
      'disabilitas',
      'suratSuara',
      'suara',
    ]);
    expect(recap.pemilihan[1]?.total).toEqual(cleanCounts());
  });

  // gubernur has 2 choices: a 3-choice record is too long, a 1-choice record too short; neither is cut nor padded.
  it.each([
    ['more', [105, 120, 87], 3],
    ['fewer', [312], 1],
  ] as const)('refuses a counted record with %s choices than the pemilihan', (_w, paslon, got) => {
    const counted = { ...cleanCounts(), suara: { ...cleanCounts().suara, paslon: [...paslon] } };
    const input = (c: CHasilCounts) => ({
      master,
      pemilihan: 'gubernur',
      tps: { gubernur: { '6302142001002': { counted: c, masuk: true, diputuskan: false, konflik: false } } },
    });
    expect(() => buildRecap(input(counted))).toThrow(
      `buildRecap: TPS 6302142001002 has ${got} choices, the pemilihan has 2`,
    );
    // the same TPS with the right shape is counted
    const ok = { ...cleanCounts(), suara: { ...cleanCounts().suara, paslon: [200, 112] } };
    expect(buildRecap(input(ok)).pemilihan[0]?.total.suara.paslon).toEqual([200, 112]);
  });
});

describe('totals arithmetic', () => {
  it('emptyTotals has zeros everywhere and the right number of choices', () => {
    const z = emptyTotals(4);
    for (const p of countPaths(4)) expect(getCount(z, p)).toBe(0);
    expect(z.suara.paslon).toEqual([0, 0, 0, 0]);
  });

  it('addTotals and sumTotals add each field without touching the inputs', () => {
    const rand = mulberry32(7);
    const list = [0, 1, 2, 3, 4].map(() => randomCounts(rand, 3));
    const snapshot = JSON.stringify(list);
    const s = sumTotals(list, 3);
    for (const p of countPaths(3)) expect(getCount(s, p)).toBe(list.reduce((acc, c) => acc + getCount(c, p), 0));
    expect(addTotals(list[0]!, list[1]!)).toEqual(sumTotals(list.slice(0, 2), 3));
    expect(JSON.stringify(list)).toBe(snapshot);
    expect(sumTotals([], 2)).toEqual(emptyTotals(2));
  });

  it.each([
    [3, 2],
    [2, 3],
  ])('addTotals refuses %i choices plus %i', (a, b) => {
    expect(() => addTotals(emptyTotals(a), emptyTotals(b))).toThrow(`addTotals: choice counts differ (${a} vs ${b})`);
  });
});
