// Handlers of the kab/kota plenary (shared/contracts/kabpleno.contract.ts). A kecamatan database answers every
// method with a clear sentence instead (the mode is explicit: docs/design.md §4).
import type { kabplenoMethods } from '../../../../shared/contracts/kabpleno.contract';
import { fail, ok, type Result } from '../../../../shared/contracts/result';
import type { BackendContext } from '../context';
import { getPenerima } from '../repositories/penerima.repo';
import { addAnggota, anggotaList, NOT_RECEIVER, setKabPin } from '../services/penerima/pleno/kab-anggota.service';
import {
  acceptKecamatan,
  addKejadian,
  closeKabKejadian,
  lockKecamatan,
  raiseKeberatan,
  resolveKeberatan,
  unlockKecamatan,
} from '../services/penerima/pleno/kab-decisions.service';
import { decideKabKoreksi, proposeKabKoreksi } from '../services/penerima/pleno/kab-koreksi.service';
import { issueKabDocument, kabDocumentFile } from '../services/penerima/pleno/kab-documents.service';
import { kabPlenoView } from '../services/penerima/pleno/kab-view';
import { listKabDokumen, type KabDokumen } from '../repositories/kab-pleno.repo';
import type { KabDokumenView } from '../../../../shared/contracts/kabpleno.contract';
import type { FeatureHandlers } from './index';
import { pick } from '../../../../shared/util/pick';

const VIEW = [
  'id',
  'docId',
  'kind',
  'pemilihan',
  'version',
  'pages',
  'dataSha256',
  'fileName',
  'issuedAt',
  'reason',
] as const;

/** What the screen lists of an issued kab/kota document (`final` stored as 0/1). */
function dokumenView(d: KabDokumen): KabDokumenView {
  return { ...pick(d, VIEW), final: d.final === 1 };
}

export function kabplenoHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof kabplenoMethods> {
  const receiver = <T>(body: () => Result<T>): Result<T> =>
    getPenerima(ctx.db) ? body() : fail('NO_KECAMATAN', NOT_RECEIVER);
  return {
    handlers: {
      'kabpleno.state': (i) => receiver(() => kabPlenoView(ctx, i.pemilihan)),
      'kabpleno.anggota': () => receiver(() => ok({ anggota: anggotaList(ctx) })),
      'kabpleno.addAnggota': (i) => receiver(() => addAnggota(ctx, i, 'operator')),
      'kabpleno.setPin': (i) => receiver(() => setKabPin(ctx, i)),
      'kabpleno.accept': (i) => receiver(() => acceptKecamatan(ctx, i)),
      'kabpleno.lock': (i) => receiver(() => lockKecamatan(ctx, i)),
      'kabpleno.unlock': (i) => receiver(() => unlockKecamatan(ctx, i)),
      'kabpleno.raiseKeberatan': (i) => receiver(() => raiseKeberatan(ctx, i)),
      'kabpleno.resolveKeberatan': (i) => receiver(() => resolveKeberatan(ctx, i)),
      'kabpleno.addKejadian': (i) => receiver(() => addKejadian(ctx, i)),
      'kabpleno.closeKejadian': (i) => receiver(() => closeKabKejadian(ctx, i)),
      'kabpleno.proposeKoreksi': (i) => receiver(() => proposeKabKoreksi(ctx, i)),
      'kabpleno.decideKoreksi': (i) => receiver(() => decideKabKoreksi(ctx, i)),
      'kabpleno.issue': async (i) => {
        if (!getPenerima(ctx.db)) return fail('NO_KECAMATAN', NOT_RECEIVER);
        const r = await issueKabDocument(ctx, { ...i, actor: 'operator' });
        return r.ok ? ok(dokumenView(r.value)) : r;
      },
      'kabpleno.documents': (i) =>
        receiver(() =>
          ok({
            dokumen: listKabDokumen(ctx.db)
              .filter((d) => d.pemilihan === i.pemilihan)
              .map(dokumenView),
          }),
        ),
      'kabpleno.file': (i) =>
        receiver(() => {
          const f = kabDocumentFile(ctx, i.id);
          if (!f.ok) return f;
          return ok({
            id: f.value.row.id,
            fileName: f.value.row.fileName,
            base64: Buffer.from(f.value.bytes).toString('base64'),
            sha256: f.value.row.fileSha256,
          });
        }),
    },
  };
}
