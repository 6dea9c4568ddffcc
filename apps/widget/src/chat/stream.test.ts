import { afterEach, describe, expect, it, vi } from "vitest";
import { openStream, reconnectDelayMs } from "./stream";

describe("reconnectDelayMs", () => {
  it("doubles from 1 s to a 30 s cap, each step between half its base and its base", () => {
    const bases = [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000];
    for (const [i, base] of bases.entries()) {
      expect(reconnectDelayMs(i + 1, () => 0)).toBe(base / 2);
      expect(reconnectDelayMs(i + 1, () => 0.999_999)).toBeCloseTo(base, -1);
    }
  });

  it("spreads visitors cut off together over the step's upper half", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    const delays = Array.from({ length: 1000 }, () => reconnectDelayMs(1, random));
    // 1,000 visitors, one-second step: no 50 ms slot of [500, 1000) holds more than a few percent.
    const slots = new Map<number, number>();
    for (const d of delays) slots.set(Math.floor(d / 50), (slots.get(Math.floor(d / 50)) ?? 0) + 1);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(500);
    expect(Math.max(...delays)).toBeLessThan(1000);
    expect(slots.size).toBe(10);
    expect(Math.max(...slots.values())).toBeLessThan(150);
  });
});

/** The browser's EventSource, as far as openStream uses it (the unit tier has no DOM). */
class FakeEventSource extends EventTarget {
  static OPEN = 1;
  static last: FakeEventSource | undefined;
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close(): void {
    this.readyState = 2;
  }
}

describe("openStream", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it("clears the typing indicator when the stream drops, instead of leaving it up until its 20 s timeout", () => {
    vi.useFakeTimers();
    const page = new EventTarget();
    vi.stubGlobal("EventSource", FakeEventSource);
    vi.stubGlobal("document", Object.assign(new EventTarget(), { hidden: false }));
    vi.stubGlobal("addEventListener", page.addEventListener.bind(page));
    vi.stubGlobal("removeEventListener", page.removeEventListener.bind(page));
    const typing: boolean[] = [];
    const stop = openStream({ url: () => "/stream", poll: () => new Promise(() => {}), onMessage: () => {}, onTyping: (on) => typing.push(on), onConnected: () => {} });
    const es = FakeEventSource.last!;
    es.readyState = FakeEventSource.OPEN;
    es.onopen?.();
    es.dispatchEvent(new MessageEvent("typing", { data: JSON.stringify({ typing: true }) }));
    expect(typing).toEqual([true]);
    es.onerror?.();
    expect(typing).toEqual([true, false]);
    stop();
  });
});
