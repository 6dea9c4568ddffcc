import { describe, expect, it } from "vitest";
import { leadCampaign } from "./campaign";

describe("leadCampaign", () => {
  it("reads the ad a lead came from out of source_details.campaign", () => {
    expect(leadCampaign({ campaign: { sourceId: "120208", sourceType: "ad", headline: "Promoção de verão", sourceUrl: "https://fb.me/abc", ctwaClid: "CLID", body: "Fale conosco" } })).toEqual({
      sourceId: "120208",
      sourceType: "ad",
      headline: "Promoção de verão",
      body: "Fale conosco",
      sourceUrl: "https://fb.me/abc",
      ctwaClid: "CLID",
    });
  });
  it("keeps only http(s) links and strings; nothing without an id, headline or click id", () => {
    expect(leadCampaign({ campaign: { sourceId: "1", sourceUrl: "javascript:alert(1)" } })?.sourceUrl).toBeNull();
    expect(leadCampaign({ campaign: { headline: 7, sourceId: " " } })).toBeNull();
    expect(leadCampaign({ campaign: ["x"] })).toBeNull();
    expect(leadCampaign({})).toBeNull();
    expect(leadCampaign(null)).toBeNull();
  });
});
