// Entri manual: when only the paper C.Hasil arrives, two operators type it independently (Entri 1, Entri 2). The
// app compares the two box by box; mismatching boxes are highlighted until both agree, and only then is the record
// created (signed with the PPK key, operators named) and passed through the import service like any other channel.
import { useState } from 'react';
import type { ManualStatus } from '../../../shared/contracts/import.contract';
import type { CHasilCounts, PemilihanId } from '../../../shared/domain/model';
import { formatKode } from '../../../shared/domain/model';
import { countPaths, fieldLabel, getCount, setCount } from '../../../shared/domain/labels';
import { checkRecord } from '../../../shared/domain/rules/index';
import { emptyTotals } from '../../../shared/domain/recap';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import { Button, Card, Field, StatusPill, Table, TextInput } from '../../ui';
import { ManualEntryForm, type EntryValues } from './ManualEntryForm';
import { shortPemilihan } from '../dashboard/pemilihan-label';
import { STATUS_LABEL, STATUS_TONE } from './ImportSummaryView';

function emptyValues(n: number): EntryValues {
  return Object.fromEntries(countPaths(n).map((p) => [p, null]));
}

function valuesOf(counts: CHasilCounts): EntryValues {
  return Object.fromEntries(countPaths(counts.suara.paslon.length).map((p) => [p, getCount(counts, p)]));
}

function countsOf(values: EntryValues, n: number): CHasilCounts {
  let c = emptyTotals(n);
  for (const p of countPaths(n)) c = setCount(c, p, values[p] ?? 0);
  return c;
}

