// The state of the Entri manual panel: which TPS and pemilihan, which slot (1 or 2) is being typed and by whom,
// the values typed, the live rule check, and the backend's status of the double entry (menunggu, berbeda, sepakat).
import { useState } from 'react';
import type { ManualStatus } from '../../../shared/contracts/import.contract';
import type { CHasilCounts, PemilihanId } from '../../../shared/domain/model';
import { countPaths, getCount, setCount } from '../../../shared/domain/labels';
import { checkRecord } from '../../../shared/domain/rules/index';
import { emptyTotals } from '../../../shared/domain/recap';
import { useApiCommand, useApiQuery } from '../../api/hooks';
import type { EntryValues } from './ManualEntryForm';

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

const isSet = (v: number | null | undefined) => v !== null && v !== undefined;

/** Which TPS and pemilihan, from the master's lists. */
function useTarget() {
  const targets = useApiQuery('import.manualTargets', {});
  const [desa, setDesa] = useState('');
  const [tps, setTps] = useState('');
  const [pemilihan, setPemilihan] = useState<PemilihanId | ''>('');
  const t = targets.data;
  const desaList = t?.desa ?? [];
  const tpsList = desaList.find((d) => d.kode === desa)?.tps ?? [];
  const pem = t?.pemilihan.find((p) => p.id === pemilihan);
  const tpsOption = tpsList.find((x) => x.kode === tps);
  const chooseDesa = (kode: string) => (setDesa(kode), setTps(''));
  return { targets: t, desa, tps, pemilihan, pem, tpsList, tpsOption, chooseDesa, setTps, setPemilihan };
}

export type ManualTarget = ReturnType<typeof useTarget>;

export function useManualEntry() {
  const target = useTarget();
  const { tps, pemilihan, pem } = target;
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
  const n = pem?.pilihan.length ?? 0;
  const dpt = target.tpsOption?.dpt ?? { l: 0, p: 0 };
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
  const filled = n > 0 && countPaths(n).every((p) => isSet(values[p]));
  const counts = n > 0 ? countsOf(values, n) : null;
  const violations = counts ? checkRecord(counts, { dptMaster: dpt, pilihanCount: n }) : [];
  // Before every box is filled, only the rules whose boxes are all filled are shown.
  const shown = filled ? violations : violations.filter((v) => v.fields.every((f) => isSet(values[f])));

  async function save() {
    if (!counts || !filled || !pem) return;
    const r = await submit.run({ tps, pemilihan: pem.id, operator, slot, counts });
    if (!r.ok) return;
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

  function newRound() {
    if (status) setLatest({ ...status, state: 'kosong', entry1: null, entry2: null, mismatches: [] });
    setSlot(null);
  }

  const setValue = (p: string, v: number | null) => setValues((old) => ({ ...old, [p]: v }));
  return {
    target,
    status,
    ready: tps !== '' && pem !== undefined,
    slot,
    setSlot,
    operator,
    setOperator,
    values,
    setValue,
    filled,
    violations: shown,
    dpt,
    mismatches: new Set(status?.state === 'berbeda' ? status.mismatches : []),
    submit,
    save,
    fixSlot,
    newRound,
  };
}

export type ManualEntry = ReturnType<typeof useManualEntry>;
