import { beforeEach, describe, expect, it } from "vitest";
import { Outbox } from "./outbox";

// The browser's Storage, in memory: Node has no localStorage.
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) },
});

const KEY = "vendaflow:pk:unsent";
const item = (cid: string, text: string) => ({ input: { clientMessageId: cid, text }, display: text });

describe("Outbox", () => {
  beforeEach(() => store.clear());

  it("keeps unconfirmed messages for the next page under the same token, and forgets each once confirmed", () => {
    const first = new Outbox(KEY);
    expect(first.adopt("tok-1")).toEqual([]);
    first.add(item("c1", "oi"));
    first.add(item("c2", "meu e-mail é ana@exemplo.com.br"));
    first.done("c1");

    const next = new Outbox(KEY);
    expect(next.adopt("tok-1")).toEqual([item("c2", "meu e-mail é ana@exemplo.com.br")]);
    next.done("c2");
    expect(store.has(KEY)).toBe(false);
  });

  it("drops what another visitor token wrote, and survives garbage", () => {
    const first = new Outbox(KEY);
    first.adopt("tok-1");
    first.add(item("c1", "oi"));
    expect(new Outbox(KEY).adopt("tok-2")).toEqual([]);
    expect(store.has(KEY)).toBe(false);

    store.set(KEY, "{not json");
    expect(new Outbox(KEY).adopt("tok-1")).toEqual([]);
    store.set(KEY, JSON.stringify({ token: "tok-1", items: [null, { display: 1 }, item("c3", "ok")] }));
    expect(new Outbox(KEY).adopt("tok-1")).toEqual([item("c3", "ok")]);
  });

  it("a new token in the same page voids the old session's messages", () => {
    const box = new Outbox(KEY);
    box.adopt("tok-1");
    box.add(item("c1", "oi"));
    expect(box.adopt("tok-2")).toEqual([]);
  });
});
