// Log Audit's filters: kind of action, desa, TPS number within the desa, and person.
import { useApiQuery } from '../../api/hooks';
import { Field, Select, TextInput, optionsOf } from '../../ui';

/** Each kind of action by its name in the log (`AuditEntryView.kind`). */
export const KIND_LABEL: Readonly<Record<string, string>> = {
  submission: 'Kiriman C.Hasil',
  acceptance: 'Sesuai',
  correction: 'Koreksi',
  'conflict-choice': 'Konflik',
  objection: 'Keberatan',
  kejadian: 'Kejadian khusus',
  lock: 'Kunci desa',
  operator: 'Operator',
  delegation: 'Delegasi',
  master: 'Data master',
};

export interface AuditFilter {
  kind: string;
  desa: string;
  nomor: string;
  actor: string;
}

export function AuditFilters({ f, set }: { f: AuditFilter; set: (f: AuditFilter) => void }) {
  const dash = useApiQuery('plenary.dashboard', {});
  return (
    <div className="row audit-filters" role="group" aria-label="Saring log audit">
      <Field label="Jenis tindakan">
        <Select
          value={f.kind}
          onChange={(kind) => set({ ...f, kind })}
          data-testid="audit-filter-action"
          placeholder="Semua"
          options={optionsOf(KIND_LABEL)}
        />
      </Field>
      <Field label="Desa">
        <Select
          value={f.desa}
          onChange={(desa) => set({ ...f, desa, nomor: '' })}
          data-testid="audit-filter-desa"
          placeholder="Semua desa"
          options={(dash.data?.desa ?? []).map((d) => ({ value: d.kode, label: d.nama }))}
        />
      </Field>
      <Field label="Nomor TPS">
        <TextInput
          inputMode="numeric"
          value={f.nomor}
          disabled={!f.desa}
          onChange={(nomor) => set({ ...f, nomor: nomor.replace(/\D/g, '').slice(0, 3) })}
          placeholder={f.desa ? 'mis. 3' : 'pilih desa dulu'}
          data-testid="audit-filter-tps"
        />
      </Field>
      <Field label="Oleh (nama)">
        <TextInput value={f.actor} onChange={(actor) => set({ ...f, actor })} placeholder="cari nama…" />
      </Field>
    </div>
  );
}
