import { describe, expect, it } from "vitest";
import type { FlowBands } from "@vendaflow/validators/flow";
import { bandOptionId } from "./budget-band";

const ranges: FlowBands["ranges"] = [
  { optionId: "a", max: 1000 },
  { optionId: "b", min: 1000, max: 5000 },
  { optionId: "c", min: 5000 },
];

describe("bandOptionId", () => {
  it("lower_inclusive puts each bound in the band above it", () => {
    const bands: FlowBands = { boundary: "lower_inclusive", ranges };
    expect([0, 999.99, 1000, 4999, 5000, 1e9].map((n) => bandOptionId(bands, n))).toEqual(["a", "a", "b", "b", "c", "c"]);
  });

  it("upper_inclusive puts each bound in the band below it", () => {
    const bands: FlowBands = { boundary: "upper_inclusive", ranges };
    expect([999.99, 1000, 1000.01, 5000, 5000.01].map((n) => bandOptionId(bands, n))).toEqual(["a", "a", "b", "b", "c"]);
  });

  it("gives undefined when no band holds the amount", () => {
    expect(bandOptionId({ boundary: "lower_inclusive", ranges: [{ optionId: "a", min: 10, max: 20 }] }, 5)).toBeUndefined();
  });
});

describe("bandOptionId with a gap below the first band", () => {
  const gapped: FlowBands["ranges"] = [{ optionId: "b", min: 1000, max: 5000 }];

  it("upper_inclusive leaves the lower bound itself out", () => {
    const bands: FlowBands = { boundary: "upper_inclusive", ranges: gapped };
    expect([999, 1000, 1000.01, 5000, 5000.01].map((n) => bandOptionId(bands, n))).toEqual([undefined, undefined, "b", "b", undefined]);
  });

  it("lower_inclusive takes the lower bound in and leaves the upper out", () => {
    const bands: FlowBands = { boundary: "lower_inclusive", ranges: gapped };
    expect([999.99, 1000, 4999.99, 5000].map((n) => bandOptionId(bands, n))).toEqual([undefined, "b", "b", undefined]);
  });
});
