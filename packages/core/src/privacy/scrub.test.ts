import { describe, expect, it } from "vitest";
import { jsonPatterns, MARK, scrubText, scrubValue, termsOf } from "./scrub";

describe("anonymisation scrub", () => {
  it("builds distinct terms, longest first, with phone digits, skipping short ones", () => {
    expect(termsOf(["Ana", "Ana Souza", "ana@x.com.br", "+55 (11) 98765-4321", null, "  "])).toEqual(["+55 (11) 98765-4321", "5511987654321", "ana@x.com.br", "Ana Souza"]);
  });

  it("replaces every occurrence, case-insensitive, and regex characters are literal", () => {
    expect(scrubText("Oi, ANA SOUZA! ana souza (ana+1@x.com)", ["Ana Souza", "ana+1@x.com"])).toBe(`Oi, ${MARK}! ${MARK} (${MARK})`);
    expect(scrubText("a.b", ["a*b"])).toBe("a.b");
  });

  it("walks JSON values: strings, arrays, nested objects and keys", () => {
    const v = { name: "Zé Titular", list: ["zé titular", 3, null], nested: { "Zé Titular": true }, n: 5 };
    expect(scrubValue(v, ["Zé Titular"])).toEqual({ name: MARK, list: [MARK, 3, null], nested: { [MARK]: true }, n: 5 });
  });

  it("SQL patterns match the JSON-escaped text", () => {
    const [p] = jsonPatterns(['diz "oi"\n.']);
    expect(new RegExp(p!).test(JSON.stringify({ t: 'diz "oi"\n.' }))).toBe(true);
  });
});
