// The ordered list of schema migrations (versions 1, 2, 3... without gaps). Add a line per new migration file.
import type { Migration } from '../migrate';
import { migration as m0001 } from './0001-core';

export const migrations: Migration[] = [m0001];
