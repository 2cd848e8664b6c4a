// The kecamatan's data master: the signed envelope as received (master), meta (the one kecamatan of this database),
// desa, tps, pemilihan, pilihan, ppk_member, perangkat. Inserts are audited and must run in the service's transaction.
//
// Exports: getMeta, getMasterRecord, insertMasterData, loadDataMaster (DataMaster rebuilt from the tables, cached),
// decisionDevices, findPerangkat, listPerangkat, insertPerangkatByDecision, isSimulasiMaster.
import type { Db } from '../context';
import type { DataMaster, Perangkat, PemilihanId } from '../../../../shared/domain/model';
import { MASTER_FORMAT, tpsCode } from '../../../../shared/domain/model';
import { insertAudited } from './audit.repo';
import { camelMany, camelOne } from './rows';
import type { WritableDb } from '../db/command';
import { stmt } from './statements';

export interface Meta {
  id: 1;
  masterId: number;
  provinsiKode: string;
  provinsiNama: string;
  kabkotaKode: string;
  kabkotaNama: string;
  kecamatanKode: string;
  kecamatanNama: string;
  /** 1 when the master is a simulation (demo): a pemilihan nama contains "SIMULASI". */
  simulasi: 0 | 1;
  createdAt: string;
}

export interface MasterRecord {
  id: number;
  /** The master file's text exactly as received. */
  envelopeJson: string;
  /** SHA-256 of JCS(payload). */
  payloadSha256: string;
  signerPublicKey: string;
  /** 16 hex (ungrouped). */
  signerFingerprint: string;
  fileName: string;
  importedAt: string;
}

export function getMeta(db: Db): Meta | undefined {
  return camelOne<Meta>(stmt(db, 'SELECT * FROM meta WHERE id = 1').get());
}

export function getMasterRecord(db: Db): MasterRecord | undefined {
  return camelOne<MasterRecord>(stmt(db, 'SELECT m.* FROM master m JOIN meta ON meta.master_id = m.id').get());
}

/** SIMULASI rule (documented in migration 0001): any pemilihan nama contains "SIMULASI", case-insensitive. */
export function isSimulasiMaster(master: Pick<DataMaster, 'pemilihan'>): boolean {
  return master.pemilihan.some((p) => p.nama.toUpperCase().includes('SIMULASI'));
}

/**
 * R17's lower bound: the master's import time, none for a SIMULASI master (docs/spec-readings.md "Hardening"). Read
 * alone: the master's row also holds its signed envelope (~170 KB for 600 TPS), and every import batch and every
 * new state of the read model asks for this.
 */
export function r17From(db: Db): string | null {
  const master = loadDataMaster(db);
  if (!master || isSimulasiMaster(master)) return null;
  const r = stmt(db, 'SELECT m.imported_at AS at FROM master m JOIN meta ON meta.master_id = m.id').get() as
    { at: string } | undefined;
  return r?.at ?? null;
}

/**
 * Inserts the master envelope, meta, and every desa/TPS/pemilihan/pilihan/PPK member/perangkat row, each with its
 * audit entry. The caller (master.service) runs it in one transaction after verifying the envelope.
 */
export function insertMasterData(
  db: WritableDb,
  input: {
    master: DataMaster;
    envelopeJson: string;
    payloadSha256: string;
    signerPublicKey: string;
    signerFingerprint: string;
    fileName: string;
  },
  audit: { actor: string; at: string },
): { masterId: number } {
  const at = audit.at;
  const a = (action: string) => ({ actor: audit.actor, action, at });
  const masterId = Number(
    insertAudited(
      db,
      'master',
      {
        envelope_json: input.envelopeJson,
        payload_sha256: input.payloadSha256,
        signer_public_key: input.signerPublicKey,
        signer_fingerprint: input.signerFingerprint,
        file_name: input.fileName,
        imported_at: at,
      },
      a('master.import'),
    ),
  );
  insertMeta(db, input.master, masterId, a('kecamatan.create'));
  insertWilayah(db, input.master, a);
  insertPemilihan(db, input.master, a);
  input.master.ppk.forEach((p, i) =>
    insertAudited(db, 'ppk_member', { nama: p.nama, jabatan: p.jabatan, urutan: i }, a('master.ppk')),
  );
  for (const d of input.master.perangkat) {
    insertAudited(
      db,
      'perangkat',
      {
        device_id: d.id,
        tps: d.tps,
        public_key: d.publicKey,
        source: 'master',
        reason: null,
        decided_by: null,
        added_at: at,
      },
      a('master.perangkat'),
    );
  }
  return { masterId };
}

