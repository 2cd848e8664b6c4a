// Manual double entry: when only the paper C.Hasil arrives, two operators each type it (slot 1 and slot 2). Every
// entry is stored (append-only, audited); the two are compared field by field (domain diffCounts) and only when they
// agree does the entry become a record: channel 'manual', `perangkat` = the PPK key id, signed with the PPK key,
// sent through the storage import service (same verification, outcomes and audit as any other channel). The
// operators are recorded on the manual_result row and as the audit actor. A re-typed entry is a new row; the latest
// row of each slot after the last agreement is the one compared.
//
//   manualTargets(ctx) → ManualTargets
//   manualStatus(ctx, tps, pemilihan) → Result<ManualStatus>
//   manualSubmit(ctx, { tps, pemilihan, operator, slot, counts }) → Result<ManualStatus>
import type { BackendContext } from '../../context';
import type { ManualEntryView, ManualStatus, ManualTargets } from '../../../../../shared/contracts/import.contract';
import { fail, ok, type Result } from '../../../../../shared/contracts/result';
import {
  C_HASIL_FORMAT,
  tpsCode,
  type CHasilCounts,
  type CHasilRecord,
  type DataMaster,
  type LP,
  type PemilihanId,
} from '../../../../../shared/domain/model';
import { checkRecord } from '../../../../../shared/domain/rules/index';
import { diffCounts } from '../../../../../shared/domain/correction';
import { samePerson } from '../../../../../shared/domain/authority';
import { runCommand, type WritableDb } from '../../db/command';
import { canonicalize } from '../../../../../shared/formats/canonical';
import { utf8Encode } from '../../../../../shared/formats/bytes';
import { payloadHash } from '../../../../../shared/formats/envelope';
import { nodeCrypto } from '../../crypto';
import { loadDataMaster } from '../../repositories/master.repo';
import { listSubmissions } from '../../repositories/submission.repo';
import {
  getManualEntry,
  insertManualEntry,
  insertManualResult,
  latestManualEntry,
  latestManualResult,
  type ManualEntryRow,
} from '../../repositories/manual-entry.repo';
import { ppkKeyOrNull, type PpkKey } from '../keys/ppk-key';
import { importEnvelopeBytes } from '../import/import.service';

/** ISO 8601 with the laptop's UTC offset (`2024-11-27T14:05:00+08:00`), as a KPPS device writes `dibuat`. */
export function isoWithOffset(d: Date): string {
  const off = -d.getTimezoneOffset();
  const local = new Date(d.getTime() + off * 60_000);
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}

export function manualTargets(ctx: BackendContext): Result<ManualTargets> {
  const master = loadDataMaster(ctx.db);
  if (!master) return fail('NO_KECAMATAN', 'Data master kecamatan belum diimpor.');
  return ok({
    pemilihan: master.pemilihan.map((p) => ({ id: p.id, nama: p.nama, pilihan: p.pilihan })),
    desa: master.desa.map((d) => ({
      kode: d.kode,
      nama: d.nama,
      tps: d.tps.map((t) => ({ kode: tpsCode(d.kode, t.nomor), nomor: t.nomor, dpt: t.dpt })),
    })),
    ppk: master.ppk.map((m) => ({ nama: m.nama, jabatan: m.jabatan })),
  });
}

interface Target {
  master: DataMaster;
  pilihan: DataMaster['pemilihan'][number]['pilihan'];
  dpt: LP;
}

function target(ctx: BackendContext, tps: string, pemilihan: PemilihanId): Result<Target> {
  const master = loadDataMaster(ctx.db);
  if (!master) return fail('NO_KECAMATAN', 'Data master kecamatan belum diimpor.');
  const p = master.pemilihan.find((x) => x.id === pemilihan);
  if (!p) return fail('NOT_FOUND', `Pemilihan ${pemilihan} tidak ada dalam data master kecamatan ini.`);
  for (const d of master.desa) {
    for (const t of d.tps) if (tpsCode(d.kode, t.nomor) === tps) return ok({ master, pilihan: p.pilihan, dpt: t.dpt });
  }
  return fail('NOT_FOUND', `TPS ${tps} tidak ada dalam data master kecamatan ini.`);
}

function view(e: ManualEntryRow | undefined, t: Target): ManualEntryView | null {
  if (!e) return null;
  return {
    id: e.id,
    slot: e.slot,
    operator: e.operator,
    counts: e.counts,
    enteredAt: e.enteredAt,
    violations: checkRecord(e.counts, { dptMaster: t.dpt, pilihanCount: t.pilihan.length }),
  };
}

function statusOf(ctx: BackendContext, tps: string, pemilihan: PemilihanId, t: Target): ManualStatus {
  const last = latestManualResult(ctx.db, tps, pemilihan);
  const after = last ? Math.max(last.entry1Id, last.entry2Id) : 0;
  const e1 = latestManualEntry(ctx.db, tps, pemilihan, 1, after);
  const e2 = latestManualEntry(ctx.db, tps, pemilihan, 2, after);
  const result = last
    ? {
        id: last.id,
        operators: [last.operator1, last.operator2] as [string, string],
        sha256: last.sha256,
        outcome: last.outcome,
        reason: last.reason,
        createdAt: last.createdAt,
      }
    : null;
  const base = { tps, pemilihan, pilihan: t.pilihan, dptMaster: t.dpt, result };
  if (!e1 && !e2) {
    if (last) {
      return {
        ...base,
        state: 'sepakat',
        entry1: view(getManualEntry(ctx.db, last.entry1Id), t),
        entry2: view(getManualEntry(ctx.db, last.entry2Id), t),
        mismatches: [],
      };
    }
    return { ...base, state: 'kosong', entry1: null, entry2: null, mismatches: [] };
  }
  if (!e1 || !e2) return { ...base, state: 'menunggu', entry1: view(e1, t), entry2: view(e2, t), mismatches: [] };
  const mismatches = diffCounts(e1.counts, e2.counts, t.pilihan).map((d) => d.path);
  return {
    ...base,
    state: mismatches.length > 0 ? 'berbeda' : 'menunggu',
    entry1: view(e1, t),
    entry2: view(e2, t),
    mismatches,
  };
}

