// The root: loads system.info, then shows the startup-error screen, the first-run screen, the projector, or the shell.
import { setKecamatanZone } from './local-time';
import { Suspense, useEffect, useState } from 'react';
import { useApiEvent, useApiQuery } from '../api/hooks';
import { ApiProvider } from '../api/ApiProvider';
import { onUnexpectedError } from '../api/client';
import { ToastProvider, useToast } from '../ui/Toast';
import { ErrorBoundary, rendererRefId } from './ErrorBoundary';
import { ConnectionErrorScreen, StartupErrorScreen } from './StartupErrorScreen';
import { Header, Loading, Shell, SimulasiBanner } from './Shell';
import { ProjectorScreen } from './routes';
import { ConnectionBanner } from './ConnectionBanner';
import { IntegrityBanner } from './IntegrityBanner';
import { RestoreDialog } from './RestoreDialog';
import { useRoute } from './router';
import { SystemInfoContext } from './system-info';
import { SetupScreen } from '../features/setup/SetupScreen';
import { PeranChoice } from '../features/penerima/PeranChoice';
import { isBenignBrowserNotice } from './browser-notice';

export function App() {
  return (
    <ErrorBoundary area="aplikasi">
      <ApiProvider>
        <ToastProvider>
          <Root />
        </ToastProvider>
      </ApiProvider>
    </ErrorBoundary>
  );
}

function useUnexpectedErrorToasts(): void {
  const toast = useToast();
  useEffect(() => {
    const off = onUnexpectedError((e) =>
      toast({
        kind: 'error',
        title: 'Terjadi kesalahan tak terduga',
        body: e.message,
        ...(e.ref ? { refId: e.ref } : {}),
      }),
    );
    const onError = (event: ErrorEvent | PromiseRejectionEvent) => {
      if (isBenignBrowserNotice(event)) return;
      const ref = rendererRefId();
      console.error(`[${ref}]`, 'reason' in event ? event.reason : event.error);
      toast({
        kind: 'error',
        title: 'Terjadi kesalahan tak terduga pada tampilan',
        body: 'Data yang tersimpan tidak berubah.',
        refId: ref,
      });
    };
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onError);
    return () => {
      off();
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onError);
    };
  }, [toast]);
}

/** Desktop: the backend process stopped, came back with its database re-checked, or stays down (its own words). */
function useBackendStateToasts(): void {
  const toast = useToast();
  useApiEvent('backend-state', (e) =>
    toast({
      kind: e.state === 'ready' ? (e.recheckOk === false ? 'warn' : 'ok') : 'error',
      title: e.state === 'ready' ? 'Layanan data Pleno berjalan lagi' : 'Layanan data Pleno berhenti',
      body: e.message,
    }),
  );
}

function Root() {
  useUnexpectedErrorToasts();
  useBackendStateToasts();
  const route = useRoute();
  const info = useApiQuery('system.info', {});
  // Opened from the start-up screen of an unreadable file; it stays (same place in the tree) when the restored
  // database opens and the shell replaces that screen, to say where the old file is kept.
  const [restoring, setRestoring] = useState(false);
  const restoreDialog = <RestoreDialog open={restoring} onClose={() => setRestoring(false)} />;

  if (!info.data) {
    if (info.loading) return <Loading label="Menghubungkan ke Pleno…" />;
    return <ConnectionErrorScreen error={info.error} onRetry={info.reload} />;
  }
  const system = info.data;
  if (system.startupError)
    return (
      <>
        <StartupErrorScreen info={system} error={system.startupError} onRestore={() => setRestoring(true)} />
        {restoreDialog}
      </>
    );

  let body;
  if (system.kecamatan === null && !system.penerima) {
    body = (
      <div className="app">
        <Header info={system} />
        <main className="app-main" id="main">
          <PeranChoice onDone={info.reload} kecamatan={<SetupScreen onDone={info.reload} />} />
        </main>
      </div>
    );
  } else if (route.name === 'proyektor') {
    body = (
      <ErrorBoundary area="proyektor">
        <SimulasiBanner info={system} />
        <Suspense fallback={<Loading />}>
          <ProjectorScreen />
        </Suspense>
      </ErrorBoundary>
    );
  } else {
    body = <Shell info={system} route={route} />;
  }
  // Every time shown is the kecamatan's (or the receiver's kab/kota's) local time (local-time.ts).
  setKecamatanZone(system.kecamatan?.kode ?? system.penerima?.kode ?? null);
  return (
    <>
      <SystemInfoContext.Provider value={{ info: system, reload: info.reload }}>
        <ConnectionBanner />
        <IntegrityBanner projector={route.name === 'proyektor'} />
        {body}
      </SystemInfoContext.Provider>
      {restoreDialog}
    </>
  );
}
