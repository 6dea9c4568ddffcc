import { describe, expect, it } from "vitest";
import { decodeCursor, keysetPage } from "./keyset";

const row = (i: number) => ({ id: `id-${i}`, at: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, i)) });
const rows = (n: number) => Array.from({ length: n }, (_, i) => row(n - i));
const at = (r: { at: Date }) => r.at;

describe("keysetPage", () => {
  it("limit+1 rows: a full page and the cursor of its last row", () => {
    const page = keysetPage(rows(3), 2, at);
    expect(page.items.map((r) => r.id)).toEqual(["id-3", "id-2"]);
    expect(page.nextCursor).toBe(`${row(2).at.toISOString()}|id-2`);
  });
  it("exactly limit rows: the last page, no cursor", () => {
    const page = keysetPage(rows(2), 2, at);
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).toBeNull();
  });
  it("fewer rows than the limit, and none", () => {
    expect(keysetPage(rows(1), 2, at)).toEqual({ items: [row(1)], nextCursor: null });
    expect(keysetPage([], 2, at)).toEqual({ items: [], nextCursor: null });
  });
  it("limit 1 with two rows pages by one", () => {
    const page = keysetPage(rows(2), 1, at);
    expect(page.items.map((r) => r.id)).toEqual(["id-2"]);
    expect(page.nextCursor).toBe(`${row(2).at.toISOString()}|id-2`);
  });
  it("the cursor round-trips through decodeCursor at millisecond precision", () => {
    const cursor = keysetPage(rows(5), 3, at).nextCursor!;
    expect(decodeCursor(cursor)).toEqual({ at: row(3).at, id: "id-3" });
    expect(decodeCursor(cursor)!.at.getUTCMilliseconds()).toBe(3);
  });
});

describe("decodeCursor", () => {
  it("no cursor, or one without an id or a valid date, decodes to null", () => {
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor("")).toBeNull();
    expect(decodeCursor("2026-01-01T00:00:00.000Z")).toBeNull();
    expect(decodeCursor("2026-01-01T00:00:00.000Z|")).toBeNull();
    expect(decodeCursor("not-a-date|abc")).toBeNull();
    expect(decodeCursor("|abc")).toBeNull();
  });
  it("an id after the first | is kept whole up to the next |", () => {
    expect(decodeCursor("2026-01-01T00:00:00.000Z|abc|def")).toEqual({ at: new Date("2026-01-01T00:00:00.000Z"), id: "abc" });
  });
});
