// A folder that may be missing or unreadable (a drive pulled out, a data folder not made yet) has no names to list.
import { readdirSync } from 'node:fs';

export function namesIn(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
