// Log Audit: every recorded change as a sentence a PPK reads, newest first, with its desa and TPS; filterable by
// kind, desa, TPS and person; older entries a page at a time; a click opens the entry's technical detail. Above it,
// the hash chain's verification (audit.verify).
import { useMemo, useState } from 'react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { apiErrorOf, apiKey, callOrThrow } from '../../api/query-client';
import { Button } from '../../ui';
import type { ReadableAuditEntry } from '../../../shared/contracts/audit.contract';
import { AuditChainCard } from './AuditChainCard';
import { waktu } from '../../app/local-time';
import { AuditFilters, KIND_LABEL, type AuditFilter } from './AuditFilters';
import '../plenary/plenary.css';
import './audit.css';

const PAGE = 100;
const when = (iso: string) => waktu(iso);

function AuditRow({ e }: { e: ReadableAuditEntry }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="audit-row" data-testid="audit-row">
      <button type="button" className="audit-line" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="audit-time">{when(e.at)}</span>
        <span className="audit-sentence">{e.sentence}</span>
      </button>
      {open && (
        <dl className="facts audit-detail" data-testid="audit-detail">
          <dt>Nomor entri</dt>
          <dd>{e.seq}</dd>
          <dt>Jenis</dt>
          <dd>{Object.hasOwn(KIND_LABEL, e.kind) ? KIND_LABEL[e.kind] : e.kind}</dd>
          <dt>Tempat</dt>
          <dd>
            {e.desa ? `Desa ${e.desa.nama}${e.tpsNomor ? ` TPS ${String(e.tpsNomor).padStart(3, '0')}` : ''}` : '—'}
          </dd>
          <dt>Kode tindakan</dt>
          <dd>
            <code>{e.action}</code>
          </dd>
          <dt>Hash entri</dt>
          <dd className="hash">{e.hash}</dd>
        </dl>
      )}
    </li>
  );
}

export default function AuditScreen() {
  const [f, setF] = useState<AuditFilter>({ kind: '', desa: '', nomor: '', actor: '' });
  const input = useMemo(
    () => ({
      limit: PAGE,
      ...(f.kind ? { kind: f.kind } : {}),
      ...(f.desa ? { desa: f.desa } : {}),
      ...(f.desa && f.nomor ? { tps: `${f.desa}${f.nomor.padStart(3, '0')}` } : {}),
      ...(f.actor.trim() ? { actor: f.actor.trim() } : {}),
    }),
    [f],
  );
  const list = useInfiniteQuery({
    queryKey: [...apiKey('audit.readable', input), 'pages'],
    queryFn: ({ pageParam }) =>
      callOrThrow('audit.readable', pageParam === null ? input : { ...input, before: pageParam }),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
    placeholderData: keepPreviousData,
  });
  const entries = list.data?.pages.flatMap((p) => p.entries) ?? [];
  const error = apiErrorOf(list.error);
  return (
    <div className="stack" data-testid="audit">
      <h1>Log Audit</h1>
      <AuditChainCard />
      <AuditFilters f={f} set={setF} />
      <ol className="audit-list" aria-label="Log audit">
        {entries.map((e) => (
          <AuditRow key={e.seq} e={e} />
        ))}
      </ol>
      {entries.length === 0 && (
        <p className="muted">
          {error ? error.message : list.isFetching ? 'Memuat…' : 'Tidak ada entri untuk saringan ini.'}
        </p>
      )}
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
