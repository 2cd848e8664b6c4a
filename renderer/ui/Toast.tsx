// Toasts: short notices in the corner; errors stay until dismissed and show the reference id to quote.
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export interface ToastInput {
  kind?: 'info' | 'ok' | 'warn' | 'error';
  title: ReactNode;
  body?: ReactNode;
  /** Reference id of a logged unexpected error. */
  refId?: string;
  /** ms; errors default to sticky. */
  timeout?: number;
}

interface ToastItem extends ToastInput {
  id: number;
}

const ToastContext = createContext<(t: ToastInput) => void>(() => {});

export function useToast(): (t: ToastInput) => void {
  return useContext(ToastContext);
}

export function ToastProvider({ children }: { children: ReactNode }) {
  const [items, setItems] = useState<ToastItem[]>([]);
  const next = useRef(1);
  const dismiss = useCallback((id: number) => setItems((xs) => xs.filter((x) => x.id !== id)), []);
  const push = useCallback(
    (t: ToastInput) => {
      const id = next.current++;
      setItems((xs) => [...xs.slice(-2), { ...t, id }]); // at most three: more would cover the photo
      const timeout = t.timeout ?? (t.kind === 'error' ? 0 : 5000);
      if (timeout > 0) setTimeout(() => dismiss(id), timeout);
    },
    [dismiss],
  );
  const value = useMemo(() => push, [push]);
  return (
    <ToastContext.Provider value={value}>
      {children}
      <div className="toasts" aria-live="polite">
        {items.map((t) => (
          <div key={t.id} className={`toast toast-${t.kind ?? 'info'}`} role={t.kind === 'error' ? 'alert' : 'status'}>
            <div className="grow">
              <strong>{t.title}</strong>
              {t.body && <div>{t.body}</div>}
              {t.refId && (
                <div>
                  Kode referensi: <span className="ref">{t.refId}</span>
                </div>
              )}
            </div>
            <button
              type="button"
              className="btn btn-ghost btn-sm"
              onClick={() => dismiss(t.id)}
              aria-label="Tutup pemberitahuan"
            >
              ✕
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}
