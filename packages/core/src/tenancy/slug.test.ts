import { describe, expect, it } from "vitest";
import { nextPreviousSlugs } from "./slug";

describe("nextPreviousSlugs", () => {
  it("puts the old address first", () => {
    expect(nextPreviousSlugs("a", [], "b")).toEqual({ kept: ["a"], freed: [] });
    expect(nextPreviousSlugs("b", ["a"], "c")).toEqual({ kept: ["b", "a"], freed: [] });
  });

  it("going back to an alias takes it off the list", () => {
    expect(nextPreviousSlugs("c", ["b", "a"], "a")).toEqual({ kept: ["c", "b"], freed: [] });
  });

  it("keeps the 5 most recent and frees the rest", () => {
    expect(nextPreviousSlugs("f", ["e", "d", "c", "b", "a"], "g")).toEqual({ kept: ["f", "e", "d", "c", "b"], freed: ["a"] });
    // Back to an alias at the cap: nothing is freed, the list stays at 5.
    expect(nextPreviousSlugs("f", ["e", "d", "c", "b", "a"], "a")).toEqual({ kept: ["f", "e", "d", "c", "b"], freed: [] });
  });
});
