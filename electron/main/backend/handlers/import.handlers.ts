// Handlers of the import feature (shared/contracts/import.contract.ts). Work in progress: methods land one by one.
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { importMethods } from '../../../../shared/contracts/import.contract';
import { fail } from '../../../../shared/contracts/result';

const notYet = () => fail('NOT_FOUND', 'Fitur ini belum tersedia.');

export function importHandlers(_ctx: BackendContext): FeatureHandlers<keyof typeof importMethods> {
  return {
    handlers: {
      'import.files': notYet,
      'import.drives': notYet,
      'import.fromDrive': notYet,
      'import.qrText': notYet,
      'import.qrImage': notYet,
      'import.qrReset': notYet,
      'import.lanStart': notYet,
      'import.lanStop': notYet,
      'import.lanStatus': notYet,
      'import.manualTargets': notYet,
      'import.manualStatus': notYet,
      'import.manualSubmit': notYet,
    },
  };
}
