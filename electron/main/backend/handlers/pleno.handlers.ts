// Handlers of the pleno feature (shared/contracts/pleno.contract.ts): thin mapping from validated input to the
// plenary services; expected refusals become failed Results (plenary-errors.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { plenoMethods } from '../../../../shared/contracts/pleno.contract';
import { fail, ok } from '../../../../shared/contracts/result';
import { asResult } from '../services/plenary/plenary-errors';
import { dashboardView, desaView, nextProblem, projectorView, tpsReview } from '../services/plenary/views.service';
import { delegate, membersView, startSession } from '../services/plenary/members.service';
import {
  accept,
  addKejadian,
  chooseSubmission,
  decideCorrection,
  proposeCorrection,
} from '../services/plenary/decisions.service';
import { listObjectionViews, raiseObjection, resolveObjection } from '../services/plenary/objections.service';
import { lockDesa, unlockDesa } from '../services/plenary/locks.service';
import { createFocusStore } from '../services/plenary/focus';
import { kejadianViews } from '../services/plenary/kejadian.service';
import { readPhoto } from '../services/photos/photo-store';
import { recap } from '../services/recap/recap.service';
import { loadSnapshot, requireMeta } from '../services/plenary/plenary-snapshot';

export function plenoHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof plenoMethods> {
  const focus = createFocusStore(ctx);
  return {
    handlers: {
      'pleno.dashboard': (i) => asResult(() => dashboardView(ctx, i.pemilihan)),
      'pleno.tps': (i) => asResult(() => tpsReview(ctx, i.pemilihan, i.tps)),
      'pleno.nextProblem': (i) => asResult(() => nextProblem(loadSnapshot(ctx, i.pemilihan), i.after)),
      'pleno.desa': (i) => asResult(() => desaView(ctx, i.pemilihan, i.desa)),
      'pleno.photo': (i) => {
        const r = readPhoto(ctx, i.sha256);
        if (!r.ok) return fail(r.reason === 'unknown' ? 'NOT_FOUND' : 'DB_ERROR', r.message);
        return ok({
          sha256: i.sha256,
          mime: r.ext === 'png' ? 'image/png' : 'image/jpeg',
          base64: Buffer.from(r.bytes).toString('base64'),
        });
      },
      'pleno.members': () => asResult(() => membersView(ctx)),
      'pleno.startSession': (i) => asResult(() => startSession(ctx, i.member)),
      'pleno.delegate': (i) => asResult(() => delegate(ctx, i.member, i.active, i.reason)),
      'pleno.accept': (i) => asResult(() => accept(ctx, i)),
      'pleno.proposeCorrection': (i) => asResult(() => proposeCorrection(ctx, i)),
      'pleno.decideCorrection': (i) => asResult(() => decideCorrection(ctx, i)),
      'pleno.raiseObjection': (i) => asResult(() => raiseObjection(ctx, i)),
      'pleno.resolveObjection': (i) => asResult(() => resolveObjection(ctx, i)),
      'pleno.objections': (i) => asResult(() => listObjectionViews(ctx, i.pemilihan)),
      'pleno.addKejadian': (i) => asResult(() => addKejadian(ctx, i)),
      'pleno.kejadian': (i) => asResult(() => kejadianViews(ctx, i.pemilihan)),
      'pleno.chooseSubmission': (i) => asResult(() => chooseSubmission(ctx, i)),
      'pleno.lockDesa': (i) => asResult(() => lockDesa(ctx, i)),
      'pleno.unlockDesa': (i) => asResult(() => unlockDesa(ctx, i)),
      'pleno.setFocus': (i) => ok(focus.set(i)),
      'pleno.focus': () => ok(focus.get()),
      'pleno.projector': () =>
        asResult(() => {
          if (!hasKecamatan(ctx)) return null;
          return projectorView(ctx, focus.get());
        }),
      'pleno.recap': (i) => {
        const r = recap(ctx, i.pemilihan);
        return r ? ok(r) : fail('NO_KECAMATAN', 'Belum ada data master kecamatan.');
      },
    },
  };
}

function hasKecamatan(ctx: BackendContext): boolean {
  try {
    requireMeta(ctx);
    return true;
  } catch {
    return false;
  }
}
