/**
 * Keyset pagination on (timestamp, id), newest first. Cursors are "<iso>|<id>"; the timestamp
 * columns paged this way are stored at millisecond precision so they round-trip through Date.
 */
export function decodeCursor(cursor: string | undefined): { at: Date; id: string } | null {
  if (!cursor) return null;
  const [iso, id] = cursor.split("|");
  const at = new Date(iso ?? "");
  return id && !Number.isNaN(at.getTime()) ? { at, id } : null;
}

/** Cuts the limit+1 rows a query fetched into a page and the cursor of the next one. */
export function keysetPage<T extends { id: string }>(rows: T[], limit: number, at: (row: T) => Date) {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? `${at(last).toISOString()}|${last.id}` : null };
}
