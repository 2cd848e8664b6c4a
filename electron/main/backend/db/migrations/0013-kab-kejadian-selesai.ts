// Migration 0013: a kejadian khusus of the kab/kota plenary declared settled, with how (docs/receiver-plenary.md),
// as the kecamatan level does with kejadian_selesai (0007): the note is printed as its penyelesaian on the
// D.Kejadian Khusus Kabupaten/Kota. At most one per kejadian; append-only and audited.
import { OLEH_COLUMNS, oneTableMigration, TEXT } from './sql-parts';

const COLUMNS = `
  id         INTEGER PRIMARY KEY,
  kejadian   INTEGER NOT NULL UNIQUE REFERENCES kab_kejadian (id),
  catatan    TEXT NOT NULL CHECK (${TEXT('catatan')}),
${OLEH_COLUMNS}`;

export const migration = oneTableMigration(13, 'kab-kejadian-selesai', 'kab_kejadian_selesai', COLUMNS);
