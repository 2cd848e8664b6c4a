// Words for the Dokumen screen: document kinds as the forms name them, issue times as a PPK reads them.
import type { DocKind } from '../../../shared/documents/types';
import { waktu } from '../../app/local-time';

export const KIND_LABELS: Record<DocKind, string> = {
  'd-hasil': 'D.Hasil Kecamatan',
  'kejadian-khusus': 'D.Kejadian Khusus',
};

/** The issue time as the document prints it: the kecamatan's local time with its zone (renderer/app/local-time.ts). */
export function formatIssued(iso: string): string {
  return waktu(iso);
}
