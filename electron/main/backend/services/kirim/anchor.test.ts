// Receipts anchor the audit chain: a chain shorter than, or different at, a head a stored receipt witnessed is
// reported. Real SQLite file; the receipt rows are written through the repository inside a command.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKecamatanFixture, type KecamatanFixture } from '../../../../../tests/support/records';
import { runWrite } from '../../db/command';
import { auditHead } from '../../repositories/audit.repo';
import { insertTandaTerima } from '../../repositories/kirim.repo';
import { witnessedHeadProblems } from './anchor';

let fx: KecamatanFixture;
beforeAll(async () => {
  fx = await createKecamatanFixture({ desa: 1, tpsPerDesa: 1 });
});
afterAll(async () => {
  await fx?.close();
});

function witness(jumlah: number, kepala: string): void {
  runWrite({ db: fx.backend.ctx.db }, (unit) =>
    insertTandaTerima(
      unit.db,
      {
        manifestSha256: 'a'.repeat(64),
        status: 'lengkap',
        berkasKurang: 0,
        auditJumlah: jumlah,
        auditKepala: kepala,
        diterima: '2024-11-30T10:00:00Z',
        envelopeJson: '{}',
        via: 'berkas',
        storedAt: '2024-11-30T10:00:00.000Z',
      },
      'uji',
    ),
  );
}

describe('audit anchoring by receipts', () => {
  it('accepts a chain that holds the witnessed head, reports a shorter or different one', () => {
    const db = fx.backend.ctx.db;
    db.pragma('foreign_keys = OFF'); // the receipt's manifest is not the point here
    const head = auditHead(db);
    witness(head.seq, head.hash);
    expect(witnessedHeadProblems(db)).toEqual([]);
    witness(head.seq, 'b'.repeat(64));
    witness(head.seq + 500, head.hash);
    const problems = witnessedHeadProblems(db).map((p) => p.english);
    expect(problems).toEqual([
      `audit entry #${head.seq} differs from the head a receiver's receipt witnessed`,
      `audit chain shorter than the head (${head.seq + 500}) a receiver's receipt witnessed`,
    ]);
  });
});
