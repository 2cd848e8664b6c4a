// The pemilihan last chosen in this tab (Beranda and Pleno open on it), kept in sessionStorage.
import type { PemilihanId } from '../../../shared/domain/model';

const KEY = 'pleno.pemilihan';

export function rememberedPemilihan(): PemilihanId | undefined {
  try {
    return (sessionStorage.getItem(KEY) as PemilihanId | null) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberPemilihan(id: PemilihanId): void {
  try {
    sessionStorage.setItem(KEY, id);
  } catch {
    // Storage unavailable: the choice is simply not remembered.
  }
}
