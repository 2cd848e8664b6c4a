// The KPU Kabupaten Kotabaru members of the kotabaru demo (SIMULASI): a ketua with the demo PIN and four anggota,
// so the receiver's plenary can be run at once (docs/receiver-plenary.md).
import type { BackendContext } from '../../../context';
import { addAnggota, setKabPin } from './kab-anggota.service';

export const DEMO_KAB_ANGGOTA = [
  { nama: 'Rusdiansyah Noor', jabatan: 'ketua' },
  { nama: 'Fitriani Hasanah', jabatan: 'anggota' },
  { nama: 'Muhammad Ridwan', jabatan: 'anggota' },
  { nama: 'Nor Aisyah', jabatan: 'anggota' },
  { nama: 'Ahmad Jailani', jabatan: 'anggota' },
] as const;

export function seedKabAnggota(ctx: BackendContext, ketuaPin: string): void {
  for (const a of DEMO_KAB_ANGGOTA) {
    const r = addAnggota(ctx, a, 'demo');
    if (!r.ok) throw new Error(`kotabaru demo: anggota ${a.nama}: ${r.error.message}`);
  }
  const pin = setKabPin(ctx, { nama: DEMO_KAB_ANGGOTA[0].nama, pin: ketuaPin });
  if (!pin.ok) throw new Error(`kotabaru demo: PIN ketua: ${pin.error.message}`);
}
