// First-run screen (no kecamatan yet): import the signed data master after confirming the signer's fingerprint,
// create a simulation kecamatan for training, or restore a backup from a drive.
import { MasterImportCard } from './MasterImportCard';
import { DemoCard } from './DemoCard';
import { RestoreBackupCard } from './RestoreBackupCard';

export function SetupScreen({ onDone }: { onDone: () => void }) {
  return (
    <div className="stack" style={{ gap: 24 }}>
      <div>
        <h1>Selamat datang di Pleno</h1>
        <p className="muted">
          Basis data ini belum berisi kecamatan. Mulailah dengan data master yang ditandatangani KPU kabupaten/kota,
          buat kecamatan simulasi untuk latihan, atau pulihkan cadangan dari laptop lain.
        </p>
      </div>
      <div className="grid-2">
        <MasterImportCard onDone={onDone} />
        <DemoCard onDone={onDone} />
        <RestoreBackupCard onDone={onDone} />
      </div>
    </div>
  );
}
