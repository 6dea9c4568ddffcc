import { describe, expect, it } from "vitest";
import { keepSlidOut, refreshOlder, type Older } from "./transcript-pages";

type M = { id: string; seq: number; delivery_status: string | null; text: string | null; edited_at: Date | null };
const msg = (seq: number, over: Partial<M> = {}): M => ({ id: `m${seq}`, seq, delivery_status: "sent", text: `mensagem ${seq}`, edited_at: null, ...over });

describe("refreshOlder", () => {
  const older: Older<M> = { messages: [msg(1), msg(2), msg(3)], hasOlder: true };

  it("gives each loaded older message its new state: delivery tick, edit, delete", () => {
    const edited = new Date("2026-12-07T03:00:00Z");
    const next = refreshOlder(older, [msg(1, { delivery_status: "read" }), msg(2, { text: "corrigida", edited_at: edited }), msg(3, { text: null, delivery_status: "failed" })]);
    expect(next.messages).toEqual([msg(1, { delivery_status: "read" }), msg(2, { text: "corrigida", edited_at: edited }), msg(3, { text: null, delivery_status: "failed" })]);
    expect(next.hasOlder).toBe(true);
  });

  it("keeps the messages the refresh did not bring (beyond its limit) as they were, in order", () => {
    const next = refreshOlder(older, [msg(3, { delivery_status: "delivered" })]);
    expect(next.messages.map((m) => [m.seq, m.delivery_status])).toEqual([[1, "sent"], [2, "sent"], [3, "delivered"]]);
    expect(next.messages[0]).toBe(older.messages[0]);
  });

  it("ignores rows it does not show (no message is added)", () => {
    expect(refreshOlder(older, [msg(9, { delivery_status: "read" })]).messages).toHaveLength(3);
  });

  it("is the same object when nothing changed, so the timeline does not render again", () => {
    expect(refreshOlder(older, [msg(1), msg(2), msg(3)])).toBe(older);
    expect(refreshOlder(older, [])).toBe(older);
  });
});

describe("keepSlidOut", () => {
  it("keeps what slid out of the newest page after the older pages", () => {
    const older: Older<M> = { messages: [msg(1)], hasOlder: false };
    expect(keepSlidOut(older, [msg(2), msg(3)], [msg(3), msg(4)])?.messages.map((m) => m.seq)).toEqual([1, 2]);
  });

  it("drops the older pages when the new newest page starts after the previous one ended (a gap)", () => {
    expect(keepSlidOut({ messages: [msg(1)], hasOlder: true }, [msg(2)], [msg(5)])).toBeNull();
  });
});
