// Cetak (the PDF itself, renderer/api/print.ts) and Unduh PDF of a kept document: the same pair of buttons on the
// kecamatan's Dokumen screen and the kab/kota plenary's documents.
import { Button } from '../../ui/Button';
import type { useFileActions } from './document-actions';

export function FileButtons({ a }: { a: Pick<ReturnType<typeof useFileActions>, 'busy' | 'print' | 'download'> }) {
  return (
    <>
      <Button size="sm" onClick={() => void a.print()} busy={a.busy === 'print'}>
        Cetak
      </Button>
      <Button size="sm" onClick={() => void a.download()} busy={a.busy === 'download'}>
        Unduh PDF
      </Button>
    </>
  );
}