// eslint-disable-next-line max-lines-per-function -- issue 9: this import panel is not yet split into parts (deferred)
export function ManualPanel() {
  const targets = useApiQuery('import.manualTargets', {});
  const [desa, setDesa] = useState('');
  const [tps, setTps] = useState('');
  const [pemilihan, setPemilihan] = useState<PemilihanId | ''>('');
  // The slot the operator chose; by default the one still missing.
  const [slotChoice, setSlot] = useState<1 | 2 | null>(null);
  const [operator, setOperator] = useState('');
  const submit = useApiCommand('import.manualSubmit');
  const statusQuery = useApiQuery(
    'import.manualStatus',
    { tps: tps || '0000000000000', pemilihan: (pemilihan || 'bupati') as PemilihanId },
    { enabled: tps !== '' && pemilihan !== '' },
  );
  const [latest, setLatest] = useState<ManualStatus | null>(null);
  const status = latest && latest.tps === tps && latest.pemilihan === pemilihan ? latest : (statusQuery.data ?? null);

  const t = targets.data;
  const desaList = t?.desa ?? [];
  const tpsList = desaList.find((d) => d.kode === desa)?.tps ?? [];
  const pem = t?.pemilihan.find((p) => p.id === pemilihan);
  const n = pem?.pilihan.length ?? 0;
  const dpt = tpsList.find((x) => x.kode === tps)?.dpt ?? { l: 0, p: 0 };
  const [values, setValues] = useState<EntryValues>({});

  // New TPS/pemilihan: a blank form for the slot still missing (the second operator must not see the first entry).
  const key = `${tps}|${pemilihan}`;
  const [formKey, setFormKey] = useState('');
  if (formKey !== key) {
    setFormKey(key);
    setValues(emptyValues(n));
    setLatest(null);
    setSlot(null);
  }
  const slot: 1 | 2 = slotChoice ?? (status?.state === 'menunggu' && status.entry1 && !status.entry2 ? 2 : 1);

  const filled = n > 0 && countPaths(n).every((p) => values[p] !== null && values[p] !== undefined);
  const counts = n > 0 ? countsOf(values, n) : null;
  const violations = counts ? checkRecord(counts, { dptMaster: dpt, pilihanCount: n }) : [];
  const mismatches = new Set(status?.state === 'berbeda' ? status.mismatches : []);

  async function save() {
    if (!counts || !filled || !pem) return;
    const r = await submit.run({ tps, pemilihan: pem.id, operator, slot, counts });
    if (r.ok) {
      setLatest(r.value);
      if (r.value.state === 'berbeda') {
        // Keep what was just typed on screen with the differing boxes marked; either operator can fix theirs.
        setSlot(slot);
      } else {
        // The other operator's turn (blank: they must not see the first entry), or a new round.
        setValues(emptyValues(n));
        setOperator('');
        setSlot(null);
      }
    }
  }

  function fixSlot(s: 1 | 2) {
    const e = s === 1 ? status?.entry1 : status?.entry2;
    if (!e) return;
    setSlot(s);
    setOperator(e.operator);
    setValues(valuesOf(e.counts));
    setTimeout(() => {
      const first = status?.mismatches[0];
      const el = first ? document.querySelector<HTMLInputElement>(`input[data-path="${first}"]`) : null;
      el?.focus();
      el?.select();
    }, 0);
  }

  const errors = violations.filter((v) => v.severity === 'error');
  const warnings = violations.filter((v) => v.severity === 'warning');
  const ready = tps !== '' && pem !== undefined;

  return (
    <div className="stack import-manual">
      <Card title="TPS dan pemilihan">
        <div className="row manual-target">
          <Field label="Desa/kelurahan">
            <select className="input" value={desa} onChange={(e) => (setDesa(e.target.value), setTps(''))}>
              <option value="">— pilih desa —</option>
              {desaList.map((d) => (
                <option key={d.kode} value={d.kode}>
                  {d.nama} ({formatKode(d.kode)})
                </option>
              ))}
            </select>
          </Field>
          <Field label="TPS">
            <select className="input" value={tps} onChange={(e) => setTps(e.target.value)} disabled={desa === ''}>
              <option value="">— pilih TPS —</option>
              {tpsList.map((x) => (
                <option key={x.kode} value={x.kode}>
                  TPS {String(x.nomor).padStart(3, '0')}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Pemilihan">
            <select className="input" value={pemilihan} onChange={(e) => setPemilihan(e.target.value as PemilihanId)}>
              <option value="">— pilih pemilihan —</option>
              {(t?.pemilihan ?? []).map((p) => (
                <option key={p.id} value={p.id}>
                  {p.nama}
                </option>
              ))}
            </select>
          </Field>
        </div>
      </Card>

      {ready && status && <ManualStatusView status={status} onFix={fixSlot} />}

      {ready && status?.state !== 'sepakat' && (
        <Card
          title={`Entri ${slot}`}
          aside={
            <span className="muted">
              {slot === 2
                ? 'Operator kedua mengetik dari kertas yang sama, tanpa melihat entri pertama.'
                : 'Operator pertama.'}
            </span>
          }
        >
          <div className="row">
            <Field label="Nama operator">
              <TextInput value={operator} onChange={(e) => setOperator(e.target.value)} autoComplete="off" />
            </Field>
            <div role="radiogroup" aria-label="Entri" className="row">
              {([1, 2] as const).map((s) => (
                <label key={s}>
                  <input type="radio" name="slot" checked={slot === s} onChange={() => setSlot(s)} /> Entri {s}
                </label>
              ))}
            </div>
          </div>
          <div className="manual-grid">
            <ManualEntryForm
              pilihan={pem.pilihan}
              values={values}
              onChange={(p, v) => setValues((old) => ({ ...old, [p]: v }))}
              violations={
                filled
                  ? violations
                  : violations.filter((v) => v.fields.every((f) => values[f] !== null && values[f] !== undefined))
              }
              mismatches={mismatches}
              onLastEnter={() => document.getElementById('manual-save')?.focus()}
            />
            <aside className="manual-rules" aria-live="polite">
              <h3>Pemeriksaan R01–R13</h3>
              {!filled && <p className="muted">Isi semua kotak; pemeriksaan berjalan saat mengetik.</p>}
              {filled && violations.length === 0 && (
                <p>
                  <StatusPill tone="ok">Semua aturan terpenuhi</StatusPill>
                </p>
              )}
              <ul className="violations">
                {[...errors, ...warnings]
                  .filter((v) => filled || v.fields.every((f) => values[f] !== null && values[f] !== undefined))
                  .map((v, i) => (
                    <li key={`${v.code}-${i}`} className={v.severity}>
                      <strong>{v.code}</strong> {v.message}
                    </li>
                  ))}
              </ul>
              <p className="muted">
                Aturan tidak menghalangi penyimpanan: angka disimpan seperti tertulis di kertas, pleno yang memutuskan.
              </p>
            </aside>
          </div>
          <div className="row">
            <Button
              id="manual-save"
              variant="primary"
              busy={submit.pending}
              disabled={!filled || operator.trim() === ''}
              onClick={() => void save()}
            >
              Simpan entri {slot}
            </Button>
            {!filled && <span className="muted">Semua kotak wajib diisi (0 bila kosong di kertas).</span>}
          </div>
          {submit.error && (
            <p className="alert alert-danger" role="alert">
              {submit.error.message}
            </p>
          )}
        </Card>
      )}
      {ready && status?.state === 'sepakat' && (
        <Button
          onClick={() => {
            setLatest({ ...status, state: 'kosong', entry1: null, entry2: null, mismatches: [] });
            setSlot(null);
          }}
        >
          Entri baru untuk TPS ini
        </Button>
      )}
    </div>
  );
}

function ManualStatusView({ status, onFix }: { status: ManualStatus; onFix(slot: 1 | 2): void }) {
  const e1 = status.entry1;
  const e2 = status.entry2;
  if (status.state === 'kosong') return null;
  if (status.state === 'menunggu') {
    const have = e1 ?? e2;
    return (
      <p className="alert alert-info" role="status" data-testid="manual-status">
        Entri {have?.slot} oleh <strong>{have?.operator}</strong> tersimpan. Menunggu entri {have?.slot === 1 ? 2 : 1}{' '}
        oleh operator lain.
      </p>
    );
  }
  if (status.state === 'sepakat' && status.result) {
    const r = status.result;
    return (
      <div className="alert alert-ok" role="status" data-testid="manual-status">
        <StatusPill tone="ok">Kedua entri sama</StatusPill> Hasil TPS {formatKode(status.tps)} pemilihan{' '}
        {shortPemilihan(status.pemilihan)} disimpan sebagai hasil entri manual oleh <strong>{r.operators[0]}</strong>{' '}
        dan <strong>{r.operators[1]}</strong>, ditandatangani kunci PPK:{' '}
        <StatusPill tone={STATUS_TONE[r.outcome]}>{STATUS_LABEL[r.outcome]}</StatusPill>
        {r.reason ? ` ${r.reason}` : ''}
      </div>
    );
  }
  const rows = status.mismatches.map((path) => ({
    path,
    label: fieldLabel(path, status.pilihan),
    a: e1 ? getCount(e1.counts, path) : null,
    b: e2 ? getCount(e2.counts, path) : null,
  }));
  return (
    <Card title={`Entri berbeda di ${rows.length} kotak`} data-testid="manual-status">
      <p>
        Periksa kembali kertas C.Hasil pada kotak yang ditandai. Operator yang salah mengetik memperbaiki entrinya;
        hasil baru dibuat setelah kedua entri sama.
      </p>
      <Table
        aria-label="Kotak yang berbeda"
        rows={rows}
        rowKey={(r) => r.path}
        columns={[
          { key: 'label', header: 'Kotak', render: (r) => r.label },
          { key: 'a', header: `Entri 1 (${e1?.operator ?? ''})`, numeric: true, render: (r) => r.a },
          { key: 'b', header: `Entri 2 (${e2?.operator ?? ''})`, numeric: true, render: (r) => r.b },
        ]}
      />
      <div className="row">
        <Button onClick={() => onFix(1)}>Perbaiki entri 1 ({e1?.operator})</Button>
        <Button onClick={() => onFix(2)}>Perbaiki entri 2 ({e2?.operator})</Button>
      </div>
    </Card>
  );
}
