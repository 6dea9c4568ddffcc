import { beforeAll, describe, expect, it } from "vitest";
import { axeReport } from "../support/axe";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The bell in Chromium with more than conversations in it: a deal given to the person, a bulk
// assignment, a meeting booked with their lead, an LGPD request for an admin. Each reads in pt-BR
// (never its stored kind) and opens what it is about.

const { browser, tenant } = e2eSuite();
const ids: Record<string, string> = {};

beforeAll(async () => {
  const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
  const stage = (await owner().query("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [tenant().id])).rows[0];
  ids.deal = (await q("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, owner_id) values ($1, $2, $3, 'Plano Enterprise', 10, $4) returning id", [tenant().id, stage.pipeline_id, stage.id, tenant().users.agent.id])).id;
  ids.lead = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Bruno Reunião', 'web', gen_random_uuid()::text) returning id", [tenant().id])).id;
  const note = (user: string, kind: string, data: object, minutesAgo: number) =>
    owner().query("insert into notifications (tenant_id, user_id, kind, data, created_at) values ($1, $2, $3, $4, now() - make_interval(mins => $5))", [tenant().id, user, kind, JSON.stringify(data), minutesAgo]);
  await note(tenant().users.agent.id, "deal_assigned", { count: 3, ownerId: tenant().users.agent.id }, 30);
  await note(tenant().users.agent.id, "meeting_booked", { leadId: ids.lead, meetingId: ids.lead, title: "Demonstração (30 min)", startsAt: new Date().toISOString() }, 20);
  await note(tenant().users.agent.id, "deal_assigned", { dealId: ids.deal, title: "Plano Enterprise" }, 10);
  await note(tenant().users.admin.id, "privacy_request", { requestId: ids.lead, protocol: "LGPD-2026-0042", kind: "access" }, 5);
});

describe("the bell's notifications in Chromium", () => {
  it("an agent's deal and meeting notifications read in pt-BR and open the deal, the board and the lead", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, "/");
    await page.getByTestId("notification-bell").click();
    const panel = page.getByRole("dialog", { name: "Notificações" });
    const items = panel.getByTestId("notification-item");
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBe(3);
    expect((await items.allInnerTexts()).map((x) => x.split("\n").slice(0, 2).join(" | "))).toEqual([
      "Negócio atribuído a você | Plano Enterprise",
      "Reunião agendada | Bruno Reunião",
      "Negócio atribuído a você | 3 negócios",
    ]);
    expect(await axeReport(page)).toEqual([]);
    await items.nth(0).getByRole("button").click();
    await page.waitForURL(`${base}/deals/${ids.deal}`);
    await page.getByTestId("notification-bell").click();
    await items.nth(1).getByRole("button").click();
    await page.waitForURL(`${base}/leads/${ids.lead}`);
    await page.getByTestId("notification-bell").click();
    await items.nth(2).getByRole("button").click();
    await page.waitForURL(`${base}/deals?owner=${tenant().users.agent.id}`);
  });

  it("an admin's LGPD request reads as such, with its protocol, and opens the requests", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, "/");
    await page.getByTestId("notification-bell").click();
    const item = page.getByTestId("notification-item").filter({ hasText: "Novo pedido LGPD de um titular" });
    await item.waitFor();
    expect(await item.getByTestId("notification-detail").innerText()).toBe("Protocolo LGPD-2026-0042");
    await item.getByRole("button").click();
    await page.waitForURL(`${base}/privacy`);
  });
});