export function manualStatus(ctx: BackendContext, tps: string, pemilihan: PemilihanId): Result<ManualStatus> {
  const t = target(ctx, tps, pemilihan);
  if (!t.ok) return t;
  return ok(statusOf(ctx, tps, pemilihan, t.value));
}

export interface ManualSubmitInput {
  tps: string;
  pemilihan: PemilihanId;
  operator: string;
  slot: 1 | 2;
  counts: CHasilCounts;
}

export function manualSubmit(ctx: BackendContext, input: ManualSubmitInput): Result<ManualStatus> {
  const t = target(ctx, input.tps, input.pemilihan);
  if (!t.ok) return t;
  const tv = t.value;
  if (input.counts.suara.paslon.length !== tv.pilihan.length) {
    return fail(
      'INVALID_INPUT',
      `Pemilihan ini punya ${tv.pilihan.length} pilihan; entri berisi ${input.counts.suara.paslon.length}.`,
      'suara.paslon',
    );
  }
  const key = ppkKeyOrNull(ctx);
  if (!key) return fail('NO_KECAMATAN', 'Kunci PPK belum dibuat (data master belum diimpor).');
  // The operator is a member of the PPK in the data master, under the master's spelling of the name.
  const member = tv.master.ppk.find((m) => samePerson(m.nama, input.operator));
  if (!member) {
    return fail(
      'INVALID_INPUT',
      `${input.operator.trim()} tidak ada dalam daftar anggota PPK di data master; pilih operator dari daftar.`,
      'operator',
    );
  }
  const operator = member.nama;
  const at = ctx.clock();
  const counts: CHasilCounts = {
    pemilih: input.counts.pemilih,
    pengguna: input.counts.pengguna,
    disabilitas: input.counts.disabilitas,
    suratSuara: input.counts.suratSuara,
    suara: input.counts.suara,
  };
  const done = runCommand(ctx, (unit) => {
    const otherSlot = input.slot === 1 ? 2 : 1;
    const last = latestManualResult(unit.db, input.tps, input.pemilihan);
    const after = last ? Math.max(last.entry1Id, last.entry2Id) : 0;
    const other = latestManualEntry(unit.db, input.tps, input.pemilihan, otherSlot, after);
    if (other && samePerson(other.operator, operator)) {
      return fail(
        'CONFLICT',
        `Entri ${input.slot} harus diketik oleh operator lain: ${other.operator} sudah mengetik entri ${otherSlot}. Entri ganda hanya bermakna bila dua orang mengetik dari kertas yang sama.`,
      );
    }
    insertManualEntry(unit.db, {
      tps: input.tps,
      pemilihan: input.pemilihan,
      slot: input.slot,
      operator,
      countsJson: canonicalize(counts),
      enteredAt: at.toISOString(),
    });
    const e1 = latestManualEntry(unit.db, input.tps, input.pemilihan, 1, after);
    const e2 = latestManualEntry(unit.db, input.tps, input.pemilihan, 2, after);
    if (e1 && e2 && diffCounts(e1.counts, e2.counts).length === 0) recordAgreed(ctx, unit.db, key, e1, e2, at);
    return ok(undefined);
  });
  if (!done.ok) return done;
  return ok(statusOf(ctx, input.tps, input.pemilihan, tv));
}

/**
 * Both entries agree: the record, signed with the PPK key, through the import service (a savepoint of the entry's
 * command, so the entry, the record and the result row commit together).
 */
function recordAgreed(
  ctx: BackendContext,
  w: WritableDb,
  key: PpkKey,
  e1: ManualEntryRow,
  e2: ManualEntryRow,
  at: Date,
): void {
  // The same numbers typed again (a later round) are the same record, its `dibuat` kept: a duplikat, not a second
  // record differing only by the second it was typed in, which the plenary would show as a konflik.
  const same = listSubmissions(w, { tps: e1.tps, pemilihan: e1.pemilihan })
    .filter(
      (s) => s.channel === 'manual' && s.deviceKeyId === key.keyId && diffCounts(s.counts, e1.counts).length === 0,
    )
    .at(-1);
  const record: CHasilRecord = {
    format: C_HASIL_FORMAT,
    tps: e1.tps,
    pemilihan: e1.pemilihan,
    ...e1.counts,
    foto: [],
    perangkat: key.keyId,
    dibuat: same?.dibuat ?? isoWithOffset(at),
  };
  const envelope = key.signPayload(record);
  const operators = `${e1.operator} & ${e2.operator}`;
  const outcome = importEnvelopeBytes(ctx, utf8Encode(canonicalize(envelope)), {
    channel: 'manual',
    name: `entri-manual-${e1.tps}-${e1.pemilihan}`,
    actor: operators,
  });
  insertManualResult(
    w,
    {
      tps: e1.tps,
      pemilihan: e1.pemilihan,
      entry1Id: e1.id,
      entry2Id: e2.id,
      operator1: e1.operator,
      operator2: e2.operator,
      sha256: outcome.sha256 ?? payloadHash(record, nodeCrypto),
      outcome: outcome.status,
      reason: outcome.reason ?? null,
      createdAt: at.toISOString(),
    },
    operators,
  );
}
