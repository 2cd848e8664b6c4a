// KPPS devices: the registered ones (data master, or added by a recorded PPK decision) and the unknown ones that
// tried the LAN receiver; and the decision itself (docs/design.md §3.5 "added in the app by a recorded PPK decision").
//
//   devicesView(ctx) → DevicesView
//   registerDevice(ctx, { id, tps, publicKey, reason }) → Result<RegisterDeviceResult>
//
// Who decides is the plenary session's authority (services/plenary/pins.service requireDeciderPin: the ketua PPK or
// a member the ketua delegated, as the current operator, confirmed with their PIN). The perangkat row and its audit entry are written in one
// command (db/command.ts); the import verification picks the device up through decisionDevices (extraDevices).
import type { BackendContext } from '../../context';
import type {
  DevicesView,
  RegisterDeviceResult,
  RegisteredDeviceView,
} from '../../../../../shared/contracts/import.contract';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { runCommand } from '../../db/command';
import { fromBase64Url, toBase64Url } from '../../../../../shared/formats/bytes';
import { keyFingerprint } from '../../../../../shared/formats/envelope';
import { tpsCode } from '../../../../../shared/domain/model';
import { nodeCrypto } from '../../crypto';
import {
  findPerangkat,
  getMeta,
  insertPerangkatByDecision,
  listPerangkat,
  loadDataMaster,
  type PerangkatRow,
} from '../../repositories/master.repo';
import { lanDeviceSummaries } from '../../repositories/lan-contact.repo';
import { session, sessionAuthority } from '../plenary/members.service';
import { requireDeciderPin } from '../plenary/pins.service';
import { decisionRole } from '../../../../../shared/domain/authority';

export interface RegisterDeviceInput {
  id: string;
  tps: string;
  /** base64url of the raw 32-byte Ed25519 public key (padding and surrounding spaces tolerated). */
  publicKey: string;
  reason: string;
  /** The decider's PIN (docs/plenary-decisions.md): registering a key is a decision like any other. */
  pin?: string;
}

/** "a1b2 c3d4 e5f6 a7b8": the key's fingerprint grouped by 4, as the phone shows it. */
function groupedFingerprint(publicKey: string): string {
  try {
    return keyFingerprint(fromBase64Url(publicKey), nodeCrypto).replace(/(.{4})(?=.)/g, '$1 ');
  } catch {
    return '';
  }
}

function tpsLabels(ctx: BackendContext): Map<string, string> {
  const master = loadDataMaster(ctx.db);
  const labels = new Map<string, string>();
  for (const d of master?.desa ?? []) {
    for (const t of d.tps) labels.set(tpsCode(d.kode, t.nomor), `${d.nama} · TPS ${String(t.nomor).padStart(3, '0')}`);
  }
  return labels;
}

function toView(
  p: PerangkatRow,
  labels: Map<string, string>,
  contact?: { lastAt: string; requests: number },
): RegisteredDeviceView {
  return {
    id: p.deviceId,
    tps: p.tps,
    tpsLabel: labels.get(p.tps) ?? p.tps,
    publicKey: p.publicKey,
    fingerprint: groupedFingerprint(p.publicKey),
    source: p.source,
    reason: p.reason,
    decidedBy: p.decidedBy,
    addedAt: p.addedAt,
    lastAt: contact?.lastAt ?? null,
    requests: contact?.requests ?? 0,
  };
}

export function devicesView(ctx: BackendContext): DevicesView {
  const labels = tpsLabels(ctx);
  const contacts = lanDeviceSummaries(ctx.db).filter((c) => c.keyId !== null);
  const byKey = new Map(contacts.map((c) => [c.keyId!, c]));
  const rows = listPerangkat(ctx.db);
  const known = new Set(rows.map((r) => r.deviceId));
  const s = session(ctx);
  return {
    registered: rows.map((r) => toView(r, labels, byKey.get(r.deviceId))),
    unknown: contacts
      .filter((c) => !known.has(c.keyId!))
      .map((c) => ({
        keyId: c.keyId!,
        lastTps: c.lastTps,
        lastTpsLabel: c.lastTps === null ? null : (labels.get(c.lastTps) ?? `TPS ${c.lastTps}`),
        remote: c.remote,
        firstAt: c.firstAt,
        lastAt: c.lastAt,
        requests: c.requests,
        lastReason: c.lastReason,
      })),
    tps: [...labels].map(([kode, label]) => ({ kode, label })),
    operator: s
      ? { nama: s.member.nama, mayDecide: decisionRole(s.member.nama, sessionAuthority(ctx)) !== null }
      : null,
  };
}

