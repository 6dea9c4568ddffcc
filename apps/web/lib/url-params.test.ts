import { describe, expect, it } from "vitest";
import { countOrBlank, dayOrBlank, idOrBlank, one, oneOf, paramsOf, withParams } from "./url-params";

const ID = "0b6f3c1e-2a4d-4e8f-9c10-1234567890ab";

describe("url-params: reading", () => {
  it("one: the single value of a key; absent or repeated is blank", () => {
    expect(one({ q: "ana" }, "q")).toBe("ana");
    expect(one({}, "q")).toBe("");
    expect(one({ q: ["a", "b"] }, "q")).toBe("");
  });

  it("oneOf, ids, days and counts: anything else is blank", () => {
    expect(oneOf("won", ["open", "won"] as const)).toBe("won");
    expect(oneOf("WON", ["open", "won"] as const)).toBe("");
    expect(idOrBlank(ID)).toBe(ID);
    expect(idOrBlank(ID.toUpperCase())).toBe(ID.toUpperCase());
    for (const bad of ["", "1; drop", `${ID}x`, ID.slice(1), "00000000-0000-0000-0000-00000000000g"]) expect(idOrBlank(bad)).toBe("");
    expect(dayOrBlank("2026-12-01")).toBe("2026-12-01");
    for (const bad of ["2026-02-30", "2026-13-01", "01/12/2026", "2026-12-1", ""]) expect(dayOrBlank(bad)).toBe("");
    expect(countOrBlank("40", 1000)).toBe("40");
    expect(countOrBlank("007", 1000)).toBe("7");
    for (const bad of ["-5", "1e3", "1001", "4.5", " 4", ""]) expect(countOrBlank(bad, 1000)).toBe("");
  });

  it("paramsOf: a URL's query as a page's searchParams (repeated keys as arrays)", () => {
    expect(paramsOf(new URLSearchParams("q=ana&tag=a&tag=b&empty="))).toEqual({ q: "ana", tag: ["a", "b"], empty: "" });
  });
});

describe("url-params: writing", () => {
  it("sets values, drops blank ones, keeps the other parameters", () => {
    const url = withParams(new URL("https://x.test/leads?c=keep&stage=new&q=old"), { stage: "qualified", q: "  ", source: null, minScore: " 40 " });
    expect(url.pathname + url.search).toBe("/leads?c=keep&stage=qualified&minScore=40");
  });

  it("round trip: what is written reads back the same", () => {
    const values = { q: "João & Cia / 100%", stage: "nurture", cf: ID };
    const params = paramsOf(withParams(new URL("https://x.test/leads"), values).searchParams);
    expect(Object.fromEntries(Object.keys(values).map((k) => [k, one(params, k)]))).toEqual(values);
  });
});