type AuditOf = (action: string) => { actor: string; action: string; at: string };

function insertMeta(db: WritableDb, m: DataMaster, masterId: number, entry: ReturnType<AuditOf>): void {
  insertAudited(
    db,
    'meta',
    {
      id: 1,
      master_id: masterId,
      provinsi_kode: m.provinsi.kode,
      provinsi_nama: m.provinsi.nama,
      kabkota_kode: m.kabkota.kode,
      kabkota_nama: m.kabkota.nama,
      kecamatan_kode: m.kecamatan.kode,
      kecamatan_nama: m.kecamatan.nama,
      simulasi: isSimulasiMaster(m) ? 1 : 0,
      created_at: entry.at,
    },
    entry,
  );
}

function insertWilayah(db: WritableDb, m: DataMaster, a: AuditOf): void {
  m.desa.forEach((d, i) => {
    insertAudited(db, 'desa', { kode: d.kode, nama: d.nama, urutan: i }, a('master.desa'));
    for (const t of d.tps) {
      insertAudited(
        db,
        'tps',
        { kode: tpsCode(d.kode, t.nomor), desa: d.kode, nomor: t.nomor, dpt_l: t.dpt.l, dpt_p: t.dpt.p },
        a('master.tps'),
      );
    }
  });
}

function insertPemilihan(db: WritableDb, m: DataMaster, a: AuditOf): void {
  m.pemilihan.forEach((p, i) => {
    insertAudited(db, 'pemilihan', { id: p.id, nama: p.nama, wilayah: p.wilayah, urutan: i }, a('master.pemilihan'));
    for (const c of p.pilihan) {
      insertAudited(
        db,
        'pilihan',
        { pemilihan: p.id, nomor: c.nomor, nama: c.nama, kind: c.kind ?? 'paslon' },
        a('master.pilihan'),
      );
    }
  });
}

export interface PerangkatRow {
  id: number;
  deviceId: string;
  tps: string;
  publicKey: string;
  source: 'master' | 'ppk-decision';
  reason: string | null;
  decidedBy: string | null;
  addedAt: string;
}

/** All registrations of a device id (normally one). */
export function findPerangkat(db: Db, deviceId: string): PerangkatRow[] {
  return camelMany<PerangkatRow>(stmt(db, 'SELECT * FROM perangkat WHERE device_id = ? ORDER BY id').all(deviceId));
}

export function listPerangkat(db: Db): PerangkatRow[] {
  return camelMany<PerangkatRow>(stmt(db, 'SELECT * FROM perangkat ORDER BY id').all());
}

/** A device added by a recorded PPK decision (docs/design.md §3.5). Run inside a transaction. */
export function insertPerangkatByDecision(
  db: WritableDb,
  p: { deviceId: string; tps: string; publicKey: string; reason: string; decidedBy: string; at: string },
): PerangkatRow {
  const id = Number(
    insertAudited(
      db,
      'perangkat',
      {
        device_id: p.deviceId,
        tps: p.tps,
        public_key: p.publicKey,
        source: 'ppk-decision',
        reason: p.reason,
        decided_by: p.decidedBy,
        added_at: p.at,
      },
      { actor: p.decidedBy, action: 'perangkat.add', at: p.at },
    ),
  );
  return {
    id,
    deviceId: p.deviceId,
    tps: p.tps,
    publicKey: p.publicKey,
    source: 'ppk-decision',
    reason: p.reason,
    decidedBy: p.decidedBy,
    addedAt: p.at,
  };
}

