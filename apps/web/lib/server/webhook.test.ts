import { describe, expect, it } from "vitest";
import { webhookResponse } from "./webhook";

describe("webhookResponse", () => {
  it("401 for a bad signature, 400 with issues for a bad body, 200 for every verified event", async () => {
    const bad = webhookResponse({ status: "invalid_signature" });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: "invalid_signature" });
    const invalid = webhookResponse({ status: "invalid_payload", issues: [{ path: ["id"], message: "Evento sem id." }] });
    expect(invalid.status).toBe(400);
    expect(await invalid.json()).toMatchObject({ error: "invalid_payload", issues: [{ path: ["id"], message: "Evento sem id." }] });
    // Providers retry anything but 2xx: duplicates and events of no tenant are acknowledged.
    for (const status of ["unrouted", "echo", "duplicate", "processed"] as const) {
      const res = webhookResponse(status === "unrouted" || status === "echo" ? { status } : { status, tenantId: "t" });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, status });
    }
  });
});
