// The first-run card that creates a simulation kecamatan: Hampang (30 TPS) or a large one of 600 TPS for practising
// the plenary at full size.
import { useState } from 'react';
import type { ApiError } from '../../../shared/contracts/result';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { StepStatus } from '../../ui/ProgressBar';
import { StatusPill } from '../../ui/StatusPill';
import { createDemo } from './setup-calls';

export function DemoCard({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState<'hampang' | 'besar' | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function onDemo(preset: 'hampang' | 'besar') {
    setBusy(preset);
    setError(null);
    const r = await createDemo({ preset });
    setBusy(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    onDone();
  }

  return (
    <Card
      title="Buat kecamatan simulasi"
      aria-label="Buat kecamatan simulasi"
      aside={<StatusPill tone="sim">SIMULASI</StatusPill>}
    >
      <p>
        Kecamatan dengan data C.Hasil sintetis dari semua TPS, termasuk beberapa kesalahan dan konflik untuk dilatih.
        Setiap layar dan dokumen ditandai <strong>SIMULASI</strong>.
      </p>
      <div className="row" style={{ gap: 12, flexWrap: 'wrap' }}>
        <Button size="lg" busy={busy === 'hampang'} disabled={busy !== null} onClick={() => void onDemo('hampang')}>
          Buat kecamatan simulasi
        </Button>
        <Button busy={busy === 'besar'} disabled={busy !== null} onClick={() => void onDemo('besar')}>
          Simulasi besar (600 TPS)
        </Button>
      </div>
      <StepStatus working={busy !== null} label="Membuat kecamatan simulasi" error={error}>
        Membuat kecamatan simulasi dan mengimpor hasil TPS… ini dapat memakan waktu{' '}
        {busy === 'besar' ? 'sekitar satu menit' : 'beberapa detik'}.
      </StepStatus>
    </Card>
  );
}
