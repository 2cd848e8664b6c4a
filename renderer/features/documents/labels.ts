// Words for the Dokumen screen: document kinds as the forms name them, issue times as a PPK reads them.
import type { DocKind } from '../../../shared/documents/types';

export const KIND_LABELS: Record<DocKind, string> = {
  'd-hasil': 'D.Hasil Kecamatan',
  'kejadian-khusus': 'D.Kejadian Khusus',
};

export function formatIssued(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}.${m[5]}` : iso;
}
