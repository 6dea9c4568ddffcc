import { describe, expect, it } from "vitest";
import { fillSchedulingUrl } from "../bot/outcome";
import { bookingLinkTemplate } from "./offer";

const lead = { name: "João Silva", email: "joao+vendas@x.com", leadId: "0b6f7c1e-1111-4222-8333-444455556666" };

describe("booking links", () => {
  it("Calendly: name and e-mail prefilled, the lead reference in utm_content (Calendly returns it in tracking)", () => {
    const url = new URL(fillSchedulingUrl(bookingLinkTemplate("calendly", "https://calendly.com/vendas/demo-30"), lead));
    expect(url.origin + url.pathname).toBe("https://calendly.com/vendas/demo-30");
    expect(Object.fromEntries(url.searchParams)).toEqual({ name: "João Silva", email: "joao+vendas@x.com", utm_source: "vendaflow", utm_medium: "chat", utm_content: lead.leadId });
  });
  it("Cal.com: the lead reference as booking metadata; a page that already has a query keeps it", () => {
    const url = new URL(fillSchedulingUrl(bookingLinkTemplate("calcom", "https://cal.com/vendas/demo?layout=month_view"), lead));
    expect(url.searchParams.get("layout")).toBe("month_view");
    expect(url.searchParams.get("metadata[vendaflow_lead]")).toBe(lead.leadId);
    expect(url.searchParams.get("name")).toBe("João Silva");
  });
  it("a lead without name or e-mail gets empty prefills, never a literal placeholder", () => {
    const url = fillSchedulingUrl(bookingLinkTemplate("calendly", "https://calendly.com/v/d"), { leadId: "x" });
    expect(url).not.toMatch(/\{(name|email|leadId)\}/);
    expect(new URL(url).searchParams.get("name")).toBe("");
  });
});
