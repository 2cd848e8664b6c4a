// pleno penerima anggota|dokumen (docs/receiver-plenary.md): the KPU kab/kota members of a receiver's plenary
// (`--nama <n> --jabatan ketua|anggota [--pin <4–8 digits>]`) and the kab/kota documents (D.Hasil Kabupaten/Kota-KWK,
// D.Kejadian Khusus) from the command line. Exit 0 ok, 1 rejected, 2 usage.
import { writeFileSync } from 'node:fs';
import type { KabDocKind } from '../../../shared/documents/kabko-types';
import { addAnggota, setKabPin } from '../backend/services/penerima/pleno/kab-anggota.service';
import { issueKabDocument, kabDocumentFile } from '../backend/services/penerima/pleno/kab-documents.service';
import { options, parseCli, UsageError } from './command';
import { requireDb, withBackend } from './storage-cli';

export const PLENO_USAGE = `
  pleno penerima anggota --db <file> --nama <nama> --jabatan ketua|anggota [--pin <PIN>]
  pleno penerima dokumen d-hasil|kejadian-khusus --db <file> --pemilihan <id> --out <file.pdf> [--final] [--paper a4|f4] [--reason <text>]`;

async function anggota(argv: string[]): Promise<number> {
  const { values } = parseCli(argv, options(['db', 'nama', 'jabatan', 'pin']));
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

async function dokumen(argv: string[]): Promise<number> {
  const { values, positionals } = parseCli(argv, options(['db', 'pemilihan', 'out', 'paper', 'reason'], ['final']));
  const dbPath = requireDb(values.db);
  const kind = { 'd-hasil': 'd-hasil-kabko', 'kejadian-khusus': 'kejadian-kabko' }[positionals[0] ?? ''] as
    KabDocKind | undefined;
  if (!kind || positionals.length !== 1) throw new UsageError('dokumen d-hasil|kejadian-khusus');
  if (!values.pemilihan || !values.out) throw new UsageError('--pemilihan dan --out wajib / are required');
  if (values.paper !== undefined && values.paper !== 'a4' && values.paper !== 'f4')
    throw new UsageError('--paper a4|f4');
  const paper = values.paper as 'a4' | 'f4' | undefined;
  return withBackend('penerima dokumen', dbPath, { mustExist: true }, async (b) => {
    const r = await issueKabDocument(b.ctx, {
      kind,
      pemilihan: values.pemilihan!,
      final: values.final === true,
      ...(values.reason !== undefined ? { reason: values.reason } : {}),
      ...(paper ? { paper } : {}),
      actor: 'cli',
    });
    if (!r.ok) {
      process.stderr.write(`pleno penerima dokumen: ditolak: ${r.error.message}\n`);
      if (r.error.detail) process.stderr.write(`${r.error.detail}\n`);
      return 1;
    }
    const f = kabDocumentFile(b.ctx, r.value.id);
    if (!f.ok) return 1;
    writeFileSync(values.out!, f.value.bytes);
    const d = r.value;
    process.stdout.write(
      `${d.docId} versi ${d.version} ${d.final ? 'FINAL' : 'DRAF'}: ${d.pages} halaman, data sha256 ${d.dataSha256} → ${values.out}\n`,
    );
    return 0;
  });
}

export const plenoVerbs: Record<string, (argv: string[]) => Promise<number>> = { anggota, dokumen };
