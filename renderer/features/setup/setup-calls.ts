// The setup calls (shared/contracts/setup.contract.ts, implemented by the storage feature) and file helpers.
import { runCommand } from '../../api/query-client';
import type { MasterPreviewView } from '../../../shared/contracts/setup.contract';

export type MasterPreview = MasterPreviewView;

export const previewMaster = (input: { fileName: string; contentBase64: string }) =>
  runCommand('setup.previewMaster', input);

export const importMaster = (input: { fileName: string; contentBase64: string; confirmFingerprint: string }) =>
  runCommand('setup.importMaster', input);

export const createDemo = (input: { preset: 'hampang' | 'besar'; seed?: number }) =>
  runCommand('setup.createDemo', input);

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
