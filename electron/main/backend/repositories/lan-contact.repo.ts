// LAN receiver contacts (migration 0004 `lan_contact`, owned by the channels feature): one audited row per answered
// POST, and the per-device summary the PPK sees ("devices seen": last contact, what each sent, unknown ones too).
// insertLanContact must run inside the caller's transaction.
import type { Db } from '../context';
import { camelRow, insertAudited } from './audit.repo';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';
import type { ImportStatus, LanDeviceView } from '../../../../shared/contracts/import.contract';

export type LanOutcome = ImportStatus;

export interface NewLanContact {
  at: string;
  keyId: string | null;
  registered: boolean;
  remote: string;
  endpoint: 'c-hasil' | 'bundle';
  httpStatus: number;
  outcome: LanOutcome;
  tps: string | null;
  pemilihan: string | null;
  sha256: string | null;
  records: number;
  size: number;
  reason: string | null;
}

export interface LanContact extends Omit<NewLanContact, 'registered'> {
  id: number;
  registered: boolean;
}

export function insertLanContact(db: WritableDb, c: NewLanContact): number {
  return Number(
    insertAudited(
      db,
      'lan_contact',
      {
        at: c.at,
        key_id: c.keyId,
        registered: c.registered ? 1 : 0,
        remote: c.remote,
        endpoint: c.endpoint,
        http_status: c.httpStatus,
        outcome: c.outcome,
        tps: c.tps,
        pemilihan: c.pemilihan,
        sha256: c.sha256,
        records: c.records,
        size: c.size,
        reason: c.reason,
      },
      { actor: c.keyId ? `perangkat:${c.keyId}` : `lan:${c.remote}`, action: 'lan.contact', at: c.at },
    ),
  );
}

/**
 * The contract's device line without what the data master adds (registeredTps, joined by the import handlers).
 * keyId null: requests whose body named no device, grouped by remote address.
 */
export type LanDeviceSummary = Omit<LanDeviceView, 'registeredTps' | 'registeredTpsLabels' | 'lastTpsLabel'>;

interface SummaryRow {
  key_id: string | null;
  remote_group: string;
  first_at: string;
  last_id: number;
  requests: number;
  diterima: number;
  duplikat: number;
  konflik: number;
  ditolak: number;
  tps_list: string | null;
}

/** One line per device (or per remote address for requests without a device), most recent contact first. */
export function lanDeviceSummaries(db: Db, limit = 1000): LanDeviceSummary[] {
  const rows = stmt(
    db,
    `SELECT key_id, CASE WHEN key_id IS NULL THEN remote ELSE '' END AS remote_group,
            min(at) AS first_at, max(id) AS last_id, count(*) AS requests,
            sum(outcome = 'diterima') AS diterima, sum(outcome = 'duplikat') AS duplikat,
            sum(outcome = 'konflik') AS konflik, sum(outcome = 'ditolak') AS ditolak,
            group_concat(DISTINCT tps) AS tps_list
       FROM lan_contact GROUP BY key_id, remote_group ORDER BY last_id DESC LIMIT ?`,
  ).all(limit) as SummaryRow[];
  const last = stmt(db, 'SELECT * FROM lan_contact WHERE id = ?');
  return rows.map((r) => {
    const l = camelRow<Omit<LanContact, 'registered'> & { registered: number }>(
      last.get(r.last_id) as Record<string, unknown>,
    );
    return {
      keyId: r.key_id,
      registered: l.registered === 1,
      remote: l.remote,
      firstAt: r.first_at,
      lastAt: l.at,
      lastStatus: l.httpStatus,
      lastOutcome: l.outcome,
      lastReason: l.reason,
      lastTps: l.tps,
      lastPemilihan: l.pemilihan,
      requests: r.requests,
      diterima: r.diterima,
      duplikat: r.duplikat,
      konflik: r.konflik,
      ditolak: r.ditolak,
      tps: r.tps_list ? r.tps_list.split(',').sort() : [],
    };
  });
}

export function countLanContacts(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM lan_contact').get() as { n: number }).n;
}