/** Devices added by a recorded PPK decision (not in the signed master). */
export function decisionDevices(db: Db): Perangkat[] {
  return (
    stmt(db, "SELECT device_id, tps, public_key FROM perangkat WHERE source = 'ppk-decision' ORDER BY id").all() as {
      device_id: string;
      tps: string;
      public_key: string;
    }[]
  ).map((r) => ({ id: r.device_id, tps: r.tps, publicKey: r.public_key }));
}

// ---- DataMaster rebuilt from the tables ----

const masterCache = new WeakMap<Db, { key: string; master: DataMaster }>();

/**
 * The DataMaster of this database (null before init), as imported: perangkat are those of the master only
 * (devices added by PPK decision: `decisionDevices`, passed to the verifier as extraDevices).
 * Cached per database; the cache is keyed on the perangkat count (the only part that can grow).
 * Treat the returned object as immutable (shared/formats indexMaster caches on it).
 */
export function loadDataMaster(db: Db): DataMaster | null {
  const meta = getMeta(db);
  if (!meta) return null;
  const n = stmt(db, 'SELECT count(*) AS n, max(id) AS m FROM perangkat').get() as { n: number; m: number | null };
  const key = `${meta.masterId}:${n.n}:${n.m ?? 0}`;
  const cached = masterCache.get(db);
  if (cached && cached.key === key) return cached.master;

  const desaRows = stmt(db, 'SELECT kode, nama FROM desa ORDER BY urutan').all() as { kode: string; nama: string }[];
  const tpsRows = stmt(db, 'SELECT desa, nomor, dpt_l, dpt_p FROM tps ORDER BY desa, nomor').all() as {
    desa: string;
    nomor: number;
    dpt_l: number;
    dpt_p: number;
  }[];
  const tpsByDesa = new Map<string, { nomor: number; dpt: { l: number; p: number } }[]>();
  for (const t of tpsRows) {
    let list = tpsByDesa.get(t.desa);
    if (!list) tpsByDesa.set(t.desa, (list = []));
    list.push({ nomor: t.nomor, dpt: { l: t.dpt_l, p: t.dpt_p } });
  }
  const pemRows = stmt(db, 'SELECT id, nama, wilayah FROM pemilihan ORDER BY urutan').all() as {
    id: PemilihanId;
    nama: string;
    wilayah: string;
  }[];
  const pilRows = stmt(db, 'SELECT pemilihan, nomor, nama, kind FROM pilihan ORDER BY pemilihan, nomor').all() as {
    pemilihan: string;
    nomor: number;
    nama: string;
    kind: 'paslon' | 'kolom-kosong';
  }[];
  const ppkRows = stmt(db, 'SELECT nama, jabatan FROM ppk_member ORDER BY urutan').all() as {
    nama: string;
    jabatan: string;
  }[];
  const perangkat: Perangkat[] = listPerangkat(db)
    .filter((p) => p.source === 'master')
    .map((p) => ({ id: p.deviceId, tps: p.tps, publicKey: p.publicKey }));

  const master: DataMaster = {
    format: MASTER_FORMAT,
    provinsi: { kode: meta.provinsiKode, nama: meta.provinsiNama },
    kabkota: { kode: meta.kabkotaKode, nama: meta.kabkotaNama },
    kecamatan: { kode: meta.kecamatanKode, nama: meta.kecamatanNama },
    desa: desaRows.map((d) => ({ kode: d.kode, nama: d.nama, tps: tpsByDesa.get(d.kode) ?? [] })),
    pemilihan: pemRows.map((p) => ({
      id: p.id,
      nama: p.nama,
      wilayah: p.wilayah,
      pilihan: pilRows
        .filter((c) => c.pemilihan === p.id)
        .map((c) =>
          c.kind === 'kolom-kosong'
            ? { nomor: c.nomor, nama: c.nama, kind: 'kolom-kosong' as const }
            : { nomor: c.nomor, nama: c.nama },
        ),
    })),
    ppk: ppkRows,
    perangkat,
  };
  masterCache.set(db, { key, master });
  return master;
}
