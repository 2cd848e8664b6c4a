// The deciders' PINs (docs/plenary-decisions.md): the ketua and each delegate set a PIN at session start and type it
// to confirm every decision reserved to them (approvals, overrides, locks and unlocks, withdrawals). Stored as a slow
// salted hash (scrypt, node:crypto) in decider_pin, append-only: a change or a reset is a new row. A forgotten PIN is
// reset by the ketua (with the ketua's PIN and a reason), the ketua's own by two delegates with theirs; the person
// then sets a new one. Five wrong PINs in a row
// for one person wait a minute (held in memory: a restart clears it, which needs the laptop anyway).
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';
import type { BackendContext } from '../../context';
import { hasSidangTables, insertDeciderPin, listDeciderPins, type DeciderPin } from '../../repositories/sidang.repo';
import { samePerson } from '../../../../../shared/domain/authority';
import { checkPinFormat } from '../../../../../shared/domain/sidang';
import { fail, ok, type Result } from '../../../../../shared/domain/result';
import { type Decider, members, operatorCommand, requireDecider } from './members.service';

/** scrypt cost: N=2^15, r=8 (32 MiB, ~0.1 s per check on a laptop). Stored per row so it can be raised later. */
const N = 32768;
const R = 8;
const P = 1;
const PARAMS = `scrypt:N=${N},r=${R},p=${P}`;
const KEYLEN = 32;
const MAX_FAILS = 5;
const WAIT_MS = 60_000;

function derive(pin: string, salt: Buffer, params: string): Buffer {
  const m = /^scrypt:N=(\d+),r=(\d+),p=(\d+)$/.exec(params);
  if (!m) throw new Error(`unknown PIN hash parameters: ${params}`);
  const [n, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return scryptSync(pin, salt, KEYLEN, { N: n, r, p, maxmem: 256 * n * r + 1024 * 1024 });
}

export function hashPin(pin: string): { params: string; salt: string; hash: string } {
  const salt = randomBytes(16);
  return { params: PARAMS, salt: salt.toString('base64'), hash: derive(pin, salt, PARAMS).toString('base64') };
}

/** The person's current PIN row ('set'), or null when none was set or it was reset. */
export function currentPin(ctx: Pick<BackendContext, 'db'>, nama: string): DeciderPin | null {
  const rows = listDeciderPins(ctx.db).filter((p) => samePerson(p.nama, nama));
  const last = rows.at(-1);
  return last && last.action === 'set' ? last : null;
}

const failures = new WeakMap<object, Map<string, { fails: number; until: number }>>();

function failuresOf(ctx: BackendContext): Map<string, { fails: number; until: number }> {
  let m = failures.get(ctx);
  if (!m) failures.set(ctx, (m = new Map()));
  return m;
}

/** Checks `pin` against the person's stored PIN (constant-time), counting wrong attempts. */
export function verifyPin(ctx: BackendContext, nama: string, pin: string | undefined): Result<void> {
  // A file before migration 0007 has no PINs to check; the app never runs on one (it migrates on open).
  if (!hasSidangTables(ctx.db)) return ok(undefined);
  const stored = currentPin(ctx, nama);
  if (!stored) {
    return fail('UNAUTHORIZED', `${nama} belum mengatur PIN. Atur PIN lebih dulu (menu Operator → Atur PIN).`, 'pin');
  }
  if (!pin) return fail('UNAUTHORIZED', `Masukkan PIN ${nama} untuk mengonfirmasi keputusan ini.`, 'pin');
  const key = nama.trim().toLocaleLowerCase('id');
  const tally = failuresOf(ctx);
  const now = ctx.clock().getTime();
  const t = tally.get(key);
  if (t && t.until > now) {
    const s = Math.ceil((t.until - now) / 1000);
    return fail(
      'UNAUTHORIZED',
      `PIN ${nama} salah ${MAX_FAILS} kali berturut-turut. Coba lagi dalam ${s} detik.`,
      'pin',
    );
  }
  const expected = Buffer.from(stored.hash!, 'base64');
  const actual = derive(pin, Buffer.from(stored.salt!, 'base64'), stored.params!);
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) {
    tally.delete(key);
    return ok(undefined);
  }
  const fails = (t?.fails ?? 0) + 1;
  tally.set(key, { fails: fails >= MAX_FAILS ? 0 : fails, until: fails >= MAX_FAILS ? now + WAIT_MS : 0 });
  return fail('UNAUTHORIZED', `PIN ${nama} salah. Keputusan tidak dicatat.`, 'pin');
}

/** The ketua or a delegate, confirmed with their PIN: what every weighty decision requires. */
export function requireDeciderPin(ctx: BackendContext, what: string, pin: string | undefined): Result<Decider> {
  const d = requireDecider(ctx, what);
  if (!d.ok) return d;
  const v = verifyPin(ctx, d.value.nama, pin);
  return v.ok ? d : v;
}

