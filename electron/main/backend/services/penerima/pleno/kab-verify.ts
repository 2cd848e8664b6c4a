// The traces of a D.Hasil Kabupaten/Kota (`pleno verify --db <receiver.db>`, docs/receiver-plenary.md): each kecamatan
// column's `sumber` names a push this receiver committed and the D.Hasil object in it; replaying the kab/kota
// corrections (each `dari` must be the value before it) on that D.Hasil's TPS figures must give exactly the printed
// desa and kecamatan figures. One line per kecamatan; a trace that does not hold makes the document invalid.
import type { KabDHasilData } from '../../../../../../shared/documents/kabko-types';
import { getCount, setCount } from '../../../../../../shared/domain/labels';
import type { CHasilCounts } from '../../../../../../shared/domain/model';
import { sumTotals } from '../../../../../../shared/domain/recap';
import { canonicalize } from '../../../../../../shared/formats/canonical';
import { parseEnvelope } from '../../../../../../shared/formats/envelope';
import type { Db } from '../../../context';
import { getManifest, getObjekJcs } from '../../../repositories/penerima.repo';
import { manifestPayload } from '../receive.service';

interface PushedDHasil {
  lampiran: { kode: string; tps: { nomor: number; counts: CHasilCounts | null }[] }[];
}

const same = (a: unknown, b: unknown) => canonicalize(a) === canonicalize(b);

function checkOne(db: Db, data: KabDHasilData, i: number): string | null {
  const k = data.recap.kecamatan[i]!;
  const s = k.sumber;
  if (!s) return k.total === null ? null : `Kecamatan ${k.nama}: angka tanpa sumber`;
  const m = getManifest(db, s.manifest);
  if (!m || m.kecamatan !== k.kode)
    return `Kecamatan ${k.nama}: kiriman ${s.manifest.slice(0, 12)}… tidak ada di penerima ini`;
  const listed = manifestPayload(m).objek.find((o) => o.sha256 === s.dokumen && o.jenis === 'd-hasil');
  const jcs = listed ? getObjekJcs(db, s.dokumen) : undefined;
  const env = jcs ? parseEnvelope(JSON.parse(jcs)) : null;
  if (!env?.ok) return `Kecamatan ${k.nama}: D.Hasil ${s.dokumen.slice(0, 12)}… bukan bagian kiriman itu`;
  const doc = env.value.payload as unknown as PushedDHasil;
  const tps = new Map<string, CHasilCounts | null>();
  for (const d of doc.lampiran)
    for (const t of d.tps) tps.set(`${d.kode}${String(t.nomor).padStart(3, '0')}`, t.counts);
  for (const c of s.koreksi) {
    const before = tps.get(c.tps);
    if (!before || getCount(before, c.bidang) !== c.dari)
      return `Kecamatan ${k.nama}: koreksi TPS ${c.tps} ${c.bidang} tidak berawal dari ${c.dari}`;
    tps.set(c.tps, setCount(before, c.bidang, c.menjadi));
  }
  const n = data.header.pilihan.length;
  const lampiran = data.lampiran.find((l) => l.kode === k.kode);
  const desaTotals = doc.lampiran.map((d) =>
    sumTotals(
      d.tps.flatMap((t) => {
        const c = tps.get(`${d.kode}${String(t.nomor).padStart(3, '0')}`);
        return c ? [c] : [];
      }),
      n,
    ),
  );
  if (
    !lampiran ||
    !same(
      lampiran.desa.map((d) => d.total),
      desaTotals,
    )
  )
    return `Kecamatan ${k.nama}: angka desa tidak sesuai dengan D.Hasil kecamatan dan koreksinya`;
  if (!same(k.total, sumTotals(desaTotals, n))) return `Kecamatan ${k.nama}: jumlah kecamatan tidak sesuai`;
  return null;
}

export function kabTraceReport(db: Db, data: KabDHasilData): { ok: boolean; lines: string[] } {
  const lines: string[] = [];
  let ok = true;
  data.recap.kecamatan.forEach((k, i) => {
    const problem = checkOne(db, data, i);
    if (problem) {
      ok = false;
      lines.push(`jejak ${problem}`);
    } else if (k.sumber)
      lines.push(
        `jejak Kecamatan ${k.nama}: cocok (kiriman urutan ${k.sumber.urutan}, D.Hasil ${k.sumber.dokumen.slice(0, 12)}…, ` +
          `${k.sumber.koreksi.length} koreksi kabupaten/kota)`,
      );
  });
  const held = data.recap.kecamatan.filter((k) => k.sumber).length;
  lines.push(`jejak: ${ok ? 'semua cocok' : 'TIDAK cocok'} — ${held} kecamatan dengan sumber`);
  return { ok, lines };
}
