// The app chrome: header (kecamatan, SIMULASI banner), navigation, and the current feature screen.
import { Suspense } from 'react';
import type { SystemInfo } from '../../shared/contracts/system.contract';
import { ErrorBoundary } from './ErrorBoundary';
import { NAV, DEFAULT_ROUTE } from './routes';
import { PENERIMA_DEFAULT_ROUTE, PENERIMA_NAV } from '../features/penerima/penerima-nav';
import { href, type Route } from './router';
import { StatusPill } from '../ui/StatusPill';
import { ProgressBar } from '../ui/ProgressBar';
import { EmptyState } from '../ui/EmptyState';
import { TpsSearch } from './TpsSearch';
import { BackupControl } from './BackupControl';
import { rememberedPemilihan } from '../features/dashboard/pemilihan-choice';
import type { PemilihanId } from '../../shared/domain/model';

/** Shown on every screen of a demo database, the projector included: the room must never mistake it for results. */
export function SimulasiBanner({ info }: { info: SystemInfo }) {
  if (!info.kecamatan?.simulasi && !info.penerima?.simulasi) return null;
  return (
    <div className="sim-banner" role="note" data-testid="simulasi-banner">
      SIMULASI — data latihan, bukan hasil pemilihan sebenarnya
    </div>
  );
}

export function Header({ info }: { info: SystemInfo }) {
  const k = info.kecamatan;
  return (
    <>
      <SimulasiBanner info={info} />
      <header className="app-header">
        <span className="app-brand">PLENO</span>
        {info.penerima ? (
          <span className="app-kecamatan" data-testid="header-penerima">
            <strong>KPU Kabupaten/Kota {info.penerima.nama}</strong>{' '}
            <span className="muted">· penerima · {info.penerima.provinsi}</span>
          </span>
        ) : k ? (
          <span className="app-kecamatan" data-testid="header-kecamatan">
            <strong>Kecamatan {k.nama}</strong>{' '}
            <span className="muted">
              · {k.kabkota} · {k.provinsi}
            </span>
          </span>
        ) : (
          <span className="app-kecamatan">Rekapitulasi tingkat kecamatan</span>
        )}
        <span className="grow" />
        {k && <BackupControl />}
        {(k?.simulasi || info.penerima?.simulasi) && <StatusPill tone="sim">SIMULASI</StatusPill>}
      </header>
    </>
  );
}

export function Loading({ label = 'Memuat…' }: { label?: string }) {
  return (
    <div className="stack" style={{ padding: 32, maxWidth: 420 }}>
      <span className="muted">{label}</span>
      <ProgressBar label={label} />
    </div>
  );
}

/** The pemilihan in the address (Beranda, Pleno) or the one last chosen in this tab. */
function shownPemilihan(route: Route): PemilihanId | undefined {
  const p = route.name === 'beranda' || route.name === 'pleno' ? route.params[0] : undefined;
  return (p as PemilihanId | undefined) ?? rememberedPemilihan();
}

export function Shell({ info, route }: { info: SystemInfo; route: Route }) {
  // A receiver (kab/kota) database has its own screens (features/penerima).
  const nav = info.penerima ? PENERIMA_NAV : NAV;
  const home = info.penerima ? PENERIMA_DEFAULT_ROUTE : DEFAULT_ROUTE;
  const name = route.name || home;
  const item = nav.find((n) => n.name === name);
  return (
    <div className="app">
      <Header info={info} />
      <nav className="app-nav" aria-label="Navigasi utama">
        {nav
          .filter((n) => !n.hidden)
          .map((n) => (
            <a key={n.name} href={href(`/${n.name}`)} aria-current={n.name === name ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        {!info.penerima && <TpsSearch pemilihan={shownPemilihan(route)} />}
      </nav>
      <main className="app-main" id="main">
        {item ? (
          <ErrorBoundary key={item.name} area={item.label}>
            <Suspense fallback={<Loading />}>
              <item.Screen />
            </Suspense>
          </ErrorBoundary>
        ) : (
          <EmptyState
            title="Halaman tidak ditemukan"
            action={
              <a href={href(`/${home}`)}>{info.penerima ? 'Kembali ke daftar kecamatan' : 'Kembali ke Beranda'}</a>
            }
          >
            Alamat <code>#{route.path}</code> tidak dikenal.
          </EmptyState>
        )}
      </main>
    </div>
  );
}
