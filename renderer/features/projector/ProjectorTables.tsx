// The projector's tables: totals of a desa or the kecamatan, and the counted figures of one TPS where a figure
// changed by an approved correction reads "905 → 105" (the first reading struck through).
import type { TpsReview, VoteTotals } from '../../../shared/contracts/plenary.contract';
import type { Pilihan } from '../../../shared/domain/model';
import { formatNumber } from '../dashboard/tile-status';
import { correctedFields, type CorrectedField } from './corrected-fields';

export function choiceName(p: Pilihan): string {
  return p.kind === 'kolom-kosong' ? 'Kolom kosong' : `${p.nomor}. ${p.nama}`;
}

export function VotesTable(props: {
  pilihan: Pilihan[];
  totals: VoteTotals;
  className?: string;
  testId: string;
  brief?: boolean;
}) {
  const { pilihan, totals, className, testId, brief } = props;
  return (
    <table className={className} data-testid={testId}>
      <tbody>
        {pilihan.map((p, i) => (
          <tr key={p.nomor}>
            <td>{choiceName(p)}</td>
            <td className="n">{formatNumber(totals.paslon[i] ?? 0)}</td>
          </tr>
        ))}
        <tr className="tot">
          <td>Suara sah</td>
          <td className="n">{formatNumber(totals.sah)}</td>
        </tr>
        {!brief && (
          <>
            <tr>
              <td>Suara tidak sah</td>
              <td className="n">{formatNumber(totals.tidakSah)}</td>
            </tr>
            <tr>
              <td>Jumlah seluruh suara</td>
              <td className="n">{formatNumber(totals.total)}</td>
            </tr>
          </>
        )}
      </tbody>
    </table>
  );
}

function Figure({ value, corrected }: { value: number; corrected: CorrectedField | undefined }) {
  if (!corrected) return <>{value}</>;
  return (
    <span className="proj-corrected" data-testid="projector-corrected">
      <s aria-label={`semula ${corrected.from}`}>{corrected.from}</s>
      <span aria-hidden="true"> → </span>
      <span aria-label={`menjadi ${value}`}>{value}</span>
    </span>
  );
}

export function TpsVotes({ t }: { t: TpsReview }) {
  if (!t.current) return <p style={{ fontSize: '1.6rem' }}>Data C.Hasil TPS ini belum masuk.</p>;
  const c = t.current;
  const errFields = new Set(t.violations.filter((v) => v.severity === 'error').flatMap((v) => v.fields));
  const fixed = correctedFields(t.corrections);
  const rows: { path: string; label: string; value: number; tot?: boolean }[] = [
    ...t.pemilihan.pilihan.map((p, i) => ({
      path: `suara.paslon.${i}`,
      label: choiceName(p),
      value: c.suara.paslon[i]!,
    })),
    { path: 'suara.sah', label: 'Suara sah', value: c.suara.sah, tot: true },
    { path: 'suara.tidakSah', label: 'Suara tidak sah', value: c.suara.tidakSah },
    { path: 'suara.total', label: 'Jumlah seluruh suara', value: c.suara.total },
  ];
  return (
    <>
      <table data-testid="projector-tps-votes">
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.path}
              className={[r.tot ? 'tot' : '', errFields.has(r.path) ? 'err' : ''].join(' ').trim() || undefined}
            >
              <td>{r.label}</td>
              <td className="n">
                <Figure value={r.value} corrected={fixed.get(r.path)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="small" style={{ marginTop: '0.5em' }}>
        <tbody>
          <tr>
            <td>Pengguna hak pilih (L + P)</td>
            <td className="n">{c.pengguna.jumlah.l + c.pengguna.jumlah.p}</td>
          </tr>
          <tr>
            <td>Surat suara digunakan</td>
            <td className="n">{c.suratSuara.digunakan}</td>
          </tr>
        </tbody>
      </table>
      {t.violations
        .filter((v) => v.severity === 'error')
        .slice(0, 3)
        .map((v, i) => (
          <p className="violation" key={i}>
            {v.message}
          </p>
        ))}
    </>
  );
}
