import { afterAll, describe, expect, it } from "vitest";
import { closeOwner, createTenant, owner } from "../support/fixtures";

afterAll(closeOwner);

type Failed = { error: { message: string; data: { code: string; zodIssues: { path: string[]; message: string }[] } } | null };

describe("a field a schema gives no message of its own", () => {
  it("is refused in pt-BR through tRPC (never zod's English default), naming the field, and nothing is saved", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const long = (await admin.trpc("mutation", "tenant.updateSettings", { name: "Empresa", theme: { primaryColor: "#112233", logoUrl: "", botName: "B".repeat(41) } })) as Failed;
    expect(long.error?.data.code).toBe("BAD_REQUEST");
    expect(long.error?.data.zodIssues).toEqual([{ path: ["theme", "botName"], message: "Use no máximo 40 caracteres." }]);
    expect(long.error?.message).toBe("Use no máximo 40 caracteres.");
    const inbox = (await owner().query<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [t.id])).rows[0]!;
    const short = (await admin.trpc("mutation", "inboxes.update", { inboxId: inbox.id, name: "a", isActive: true, settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } })) as Failed;
    expect(short.error?.data.zodIssues).toEqual([{ path: ["name"], message: "Use ao menos 2 caracteres." }]);
    const badId = (await admin.trpc("mutation", "inboxes.update", { inboxId: "nope", name: "Site", isActive: true, settings: { allowedOrigins: [], schedulingUrl: "", templates: {} } })) as Failed;
    expect(badId.error?.data.zodIssues).toEqual([{ path: ["inboxId"], message: "Identificador inválido." }]);
    expect((await owner().query("select name from inboxes where id = $1", [inbox.id])).rows).toEqual([{ name: "Site" }]);
    expect((await owner().query("select settings->'theme'->>'botName' as bot from tenants where id = $1", [t.id])).rows[0].bot).not.toBe("B".repeat(41));
  });
});
