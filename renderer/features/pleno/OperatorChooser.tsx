// Who is operating: chosen from the PPK members of the data master at the start of a session (each change is a
// recorded hand-over). Shows whether the operator may decide (ketua, or a delegate of the ketua).
import { useQuery } from '../../api/hooks';
import { StatusPill } from '../../ui';
import { useAction } from './use-action';

export function OperatorChooser() {
  const q = useQuery('pleno.members', {}, { refreshOn: ['pleno-changed'] });
  const start = useAction('pleno.startSession');
  const m = q.data;
  if (!m) return null;
  const current = m.session?.member ?? null;
  return (
    <span className="operator" data-testid="operator">
      <label htmlFor="operator-select" className="muted">
        Operator
      </label>
      <select
        id="operator-select"
        value={current ? String(current.id) : ''}
        onChange={async (e) => {
          if (e.target.value === '') return;
          const member = m.members[Number(e.target.value)];
          await start.run({ member: Number(e.target.value) }, `Operator: ${member?.nama ?? ''}`);
          q.reload();
        }}
      >
        {!current && <option value="">— pilih operator —</option>}
        {m.members.map((x) => (
          <option key={x.id} value={x.id}>
            {x.nama} ({x.jabatan})
          </option>
        ))}
      </select>
      {current?.ketua && <StatusPill tone="info">Ketua</StatusPill>}
      {current?.delegate && <StatusPill tone="info">Delegasi Ketua</StatusPill>}
      {!current && <StatusPill tone="warn">Pilih operator</StatusPill>}
    </span>
  );
}
