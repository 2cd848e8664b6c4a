// The loaded system.info (kecamatan, mode, database) for any screen: `useSystemInfo()`.
import { createContext, useContext } from 'react';
import type { SystemInfo } from '../../shared/contracts/system.contract';

export const SystemInfoContext = createContext<{ info: SystemInfo; reload: () => void } | null>(null);

export function useSystemInfo(): { info: SystemInfo; reload: () => void } {
  const v = useContext(SystemInfoContext);
  if (!v) throw new Error('useSystemInfo outside the app shell');
  return v;
}
