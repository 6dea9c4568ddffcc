import { describe, expect, it } from "vitest";
import { z } from "zod";
import { defaultLeadScoreWeights, leadScoreFactSchema, leadScoreFacts, leadScoreWeightsInput, leadScoreWeightsSchema } from "./lead-score";

const fieldId = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

describe("leadScoreWeightsSchema", () => {
  it("accepts the defaults", () => {
    expect(leadScoreWeightsSchema.parse(defaultLeadScoreWeights)).toEqual(defaultLeadScoreWeights);
  });
  it("bounds points to ±100 and caps to whole counts", () => {
    expect(leadScoreWeightsSchema.safeParse({ ...defaultLeadScoreWeights, perMessage: 101 }).success).toBe(false);
    expect(leadScoreWeightsSchema.safeParse({ ...defaultLeadScoreWeights, perMessage: -100 }).success).toBe(true);
    expect(leadScoreWeightsSchema.safeParse({ ...defaultLeadScoreWeights, maxMessages: 1.5 }).success).toBe(false);
  });
  it("scores at most 50 custom fields with at most 50 values each", () => {
    const values = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`v${i}`, 1]));
    const fields = (n: number, per: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [fieldId(i), values(per)]));
    expect(leadScoreWeightsSchema.safeParse({ ...defaultLeadScoreWeights, customFields: fields(50, 50) }).success).toBe(true);
    expect(leadScoreWeightsSchema.safeParse({ ...defaultLeadScoreWeights, customFields: fields(51, 1) }).error!.issues[0]!.message).toBe("Até 50 campos pontuados.");
    expect(leadScoreWeightsSchema.safeParse({ ...defaultLeadScoreWeights, customFields: fields(1, 51) }).error!.issues[0]!.message).toBe("Até 50 valores por campo.");
  });
  it("lets an admin change one weight alone", () => {
    expect(leadScoreWeightsInput.parse({ perReply: 3 })).toEqual({ perReply: 3 });
  });
});

describe("leadScoreFacts (the browser's zod-free reading)", () => {
  const ok = { kind: "bant", key: "budget", points: 30, reason: "Orçamento acima de R$ 10 mil." };
  const cases: unknown[] = [
    [],
    [ok],
    [ok, { kind: "custom_field", key: "x", points: -5, reason: "", extra: true }],
    [{ ...ok, kind: "other" }],
    [{ ...ok, points: 1.5 }],
    [{ ...ok, points: Number.MAX_SAFE_INTEGER + 1 }],
    [{ ...ok, points: Number.NaN }],
    [{ ...ok, points: "3" }],
    [{ ...ok, key: 1 }],
    [{ ...ok, reason: null }],
    [ok, null],
    [ok, "x"],
    { 0: ok },
    null,
    undefined,
    "[]",
  ];
  it.each(cases.map((c) => [JSON.stringify(c) ?? String(c), c]))("answers as z.array(leadScoreFactSchema).safeParse: %s", (_label, value) => {
    const zod = z.array(leadScoreFactSchema).safeParse(value);
    expect(leadScoreFacts(value)).toEqual(zod.success ? zod.data : null);
  });
});
