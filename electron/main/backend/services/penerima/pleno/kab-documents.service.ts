// Issuing the kab/kota documents of a receiver (docs/receiver-plenary.md): D.Hasil Kabupaten/Kota-KWK and its
// D.Kejadian Khusus, drawn by the same engine as the kecamatan documents, signed with the receiver key, kept under
// <dataDir>/documents/ and recorded (row + audit entry) in one command. A final only when every kecamatan is locked
// and no keberatan is open; before that drafts (DRAF). After a final, a reissue needs a reason.
import type { KabDocKind, KabDocMeta } from '../../../../../../shared/documents/kabko-types';
import { LAYOUT_VERSION, type PaperSize } from '../../../../../../shared/documents/types';
import { fail, ok, type Result } from '../../../../../../shared/domain/result';
import type { BackendContext } from '../../../context';
import { signBytes } from '../../../crypto';
import {
  insertKabDokumen,
  latestKabDokumenVersion,
  listKabDokumen,
  type KabDokumen,
} from '../../../repositories/kab-pleno.repo';
import {
  commonMeta,
  issuedColumns,
  keptFile,
  reissueReason,
  serialised,
  signAndKeep,
  sumsRefusal,
} from '../../documents/issue';
import { kabDHasilData, kabDocumentSumErrors, kabHeader, kabKejadianData } from './kab-document-data';
import { loadKabSnapshot } from './kab-snapshot';

export interface KabIssueInput {
  kind: KabDocKind;
  pemilihan: string;
  final?: boolean;
  reason?: string;
  paper?: PaperSize;
  actor: string;
}

const CODE: Record<KabDocKind, string> = { 'd-hasil-kabko': 'DHASILKAB', 'kejadian-kabko': 'DKEJADIANKAB' };

/** Issues a draft or final kab/kota document (serialised per database, as the kecamatan documents: issue.ts). */
export function issueKabDocument(ctx: BackendContext, input: KabIssueInput): Promise<Result<KabDokumen>> {
  return serialised(ctx.db, () => issueNow(ctx, input));
}

async function issueNow(ctx: BackendContext, input: KabIssueInput): Promise<Result<KabDokumen>> {
  const snap = loadKabSnapshot(ctx.db, input.pemilihan);
  if (!snap.ok) return snap;
  const { me, pemilihan: p, model } = snap.value;
  const final = input.final === true;
  if (final && !model.final.final)
    return fail(
      'CONFLICT',
      `Dokumen final belum dapat diterbitkan: ${model.final.reasons.join(' ')} Terbitkan sebagai draf.`,
      model.final.reasons.join('\n'),
    );
  const issuedFinal = listKabDokumen(ctx.db).some((d) => d.kind === input.kind && d.pemilihan === p.id && d.final);
  const reason = reissueReason(input.reason, issuedFinal);
  if (!reason.ok) return reason;
  const signer = { publicKey: me.publicKey, sign: (b: Uint8Array) => signBytes(b, me.privateKeyPkcs8) };
  const meta: KabDocMeta = {
    ...commonMeta(ctx, {
      id: `${CODE[input.kind]}-${me.kabkotaKode}-${p.id}`,
      kind: input.kind,
      version: latestKabDokumenVersion(ctx.db, input.kind, p.id) + 1,
      pemilihan: p.id,
      provinsiKode: me.provinsiKode,
      final,
      demo: me.simulasi === 1,
      paper: input.paper,
      reason: reason.value,
      signer,
    }),
    kabkota: me.kabkotaKode,
    layout: LAYOUT_VERSION,
  };
  const dataOf = (m: typeof model) => {
    const header = kabHeader(ctx.db, me, p);
    return meta.kind === 'd-hasil-kabko'
      ? kabDHasilData(m, header, { ...meta, kind: 'd-hasil-kabko' })
      : kabKejadianData(ctx.db, p, header, { ...meta, kind: 'kejadian-kabko' });
  };
  const data = dataOf(model);
  const sums = sumsRefusal('recap' in data ? kabDocumentSumErrors(data) : []);
  if (!sums.ok) return sums;
  // A final is recorded only on the state it was drawn from: a push or a keberatan meanwhile refuses it (issue.ts).
  const again = () => {
    const now = loadKabSnapshot(ctx.db, input.pemilihan);
    if (!now.ok) return now;
    const f = now.value.model.final;
    return f.final ? ok(dataOf(now.value.model)) : fail('CONFLICT', f.reasons.join(' '));
  };
  const kept = await signAndKeep(
    ctx,
    data,
    signer,
    (unit, pdf, fileName) =>
      insertKabDokumen(unit.db, {
        ...issuedColumns(meta, pdf, fileName, reason.value, input.actor),
        kind: meta.kind,
        final: final ? 1 : 0,
        simulasi: meta.demo ? 1 : 0,
      }),
    again,
  );
  return kept.ok ? ok(kept.value.row) : kept;
}

export function kabDocumentFile(ctx: BackendContext, id: number): Result<{ row: KabDokumen; bytes: Uint8Array }> {
  const row = listKabDokumen(ctx.db).find((d) => d.id === id);
  if (!row) return fail('NOT_FOUND', 'Dokumen tidak ditemukan.');
  const file = keptFile(ctx, row.fileName);
  return file.ok ? ok({ row, bytes: file.value.bytes }) : file;
}
