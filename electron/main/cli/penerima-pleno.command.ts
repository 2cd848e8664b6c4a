// pleno penerima anggota (docs/receiver-plenary.md): the KPU kab/kota members of a receiver's plenary from the
// command line — `--nama <n> --jabatan ketua|anggota [--pin <4–8 digits>]`. Exit 0 ok, 1 rejected, 2 usage.
import { addAnggota, setKabPin } from '../backend/services/penerima/pleno/kab-anggota.service';
import { parseCli, UsageError } from './command';
import { requireDb, withBackend } from './storage-cli';

export const PLENO_USAGE = `
  pleno penerima anggota --db <file> --nama <nama> --jabatan ketua|anggota [--pin <PIN>]`;

async function anggota(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, {
    db: { type: 'string' },
    nama: { type: 'string' },
    jabatan: { type: 'string' },
    pin: { type: 'string' },
  });
  const dbPath = requireDb(values.db);
  if (!values.nama) throw new UsageError('--nama wajib / is required');
  if (values.jabatan !== 'ketua' && values.jabatan !== 'anggota')
    throw new UsageError('--jabatan ketua|anggota wajib / is required');
  const jabatan = values.jabatan;
  return withBackend('penerima anggota', dbPath, { mustExist: true }, (b) => {
    const r = addAnggota(b.ctx, { nama: values.nama!, jabatan }, 'cli');
    if (!r.ok) {
      process.stderr.write(`pleno penerima anggota: ditolak: ${r.error.message}\n`);
      return 1;
    }
    if (values.pin !== undefined) {
      const p = setKabPin(b.ctx, { nama: r.value.nama, pin: values.pin });
      if (!p.ok) {
        process.stderr.write(`pleno penerima anggota: PIN ditolak: ${p.error.message}\n`);
        return 1;
      }
    }
    const pin = values.pin !== undefined ? ', PIN diatur' : '';
    process.stdout.write(`${r.value.nama} terdaftar sebagai ${jabatan === 'ketua' ? 'Ketua' : 'Anggota'} KPU${pin}\n`);
    return 0;
  });
}

export const plenoVerbs: Record<string, (argv: string[]) => Promise<number>> = { anggota };
