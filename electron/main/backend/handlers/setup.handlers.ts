// Handlers of the setup feature (shared/contracts/setup.contract.ts): data master preview/import and the demo.
import { fail, ok } from '../../../../shared/contracts/result';
import type { setupMethods } from '../../../../shared/contracts/setup.contract';
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import { importMaster, previewMaster } from '../services/master/master.service';
import { importItems, type ImportItem } from '../services/import/import.service';

function decodeBase64(s: string): Uint8Array | null {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return null;
  return new Uint8Array(Buffer.from(clean, clean.includes('-') || clean.includes('_') ? 'base64url' : 'base64'));
}

const badFile = () => fail('INVALID_INPUT', 'Isi berkas tidak terbaca (base64 tidak sah).');

export function setupHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof setupMethods> {
  return {
    handlers: {
      'setup.previewMaster': ({ contentBase64 }) => {
        const bytes = decodeBase64(contentBase64);
        if (!bytes) return badFile();
        const p = previewMaster(bytes);
        if (!p.ok) return fail(p.error.code, p.error.message, p.error.detail);
        const v = p.value;
        return ok({
          fingerprint: v.fingerprint,
          provinsi: v.provinsi,
          kabkota: v.kabkota,
          kecamatan: v.kecamatan,
          desa: v.desa,
          tps: v.tps,
          pemilihan: v.pemilihan,
          perangkat: v.perangkat,
          simulasi: v.simulasi,
        });
      },
      'setup.importMaster': ({ fileName, contentBase64, confirmFingerprint }) => {
        const bytes = decodeBase64(contentBase64);
        if (!bytes) return badFile();
        const r = importMaster(ctx, bytes, { fileName, confirmFingerprint, actor: 'operator' });
        if (!r.ok) return fail(r.error.code, r.error.message, r.error.detail);
        return ok({ kecamatan: r.value.kecamatan });
      },
      'setup.createDemo': async ({ preset, seed }) => {
        // Async: the besar preset draws ~1,200 photos; yielding between TPS keeps the backend answering meanwhile.
        // The demo generator (photo renderer, pngjs) loads only when a demo is asked for.
        const { generateDemoAsync } = await import('../services/demo/demo.service');
        const demo = await generateDemoAsync(seed === undefined ? { preset } : { preset, seed });
        const m = importMaster(ctx, demo.master.bytes, { fileName: 'master.json', actor: 'demo' });
        if (!m.ok) return fail(m.error.code, m.error.message, m.error.detail);
        const items: ImportItem[] = [
          ...demo.bundles.map((b): ImportItem => ({ name: `tps/${b.name}`, kind: 'bundle', bytes: b.bytes })),
          ...demo.envelopes.map((e): ImportItem => ({ name: `tps/${e.name}`, kind: 'envelope', bytes: e.bytes })),
          ...demo.qrTexts.map((q): ImportItem => ({
            name: `qr/${q.files[q.files.length - 1] ?? q.tps}`,
            kind: 'qr',
            texts: q.parts,
          })),
        ];
        const imported = { diterima: 0, duplikat: 0, konflik: 0, ditolak: 0 };
        const files = await importItems(ctx, items, undefined, { actor: 'demo' });
        for (const f of files) {
          if (f.status === 'ditolak') imported.ditolak += 1;
          for (const o of f.outcomes) if (o.status !== 'ditolak') imported[o.status] += 1;
        }
        return ok({ kecamatan: m.value.kecamatan, imported });
      },
    },
  };
}
