// The votes read out before a decision that settles them (Sesuai for one TPS, the lock of a desa): per paslon, suara
// sah, tidak sah and their sum, as the room hears them.
import type { Pilihan, Suara } from '../../../shared/domain/model';

const fmt = (n: number) => new Intl.NumberFormat('id-ID').format(n);

export function VoteTotals({
  pilihan,
  suara,
  label,
  testId,
}: {
  pilihan: Pilihan[];
  suara: Suara;
  label: string;
  testId: string;
}) {
  return (
    <table className="table lock-totals" data-testid={testId} aria-label={label}>
      <tbody>
        {pilihan.map((p, i) => (
          <tr key={p.nomor}>
            <th scope="row">
              {p.kind === 'kolom-kosong' ? 'Kolom kosong' : `Paslon ${p.nomor}`} <span className="muted">{p.nama}</span>
            </th>
            <td className="num">{fmt(suara.paslon[i] ?? 0)}</td>
          </tr>
        ))}
        <tr>
          <th scope="row">Suara sah</th>
          <td className="num">{fmt(suara.sah)}</td>
        </tr>
        <tr>
          <th scope="row">Suara tidak sah</th>
          <td className="num">{fmt(suara.tidakSah)}</td>
        </tr>
        <tr>
          <th scope="row">Jumlah suara sah dan tidak sah</th>
          <td className="num">
            <strong>{fmt(suara.total)}</strong>
          </td>
        </tr>
      </tbody>
    </table>
  );
}
