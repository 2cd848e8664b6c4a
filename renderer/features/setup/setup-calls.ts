// The setup calls (implemented by the storage feature). Typed here by their documented shapes and called through
// callUntyped until shared/contracts/setup.contract.ts declares them; then these wrappers become plain api.call.
import { callUntyped } from '../../api/client';
import type { Result } from '../../../shared/contracts/result';

export interface MasterPreview {
  /** Signer key fingerprint: 16 hex digits (grouped by 4 for display). */
  fingerprint: string;
  provinsi: { kode: string; nama: string };
  kabkota: { kode: string; nama: string };
  kecamatan: { kode: string; nama: string };
  desa: number;
  tps: number;
  pemilihan: { id: string; nama: string }[];
  perangkat: number;
  simulasi: boolean;
}

export interface DemoCreated {
  kecamatan: { kode: string; nama: string };
  imported: { diterima: number; duplikat: number; konflik: number; ditolak: number };
}

export const previewMaster = (input: { fileName: string; contentBase64: string }): Promise<Result<MasterPreview>> =>
  callUntyped('setup.previewMaster', input);

export const importMaster = (input: { fileName: string; contentBase64: string; confirmFingerprint: string }): Promise<
  Result<{ kecamatan: { kode: string; nama: string } }>
> => callUntyped('setup.importMaster', input);

export const createDemo = (input: { preset: 'hampang' | 'besar'; seed?: number }): Promise<Result<DemoCreated>> =>
  callUntyped('setup.createDemo', input);

/** `a1b2c3d4e5f60718` → `a1b2 c3d4 e5f6 0718` (idempotent on an already grouped value). */
export function groupFingerprint(fp: string): string {
  return fp.replace(/\s+/g, '').replace(/(.{4})(?=.)/g, '$1 ');
}

export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.onload = () => {
      const s = String(reader.result);
      resolve(s.slice(s.indexOf(',') + 1));
    };
    reader.readAsDataURL(file);
  });
}
