// Provides the query cache to the app and connects it to the backend's event stream for the window's lifetime.
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, type ReactNode } from 'react';
import { api } from './client';
import { startEventBridge } from './event-bridge';
import { queryClient } from './query-client';

export function ApiProvider({ children }: { children: ReactNode }) {
  useEffect(() => startEventBridge(queryClient, api), []);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}
