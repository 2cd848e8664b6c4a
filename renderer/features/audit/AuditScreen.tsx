// Log Audit: every recorded change, newest first, filterable by kind of action and by who; with the hash chain's
// verification status (audit.verify) naming the first bad entry if the file was altered outside the app.
import { useMemo, useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useApiQuery } from '../../api/hooks';
import { apiErrorOf, apiKey, callOrThrow } from '../../api/query-client';
import { Button, Card, Field, StatusPill, Table, type Column } from '../../ui';
import type { AuditEntryView } from '../../../shared/contracts/audit.contract';
import '../plenary/plenary.css';

const ACTION_GROUPS: { prefix: string; label: string }[] = [
  { prefix: '', label: 'Semua' },
  { prefix: 'submission.', label: 'Kiriman C.Hasil' },
  { prefix: 'acceptance.', label: 'Sesuai' },
  { prefix: 'correction.', label: 'Koreksi' },
  { prefix: 'conflict-choice.', label: 'Konflik' },
  { prefix: 'objection.', label: 'Keberatan' },
  { prefix: 'kejadian.', label: 'Kejadian khusus' },
  { prefix: 'lock.', label: 'Kunci desa' },
  { prefix: 'operator.', label: 'Operator' },
  { prefix: 'delegation.', label: 'Delegasi' },
  { prefix: 'master.', label: 'Data master' },
];

const ACTION_LABELS: Record<string, string> = {
  'submission.diterima': 'Kiriman diterima',
  'submission.konflik': 'Kiriman berbeda (konflik)',
  'submission.foto': 'Foto kiriman',
  'acceptance.create': 'Diterima sesuai',
  'correction.propose': 'Koreksi diusulkan',
  'correction.approve': 'Koreksi disetujui',
  'correction.reject': 'Koreksi ditolak',
  'conflict-choice.create': 'Kiriman dipilih (konflik)',
  'objection.raise': 'Keberatan dicatat',
  'objection.diterima': 'Keberatan diterima',
  'objection.ditolak': 'Keberatan ditolak',
  'kejadian.create': 'Kejadian khusus dicatat',
  'lock.lock': 'Desa dikunci',
  'lock.unlock': 'Kunci desa dibuka',
  'operator.start': 'Operator berganti',
  'delegation.grant': 'Delegasi diberikan',
  'delegation.revoke': 'Delegasi dicabut',
};

const PAGE = 200;

export default function AuditScreen() {
  const [group, setGroup] = useState('');
  const [who, setWho] = useState('');
  const input = useMemo(() => ({ limit: PAGE, ...(group ? { action: group } : {}) }), [group]);
  // Older pages load on demand; an event refetches the pages already shown (the log only grows at the top).
  const list = useInfiniteQuery({
    queryKey: [...apiKey('audit.list', input), 'pages'],
    queryFn: ({ pageParam }) => callOrThrow('audit.list', pageParam === null ? input : { ...input, before: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: keepPreviousData,
  });
  const verify = useApiQuery('audit.verify', {});

  const entries = useMemo(() => {
    const all = list.data?.pages.flatMap((p) => p.entries) ?? [];
    const w = who.trim().toLocaleLowerCase('id');
    return w ? all.filter((e) => e.actor.toLocaleLowerCase('id').includes(w)) : all;
  }, [list.data, who]);
  const total = list.data?.pages[0]?.total;
  const listError = apiErrorOf(list.error);

  const columns: Column<AuditEntryView>[] = [
    { key: 'seq', header: '#', numeric: true, width: '70px', render: (e) => e.seq },
    {
      key: 'at',
      header: 'Waktu',
      width: '170px',
      render: (e) => new Date(e.at).toLocaleString('id-ID', { dateStyle: 'short', timeStyle: 'medium' }),
    },
    { key: 'actor', header: 'Oleh', width: '170px', render: (e) => e.actor },
    {
      key: 'action',
      header: 'Tindakan',
      render: (e) => <span title={e.action}>{ACTION_LABELS[e.action] ?? e.action}</span>,
    },
    { key: 'entity', header: 'Data', render: (e) => (e.entity ? `${e.entity} ${e.entityId}` : '—') },
    {
      key: 'hash',
      header: 'Hash',
      width: '130px',
      render: (e) => (
        <span className="hash" title={e.hash}>
          {e.hash.slice(0, 12)}…
        </span>
      ),
    },
  ];

  const v = verify.data;
  return (
    <div className="stack" data-testid="audit">
      <Card
        title="Rantai audit"
        aside={
          <Button size="sm" onClick={verify.reload} busy={verify.loading}>
            Periksa ulang
          </Button>
        }
      >
        {v ? (
          v.ok ? (
            <div className="row" data-testid="audit-verify">
              <StatusPill tone="ok">Utuh</StatusPill>
              <span>
                {v.entries} entri dan {v.rows} baris data cocok dengan rantai hash. Hash terakhir{' '}
                <span className="hash">{v.head.slice(0, 16)}…</span>
              </span>
            </div>
          ) : (
            <div className="stack" data-testid="audit-verify">
              <div className="row">
                <StatusPill tone="danger">Rusak</StatusPill>
                <strong>Berkas basis data diubah di luar aplikasi ({v.problems.length} masalah).</strong>
              </div>
              <ul>
                {v.problems.slice(0, 20).map((p, i) => (
                  <li key={i}>{p.message}</li>
                ))}
              </ul>
            </div>
          )
        ) : (
          <span className="muted">{verify.error ? verify.error.message : 'Memeriksa rantai…'}</span>
        )}
      </Card>
      <div className="audit-filters">
        <Field label="Jenis tindakan">
          <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="audit-filter-action">
            {ACTION_GROUPS.map((g) => (
              <option key={g.prefix} value={g.prefix}>
                {g.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Oleh (nama)">
          <input className="input" value={who} onChange={(e) => setWho(e.target.value)} placeholder="cari nama…" />
        </Field>
        <span className="muted">{total !== undefined ? `${total} entri dalam log` : ''}</span>
      </div>
      <Table
        columns={columns}
        rows={entries}
        rowKey={(e) => String(e.seq)}
        aria-label="Log audit"
        empty={listError ? listError.message : 'Tidak ada entri untuk saringan ini.'}
      />
      {list.hasNextPage && (
        <div>
          <Button onClick={() => void list.fetchNextPage()} busy={list.isFetchingNextPage}>
            Muat entri yang lebih lama
          </Button>
        </div>
      )}
    </div>
  );
}
