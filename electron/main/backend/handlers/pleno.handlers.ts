// Handlers of the pleno feature (shared/contracts/pleno.contract.ts): thin mapping from validated input to the
// plenary services, which return Results (refusals are values: shared/domain/result.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { plenoMethods } from '../../../../shared/contracts/pleno.contract';
import { fail, ok } from '../../../../shared/contracts/result';
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
      'pleno.dashboard': (i) => dashboardView(ctx, i.pemilihan),
      'pleno.tps': (i) => tpsReview(ctx, i.pemilihan, i.tps),
      'pleno.nextProblem': (i) => {
        const snap = loadSnapshot(ctx, i.pemilihan);
        return snap.ok ? ok(nextProblem(snap.value, i.after)) : snap;
      },
      'pleno.desa': (i) => desaView(ctx, i.pemilihan, i.desa),
      'pleno.photo': (i) => {
        const r = readPhoto(ctx, i.sha256);
        if (!r.ok) return fail(r.reason === 'unknown' ? 'NOT_FOUND' : 'DB_ERROR', r.message);
        return ok({
          sha256: i.sha256,
          mime: r.ext === 'png' ? 'image/png' : 'image/jpeg',
          base64: Buffer.from(r.bytes).toString('base64'),
        });
      },
      'pleno.members': () => membersView(ctx),
      'pleno.startSession': (i) => startSession(ctx, i.member),
      'pleno.delegate': (i) => delegate(ctx, i.member, i.active, i.reason),
      'pleno.accept': (i) => accept(ctx, i),
      'pleno.proposeCorrection': (i) => proposeCorrection(ctx, i),
      'pleno.decideCorrection': (i) => decideCorrection(ctx, i),
      'pleno.raiseObjection': (i) => raiseObjection(ctx, i),
      'pleno.resolveObjection': (i) => resolveObjection(ctx, i),
      'pleno.objections': (i) => ok(listObjectionViews(ctx, i.pemilihan)),
      'pleno.addKejadian': (i) => addKejadian(ctx, i),
      'pleno.kejadian': (i) => ok(kejadianViews(ctx, i.pemilihan)),
      'pleno.chooseSubmission': (i) => chooseSubmission(ctx, i),
      'pleno.lockDesa': (i) => lockDesa(ctx, i),
      'pleno.unlockDesa': (i) => unlockDesa(ctx, i),
      'pleno.setFocus': (i) => ok(focus.set(i)),
      'pleno.focus': () => ok(focus.get()),
      'pleno.projector': () => (requireMeta(ctx).ok ? projectorView(ctx, focus.get()) : ok(null)),
      'pleno.recap': (i) => {
        const r = recap(ctx, i.pemilihan);
        return r ? ok(r) : fail('NO_KECAMATAN', 'Belum ada data master kecamatan.');
      },
    },
  };
}
