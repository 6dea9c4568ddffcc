import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CONVERSATION_EVENT_KINDS } from "@vendaflow/validators/plain/inbox";
import { WA_DISCONNECTED_TEXT } from "@vendaflow/validators/plain/whatsapp-account";
import { analytics } from "./analytics";
import { auditActions } from "./audit-log";
import { channels } from "./channels";
import { crmLeads } from "./crm-leads";
import { inboxTimeline } from "./inbox-timeline";
import { inboxRestriction } from "./inbox-restriction";
import { inboxes } from "./inboxes";

describe("inboxes catalog: what Meta said of a number", () => {
  it("the card's disconnect reasons are the very words of the failed message's delivery error (one source, not a copy)", () => {
    expect(inboxes.disconnected.reasons).toBe(WA_DISCONNECTED_TEXT);
  });

  it("that source imports nothing (no zod): the /inboxes page's first load stays within its budget", () => {
    const source = readFileSync(fileURLToPath(import.meta.resolve("@vendaflow/validators/plain/whatsapp-account")), "utf8");
    expect(source).not.toMatch(/^\s*(import|export\s.*\sfrom)\s/m);
  });

  it("names Meta's restriction types and the token_revoked audit row in pt-BR", () => {
    expect(inboxRestriction.types.RESTRICTED_BIZ_INITIATED_MESSAGING).toContain("Iniciar conversas");
    expect(inboxRestriction.until("Algo", "10/12/2026, 09:00:00")).toBe("Algo até 10/12/2026, 09:00:00.");
    expect(auditActions["whatsapp.token_revoked"]).toContain("revogou");
  });
});

describe("channels catalog", () => {
  it("names the web channel as the leads' origin and the dashboard's channel chart do (one word for the widget on the site)", () => {
    expect(channels.web).toBe(crmLeads.sources.web);
    expect(channels.web).toBe(analytics.charts.channels.labels.web);
  });
});

describe("conversation timeline catalog", () => {
  it("names every kind of event core records (no \"Evento: meeting_offered\" in an agent's timeline)", () => {
    const unnamed = CONVERSATION_EVENT_KINDS.filter((kind) => !inboxTimeline.events[kind]);
    expect(unnamed).toEqual([]);
  });
});