/** The current operator (the ketua or a delegate) sets their own PIN; changing one needs the current PIN. */
export function setPin(ctx: BackendContext, input: { pin: string; currentPin?: string }): Result<{ nama: string }> {
  return operatorCommand(ctx, (unit, op) => {
    if (op.as === 'operator') {
      return fail('FORBIDDEN', 'PIN hanya untuk Ketua PPK dan anggota yang didelegasikan Ketua.');
    }
    const nama = op.nama;
    if (currentPin(ctx, nama)) {
      const v = verifyPin(ctx, nama, input.currentPin);
      if (!v.ok) return fail(v.error.code, `Untuk mengganti PIN, masukkan PIN lama. ${v.error.message}`, 'currentPin');
    }
    const format = checkPinFormat(input.pin);
    if (!format.ok) return format;
    const at = ctx.clock().toISOString();
    insertDeciderPin(unit.db, { nama, action: 'set', ...hashPin(input.pin), reason: null, setBy: nama, setAt: at });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ nama });
  });
}

/** The ketua (with the ketua's PIN) clears a member's forgotten PIN, with a reason; the member then sets a new one. */
export function resetPin(
  ctx: BackendContext,
  input: { member: number; reason: string; pin?: string },
): Result<{ nama: string }> {
  return operatorCommand(ctx, (unit, op) => {
    if (op.as !== 'ketua') return fail('FORBIDDEN', 'Hanya Ketua PPK yang dapat mengatur ulang PIN anggota.');
    const m = members(ctx)[input.member];
    if (!m) return fail('NOT_FOUND', 'Anggota PPK tidak ditemukan dalam data master.');
    if (samePerson(m.nama, op.nama)) {
      return fail('CONFLICT', 'Ketua mengganti PIN sendiri dengan PIN lama (Atur PIN), bukan dengan atur ulang.');
    }
    const reason = input.reason.trim();
    if (reason.length < 3) return fail('INVALID_INPUT', 'Alasan mengatur ulang PIN wajib diisi.', 'reason');
    const v = verifyPin(ctx, op.nama, input.pin);
    if (!v.ok) return v;
    if (!currentPin(ctx, m.nama))
      return fail('CONFLICT', `${m.nama} belum punya PIN; tidak ada yang perlu diatur ulang.`);
    const at = ctx.clock().toISOString();
    insertDeciderPin(unit.db, {
      nama: m.nama,
      action: 'reset',
      params: null,
      salt: null,
      hash: null,
      reason,
      setBy: op.nama,
      setAt: at,
    });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ nama: m.nama });
  });
}

/**
 * The ketua's own forgotten PIN: two delegates (current, each with a PIN of their own, not the ketua) confirm with
 * their PINs and a reason; a 'reset' row names both. The ketua then sets a new PIN at the next decision. Anyone
 * may be operating (the ketua who forgot, usually). Without two delegates holding a PIN it cannot be done in the app.
 */
export function resetKetuaPin(
  ctx: BackendContext,
  input: { reason: string; witnesses: { member: number; pin: string }[] },
): Result<{ nama: string }> {
  return operatorCommand(ctx, (unit) => {
    const all = members(ctx);
    const ketua = all.find((m) => m.ketua);
    if (!ketua) return fail('NOT_FOUND', 'Data master tidak menyebut Ketua PPK.');
    const reason = input.reason.trim();
    if (reason.length < 3) return fail('INVALID_INPUT', 'Alasan mengatur ulang PIN Ketua wajib diisi.', 'reason');
    const [a, b] = input.witnesses.map((w) => all[w.member]);
    if (!a || !b || a.id === b.id)
      return fail('INVALID_INPUT', 'Pilih dua anggota yang didelegasikan, masing-masing dengan PIN-nya.', 'witnesses');
    for (const w of [a, b]) {
      if (w.ketua || !w.delegate)
        return fail(
          'FORBIDDEN',
          `${w.nama} bukan anggota yang didelegasikan Ketua; PIN Ketua tidak dapat diatur ulang olehnya.`,
        );
    }
    for (const [i, w] of [a, b].entries()) {
      const v = verifyPin(ctx, w.nama, input.witnesses[i]!.pin);
      if (!v.ok) return v;
    }
    if (!currentPin(ctx, ketua.nama)) return fail('CONFLICT', `${ketua.nama} belum punya PIN; atur PIN baru langsung.`);
    insertDeciderPin(unit.db, {
      nama: ketua.nama,
      action: 'reset',
      params: null,
      salt: null,
      hash: null,
      reason,
      setBy: `${a.nama} dan ${b.nama}`,
      setAt: ctx.clock().toISOString(),
    });
    unit.emit({ type: 'pleno-changed', pemilihan: null, desa: null, tps: null });
    return ok({ nama: ketua.nama });
  });
}
