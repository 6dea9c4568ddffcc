import { describe, expect, it } from "vitest";
import { defaultLeadScoreWeights, leadScoreWeightsInput, leadScoreWeightsSchema } from "./lead-score";

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
