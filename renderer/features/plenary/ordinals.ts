// Words, not ids: a correction, keberatan or submission is named by its place among those of its TPS in the order
// they were recorded ("Koreksi ke-2", "Kiriman 1"), never by a database id a PPK member cannot relate to anything.

/** 1-based position of `id` among `items` ordered by id (recording order); 0 when absent. */
export function positionOf(items: readonly { id: number }[], id: number | null | undefined): number {
  if (id === null || id === undefined) return 0;
  return [...items].sort((a, b) => a.id - b.id).findIndex((x) => x.id === id) + 1;
}

/** "ke-2", or "" when the item is not in the list. */
export function ordinal(items: readonly { id: number }[], id: number | null | undefined): string {
  const n = positionOf(items, id);
  return n > 0 ? `ke-${n}` : '';
}
