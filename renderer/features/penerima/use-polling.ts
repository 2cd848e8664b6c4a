// What arrives from outside the app (kecamatan pushes on the receiver port, drives plugged in) is not an app event:
// the receiver screens read it again every few seconds while they are open.
import { useEffect } from 'react';

/** Calls `reload` every `ms` while the component is mounted and `on` holds. */
export function usePolling(reload: () => void, ms: number, on = true): void {
  useEffect(() => {
    if (!on) return;
    const t = setInterval(reload, ms);
    return () => clearInterval(t);
  }, [reload, ms, on]);
}