/** The key as canonical base64url of exactly 32 bytes (standard base64 and padding accepted), or a refusal. */
function normaliseKey(text: string): Result<string> {
  const t = text.trim().replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
  let raw: Uint8Array;
  try {
    raw = fromBase64Url(t);
  } catch {
    return fail(
      'INVALID_INPUT',
      'Kunci publik bukan teks base64url yang sah. Salin ulang dari layar HP KPPS.',
      'publicKey',
    );
  }
  if (raw.length !== 32) {
    return fail(
      'INVALID_INPUT',
      `Kunci publik harus 32 byte (kunci Ed25519); yang dimasukkan ${raw.length} byte.`,
      'publicKey',
    );
  }
  return ok(toBase64Url(raw));
}

/** Why the id/TPS/key cannot be registered given what is registered already; null when it can (or already is). */
function registrationConflict(
  existing: readonly PerangkatRow[],
  all: readonly PerangkatRow[],
  id: string,
  tps: string,
  publicKey: string,
  labels: Map<string, string>,
): Result<void> {
  const first = existing[0];
  if (first) {
    const where = first.source === 'master' ? 'dalam data master' : `oleh keputusan PPK (${first.decidedBy ?? '-'})`;
    if (first.tps !== tps) {
      return fail(
        'CONFLICT',
        `Perangkat ${id} sudah terdaftar ${where} untuk ${labels.get(first.tps) ?? first.tps}; tidak dapat dipindahkan ke TPS lain.`,
        'tps',
      );
    }
    return fail(
      'CONFLICT',
      `Perangkat ${id} sudah terdaftar ${where} dengan kunci lain (${groupedFingerprint(first.publicKey)}); kunci tidak dapat diganti.`,
      'publicKey',
    );
  }
  const sameKey = all.find((p) => p.publicKey === publicKey);
  if (sameKey) {
    return fail(
      'CONFLICT',
      `Kunci publik ini sudah dipakai perangkat ${sameKey.deviceId}; satu kunci hanya untuk satu perangkat.`,
      'publicKey',
    );
  }
  return ok(undefined);
}

export function registerDevice(ctx: BackendContext, input: RegisterDeviceInput): Result<RegisterDeviceResult> {
  if (!getMeta(ctx.db)) return fail('NO_KECAMATAN', 'Data master kecamatan belum diimpor.');
  const id = input.id.trim();
  const reason = input.reason.trim();
  if (id === '' || /\s/.test(id) || id.length > 128)
    return fail('INVALID_INPUT', 'Id perangkat wajib diisi, tanpa spasi, paling panjang 128 karakter.', 'id');
  if (reason === '') return fail('INVALID_INPUT', 'Alasan keputusan wajib diisi.', 'reason');
  return runCommand<RegisterDeviceResult>(ctx, (unit) => {
    const decider = requireDeciderPin(ctx, 'Pendaftaran perangkat KPPS', input.pin);
    if (!decider.ok) return decider;
    const labels = tpsLabels(ctx);
    if (!labels.has(input.tps))
      return fail('NOT_FOUND', `TPS ${input.tps} tidak ada dalam data master kecamatan ini.`, 'tps');
    const publicKey = normaliseKey(input.publicKey);
    if (!publicKey.ok) return publicKey;
    const existing = findPerangkat(unit.db, id);
    const same = existing.find((p) => p.publicKey === publicKey.value && p.tps === input.tps);
    if (same) return ok({ device: toView(same, labels), created: false });
    const conflict = registrationConflict(existing, listPerangkat(unit.db), id, input.tps, publicKey.value, labels);
    if (!conflict.ok) return conflict;
    const row = insertPerangkatByDecision(unit.db, {
      deviceId: id,
      tps: input.tps,
      publicKey: publicKey.value,
      reason,
      decidedBy: decider.value.nama,
      at: ctx.clock().toISOString(),
    });
    ctx.log.info('KPPS device registered by PPK decision', {
      device: id,
      tps: input.tps,
      by: decider.value.nama,
      as: decider.value.as,
    });
    unit.emit({ type: 'lan-changed' });
    return ok({ device: toView(row, labels), created: true });
  });
}
