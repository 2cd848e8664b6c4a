// The ordered list of schema migrations, versions strictly increasing. Add a line per new migration file, with the
// next free number; never a number lower than the highest listed (it would not run on databases already past it).
import { auditedTablesOf, type Migration } from '../migrate';
import { migration as m0001 } from './0001-core';
import { migration as m0002 } from './0002-documents';
import { migration as m0003 } from './0003-channels';
import { migration as m0004 } from './0004-penerima';
import { migration as m0005 } from './0005-kirim';
import { migration as m0006 } from './0006-penerima-ditolak';
import { migration as m0007 } from './0007-sidang';
import { migration as m0008 } from './0008-kirim-setelan';
import { migration as m0009 } from './0009-tunda';
import { migration as m0010 } from './0010-kabkota-pleno';
import { migration as m0011 } from './0011-kirim-ditolak';
import { migration as m0012 } from './0012-hadir-batal';
import { migration as m0013 } from './0013-kab-kejadian-selesai';

export const migrations: Migration[] = [
  m0001,
  m0002,
  m0003,
  m0004,
  m0005,
  m0006,
  m0007,
  m0008,
  m0009,
  m0010,
  m0011,
  m0012,
  m0013,
];

/** Every audited table of every migration: what `audit verify` requires to be registered in audit_table. */
export const AUDITED_TABLES: readonly string[] = auditedTablesOf(migrations);
