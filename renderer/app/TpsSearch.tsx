// The search box in the navigation bar: "/" from any screen focuses it; typing a TPS number, a desa name, or both
// lists matches; Enter opens the TPS in Pleno (or the desa on Beranda). Escape closes it and returns focus.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useApiQuery } from '../api/hooks';
import { navigate } from './router';
import { searchTps, type SearchDesa, type SearchHit } from './tps-search';
import { nomorTps } from '../features/dashboard/tile-status';
import type { PemilihanId } from '../../shared/domain/model';
import './search.css';

const isTyping = (t: EventTarget | null): boolean => {
  const el = t as HTMLElement | null;
  return (
    !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)
  );
};

/** "/" focuses the box unless the person is typing in a field or a dialog is open. */
function useSlashShortcut(input: React.RefObject<HTMLInputElement | null>, opener: React.RefObject<Element | null>) {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      e.preventDefault();
      opener.current = document.activeElement;
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [input, opener]);
}

function hitText(h: SearchHit): string {
  return h.kind === 'tps'
    ? `${h.desaNama} · TPS ${nomorTps(h.nomor)}`
    : `Desa ${h.desaNama} · ${h.tpsCount} TPS (tampilkan di Beranda)`;
}

function go(h: SearchHit, pemilihan: PemilihanId | undefined, fallback: PemilihanId | undefined): void {
  const pem = pemilihan ?? fallback;
  if (h.kind === 'tps') navigate('/pleno', ...(pem ? [pem, h.tps] : []));
  else window.location.hash = `#/beranda${pem ? `/${pem}` : ''}?desa=${h.desaKode}`;
}

export function TpsSearch({ pemilihan }: { pemilihan: PemilihanId | undefined }) {
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const opener = useRef<Element | null>(null);
  const listId = useId();
  useSlashShortcut(input, opener);
  const q = useApiQuery('plenary.dashboard', pemilihan ? { pemilihan } : {}, { enabled: open });
  const desa: SearchDesa[] = useMemo(
    () => (q.data?.desa ?? []).map((d) => ({ kode: d.kode, nama: d.nama, tps: d.tiles })),
    [q.data],
  );
  const hits = useMemo(() => searchTps(desa, text), [desa, text]);
  const shown = open && text.trim() !== '';

  const close = (restore: boolean) => {
    setOpen(false);
    setText('');
    setActive(0);
    if (restore && opener.current instanceof HTMLElement) opener.current.focus();
    else input.current?.blur();
    opener.current = null;
  };
  const choose = (h: SearchHit | undefined) => {
    if (!h) return;
    go(h, pemilihan, q.data?.pemilihan.id);
    close(false);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, Math.max(hits.length - 1, 0)));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter') choose(hits[active]);
    else if (e.key === 'Escape') close(true);
    else return;
    e.preventDefault();
  };

  return (
    <div className="tps-search" role="search">
      <input
        ref={input}
        type="search"
        role="combobox"
        aria-label="Cari TPS atau desa"
        aria-expanded={shown}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={shown && hits[active] ? `${listId}-${active}` : undefined}
        placeholder="Cari TPS / desa  ( / )"
        value={text}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        data-testid="tps-search"
      />
      {shown && <SearchResults listId={listId} hits={hits} active={active} loaded={!!q.data} choose={choose} />}
    </div>
  );
}

function SearchResults(props: {
  listId: string;
  hits: SearchHit[];
  active: number;
  loaded: boolean;
  choose: (h: SearchHit) => void;
}) {
  const { listId, hits, active, loaded, choose } = props;
  return (
    <ul id={listId} role="listbox" aria-label="Hasil pencarian" className="tps-search-list">
      {hits.length === 0 && (
        <li className="muted" role="option" aria-selected={false} aria-disabled="true">
          {loaded ? 'Tidak ada TPS atau desa yang cocok' : 'Memuat daftar TPS…'}
        </li>
      )}
      {hits.map((h, i) => (
        <li
          key={h.kind === 'tps' ? h.tps : `d${h.desaKode}`}
          id={`${listId}-${i}`}
          role="option"
          aria-selected={i === active}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => choose(h)}
        >
          {hitText(h)}
        </li>
      ))}
    </ul>
  );
}
