// Error boundary: a rendering bug shows a calm message with a reference id instead of a blank window.
import { Component, type ErrorInfo, type ReactNode } from 'react';

export function rendererRefId(): string {
  const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
  const bytes = crypto.getRandomValues(new Uint8Array(4));
  return 'R-' + Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}

interface State {
  error: Error | null;
  ref: string | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode; area?: string }, State> {
  override state: State = { error: null, ref: null };

  static getDerivedStateFromError(error: Error): State {
    return { error, ref: rendererRefId() };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(
      `[${this.state.ref ?? '?'}] render error in ${this.props.area ?? 'app'}:`,
      error,
      info.componentStack,
    );
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="card notice-danger" role="alert" style={{ margin: 24 }}>
        <h2>Bagian ini gagal ditampilkan</h2>
        <p>
          Terjadi kesalahan tak terduga pada tampilan{this.props.area ? ` ${this.props.area}` : ''}. Data yang sudah
          tersimpan tidak berubah.
        </p>
        <p>
          Kode referensi: <strong className="mono">{this.state.ref}</strong>
        </p>
        <div className="row">
          <button type="button" className="btn btn-primary" onClick={() => this.setState({ error: null, ref: null })}>
            Coba lagi
          </button>
          <button type="button" className="btn" onClick={() => window.location.reload()}>
            Muat ulang aplikasi
          </button>
        </div>
      </div>
    );
  }
}
