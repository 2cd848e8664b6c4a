// Entri manual: when only the paper C.Hasil arrives, two members of the PPK (chosen from the data master's list) type
// it independently (Entri 1, Entri 2). The app compares the two box by box; mismatching boxes are highlighted until
// both agree, and only then is the record created (signed with the PPK key, operators named) and passed through the
// import service like any other channel. The DPT of the TPS in the data master is shown beside the form.
import { formatNumber, nomorTps } from '../dashboard/tile-status';
import { Button, Card, Field, SelectField, StatusPill } from '../../ui';
import { ManualEntryForm } from './ManualEntryForm';
import { ManualStatusView } from './ManualStatusView';
import { ErrorAlert } from './panel-parts';
import { useManualEntry, type ManualEntry, type ManualTarget } from './use-manual-entry';
import type { Violation } from '../../../shared/domain/rules/index';
import type { PemilihanId } from '../../../shared/domain/model';

function TargetCard({ t }: { t: ManualTarget }) {
  return (
    <Card title="TPS dan pemilihan">
      <div className="row manual-target">
        <SelectField
          label="Desa/kelurahan"
          className="input"
          value={t.desa}
          onChange={t.chooseDesa}
          placeholder="— pilih desa —"
          options={(t.targets?.desa ?? []).map((d) => ({ value: d.kode, label: d.nama }))}
        />
        <SelectField
          label="TPS"
          className="input"
          value={t.tps}
          onChange={t.setTps}
          disabled={t.desa === ''}
          placeholder="— pilih TPS —"
          options={t.tpsList.map((x) => ({ value: x.kode, label: `TPS ${nomorTps(x.nomor)}` }))}
        />
        <SelectField
          label="Pemilihan"
          className="input"
          value={t.pemilihan}
          onChange={(v) => t.setPemilihan(v as PemilihanId)}
          placeholder="— pilih pemilihan —"
          options={(t.targets?.pemilihan ?? []).map((p) => ({ value: p.id, label: p.nama }))}
        />
      </div>
    </Card>
  );
}

function RulesAside({ filled, violations }: { filled: boolean; violations: Violation[] }) {
  const ordered = [
    ...violations.filter((v) => v.severity === 'error'),
    ...violations.filter((v) => v.severity !== 'error'),
  ];
  return (
    <aside className="manual-rules" aria-live="polite">
      <h3>Pemeriksaan R01–R13</h3>
      {!filled && <p className="muted">Isi semua kotak; pemeriksaan berjalan saat mengetik.</p>}
      {filled && violations.length === 0 && (
        <p>
          <StatusPill tone="ok">Semua aturan terpenuhi</StatusPill>
        </p>
      )}
      <ul className="violations">
        {ordered.map((v, i) => (
          <li key={`${v.code}-${i}`} className={v.severity}>
            <strong>{v.code}</strong> {v.message}
          </li>
        ))}
      </ul>
      <p className="muted">
        Aturan tidak menghalangi penyimpanan: angka disimpan seperti tertulis di kertas, pleno yang memutuskan.
      </p>
    </aside>
  );
}

/** The operator of this entry, from the PPK list of the data master; the other entry's operator cannot be chosen. */
function OperatorChoice({ m }: { m: ManualEntry }) {
  const other = (m.slot === 1 ? m.status?.entry2 : m.status?.entry1)?.operator;
  return (
    <div className="row">
      <Field label="Operator (anggota PPK)">
        <select className="input" value={m.operator} onChange={(e) => m.setOperator(e.target.value)}>
          <option value="">— pilih operator —</option>
          {(m.target.targets?.ppk ?? []).map((p) => (
            <option key={p.nama} value={p.nama} disabled={p.nama === other}>
              {p.nama} ({p.jabatan}){p.nama === other ? ' — sudah mengetik entri lain' : ''}
            </option>
          ))}
        </select>
      </Field>
      <div role="radiogroup" aria-label="Entri" className="row">
        {([1, 2] as const).map((s) => (
          <label key={s}>
            <input type="radio" name="slot" checked={m.slot === s} onChange={() => m.setSlot(s)} /> Entri {s}
          </label>
        ))}
      </div>
    </div>
  );
}

function DptLine({ dpt }: { dpt: { l: number; p: number } }) {
  return (
    <p className="manual-dpt" data-testid="manual-dpt">
      DPT TPS ini menurut data master: laki-laki <strong>{formatNumber(dpt.l)}</strong>, perempuan{' '}
      <strong>{formatNumber(dpt.p)}</strong>, jumlah <strong>{formatNumber(dpt.l + dpt.p)}</strong>.
    </p>
  );
}

function EntryCard({ m }: { m: ManualEntry }) {
  const pem = m.target.pem!;
  const hint =
    m.slot === 2 ? 'Operator kedua mengetik dari kertas yang sama, tanpa melihat entri pertama.' : 'Operator pertama.';
  return (
    <Card title={`Entri ${m.slot}`} aside={<span className="muted">{hint}</span>}>
      <OperatorChoice m={m} />
      <DptLine dpt={m.dpt} />
      <div className="manual-grid">
        <ManualEntryForm
          pilihan={pem.pilihan}
          values={m.values}
          onChange={m.setValue}
          violations={m.violations}
          mismatches={m.mismatches}
          onLastEnter={() => document.getElementById('manual-save')?.focus()}
        />
        <RulesAside filled={m.filled} violations={m.violations} />
      </div>
      <div className="row">
        <Button
          id="manual-save"
          variant="primary"
          busy={m.submit.pending}
          disabled={!m.filled || m.operator.trim() === ''}
          onClick={() => void m.save()}
        >
          Simpan entri {m.slot}
        </Button>
        {!m.filled && <span className="muted">Semua kotak wajib diisi (0 bila kosong di kertas).</span>}
        {m.filled && m.operator === '' && <span className="muted">Pilih operator yang mengetik entri ini.</span>}
      </div>
      <ErrorAlert message={m.submit.error?.message} />
    </Card>
  );
}

export function ManualPanel() {
  const m = useManualEntry();
  const t = m.target;
  const desaNama = t.targets?.desa.find((d) => d.kode === t.desa)?.nama ?? '';
  const tpsLabel = t.tpsOption ? `Desa ${desaNama} TPS ${nomorTps(t.tpsOption.nomor)}` : '';
  return (
    <div className="stack import-manual">
      <TargetCard t={t} />
      {m.ready && m.status && <ManualStatusView status={m.status} tpsLabel={tpsLabel} onFix={m.fixSlot} />}
      {m.ready && m.status?.state !== 'sepakat' && <EntryCard m={m} />}
      {m.ready && m.status?.state === 'sepakat' && <Button onClick={m.newRound}>Entri baru untuk TPS ini</Button>}
    </div>
  );
}
