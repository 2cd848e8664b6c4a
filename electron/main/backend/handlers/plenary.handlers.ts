// Handlers of the pleno feature (shared/contracts/plenary.contract.ts): thin mapping from validated input to the
// plenary services, which return Results (refusals are values: shared/domain/result.ts).
import type { BackendContext } from '../context';
import type { FeatureHandlers } from './index';
import type { plenaryMethods } from '../../../../shared/contracts/plenary.contract';
import { fail, ok } from '../../../../shared/contracts/result';
import { dashboardView, desaView, nextProblem, projectorView, tpsReview } from '../services/plenary/views.service';
import { membersView, startSession } from '../services/plenary/members.service';
import { delegate } from '../services/plenary/delegation.service';
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
import { closeKejadian, kejadianViews } from '../services/plenary/kejadian.service';
import { resetKetuaPin, resetPin, setPin } from '../services/plenary/pins.service';
import { withdrawDecision } from '../services/plenary/withdraw.service';
import { recordHadir, sidangAction, sidangView, withdrawHadir } from '../services/plenary/sidang.service';
import { readPhoto } from '../services/photos/photo-store';
import { recap } from '../services/recap/recap.service';
import { loadSnapshot, requireMeta } from '../services/plenary/plenary-snapshot';

export function plenaryHandlers(ctx: BackendContext): FeatureHandlers<keyof typeof plenaryMethods> {
  const focus = createFocusStore(ctx);
  return {
    handlers: {
      'plenary.dashboard': (i) => dashboardView(ctx, i.pemilihan),
      'plenary.tps': (i) => tpsReview(ctx, i.pemilihan, i.tps),
      'plenary.nextProblem': (i) => {
        const snap = loadSnapshot(ctx, i.pemilihan);
        return snap.ok ? ok(nextProblem(snap.value, i.after)) : snap;
      },
      'plenary.desa': (i) => desaView(ctx, i.pemilihan, i.desa),
      'plenary.photo': (i) => {
        const r = readPhoto(ctx, i.sha256);
        if (!r.ok) return fail(r.reason === 'unknown' ? 'NOT_FOUND' : 'DB_ERROR', r.message);
        return ok({
          sha256: i.sha256,
          mime: r.ext === 'png' ? 'image/png' : 'image/jpeg',
          base64: Buffer.from(r.bytes).toString('base64'),
        });
      },
      'plenary.members': () => membersView(ctx),
      'plenary.startSession': (i) => startSession(ctx, i.member),
      'plenary.delegate': (i) => delegate(ctx, i),
      'plenary.accept': (i) => accept(ctx, i),
      'plenary.proposeCorrection': (i) => proposeCorrection(ctx, i),
      'plenary.decideCorrection': (i) => decideCorrection(ctx, i),
      'plenary.raiseObjection': (i) => raiseObjection(ctx, i),
      'plenary.resolveObjection': (i) => resolveObjection(ctx, i),
      'plenary.objections': (i) => ok(listObjectionViews(ctx, i.pemilihan)),
      'plenary.addKejadian': (i) => addKejadian(ctx, i),
      'plenary.kejadian': (i) => ok(kejadianViews(ctx, i.pemilihan)),
      'plenary.chooseSubmission': (i) => chooseSubmission(ctx, i),
      'plenary.lockDesa': (i) => lockDesa(ctx, i),
      'plenary.unlockDesa': (i) => unlockDesa(ctx, i),
      'plenary.setFocus': (i) => ok(focus.set(i)),
      'plenary.focus': () => ok(focus.get()),
      'plenary.projector': () => (requireMeta(ctx).ok ? projectorView(ctx, focus.get()) : ok(null)),
      'plenary.setPin': (i) => setPin(ctx, i),
      'plenary.resetPin': (i) => resetPin(ctx, i),
      'plenary.resetKetuaPin': (i) => resetKetuaPin(ctx, i),
      'plenary.withdraw': (i) => withdrawDecision(ctx, i),
      'plenary.sidang': () => sidangView(ctx),
      'plenary.sidangAction': (i) => sidangAction(ctx, i),
      'plenary.recordHadir': (i) => recordHadir(ctx, i),
      'plenary.withdrawHadir': (i) => withdrawHadir(ctx, i),
      'plenary.closeKejadian': (i) => closeKejadian(ctx, i),
      'plenary.recap': (i) => {
        const r = recap(ctx, i.pemilihan);
        return r ? ok(r) : fail('NO_KECAMATAN', 'Belum ada data master kecamatan.');
      },
    },
  };
}
