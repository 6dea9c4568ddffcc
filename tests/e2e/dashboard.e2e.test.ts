import { readFile } from "node:fs/promises";
import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { NAME_AND_BUDGET_FLOW } from "../support/flows";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The dashboard cockpit in Chromium: an admin's charts render (Recharts, loaded lazily), the inbox
// filter narrows them to an empty inbox and the empty state says what to do, a chart's CSV
// downloads with pt-BR headers; an agent sees only their own performance.

const { browser, tenant } = e2eSuite();
let quietInbox: string;

beforeAll(async () => {
  const q = async (sql: string, params: unknown[]) => (await owner().query(sql, params)).rows[0] as { id: string };
  const tid = tenant().id;
  const web = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tid])).id;
  quietInbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'WhatsApp vazio', 'whatsapp') returning id", [tid])).id;
  const flow = (await q("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, $2) returning id", [tid, JSON.stringify(NAME_AND_BUDGET_FLOW)])).id;
  for (const [answers, qualified] of [[["name", "budget"], true], [["name"], false]] as const) {
    const lead = (await q("insert into leads (tenant_id, name, source, visitor_id, created_at) values ($1, 'Lead', 'web', gen_random_uuid()::text, now() - interval '1 day') returning id", [tid])).id;
    const state = { flowVersion: 1, stepId: null, revision: 1, answers: Object.fromEntries(answers.map((s) => [s, { value: "x", score: 10, raw: "x" }])), score: 0, invalidCount: 0, reminderCount: 0, status: "active", contact: {}, path: ["name", "budget"] };
    const conv = (
      await q("insert into conversations (tenant_id, inbox_id, lead_id, flow_id, bot_state, assigned_to, first_response_at, created_at) values ($1, $2, $3, $4, $5, $6, now() - interval '1 day' + interval '2 minutes', now() - interval '1 day') returning id", [
        tid,
        web,
        lead,
        flow,
        JSON.stringify(state),
        tenant().users.agent.id,
      ])
    ).id;
    if (qualified) await q("insert into conversation_events (tenant_id, conversation_id, kind) values ($1, $2, 'qualified') returning id", [tid, conv]);
    await q("insert into messages (tenant_id, conversation_id, sender, text, created_at) values ($1, $2, 'lead', 'oi', now() - interval '1 day') returning id", [tid, conv]);
  }
});

describe("dashboard in Chromium", () => {
  it("admin: charts render, the inbox filter empties them with guidance, a chart downloads as CSV", async () => {
    const ctx = await browser().newContext({ acceptDownloads: true });
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, "/");

    const funnel = page.getByTestId("chart-botFunnel");
    await funnel.and(page.locator('[data-state="ready"]')).waitFor();
    await funnel.locator(".recharts-surface").first().waitFor();
    await funnel.getByText("Qual é o orçamento?").first().waitFor();
    await page.getByTestId("chart-volumeByHour").locator(".recharts-surface").first().waitFor();
    await page.getByTestId("chart-sources").locator(".recharts-surface").first().waitFor();
    await page.getByTestId("agent-row").first().waitFor();

    const download = page.waitForEvent("download");
    await page.getByTestId("csv-botFunnel").click();
    const file = await (await download).path();
    const csv = (await readFile(file, "utf8")).replace(/^\ufeff/, "").split("\r\n");
    expect(csv.slice(0, 5)).toEqual(["Etapa;Conversas;Responderam;Pararam aqui", "Iniciadas;2;;", "Qual é o seu nome?;2;2;0", "Qual é o orçamento?;2;1;1", "Qualificadas;1;;"]);

    await page.getByLabel("Caixa de entrada").selectOption(quietInbox);
    await funnel.and(page.locator('[data-state="empty"]')).waitFor();
    await funnel.getByText("Nenhuma conversa com o bot neste período.").waitFor();
    await funnel.getByRole("link", { name: "Criar fluxo" }).waitFor();
    expect(await page.getByTestId("csv-botFunnel").isDisabled()).toBe(true);

    await page.getByLabel("Caixa de entrada").selectOption("");
    await page.getByLabel("Período").selectOption({ label: "Últimos 7 dias" });
    await funnel.and(page.locator('[data-state="ready"]')).waitFor();
    await ctx.close();
  });

  it("agent: only their own performance, no tenant-wide charts", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await signedIn(page, `http://${tenant().host}`, tenant().users.agent, "/");
    await page.getByTestId("chart-agents").and(page.locator('[data-state="ready"]')).waitFor();
    expect(await page.getByTestId("agent-row").count()).toBe(1);
    // The card holds the agent's own figures: titled for that, not "Desempenho da equipe".
    await page.getByTestId("chart-agents").getByText("Meus números", { exact: true }).waitFor();
    expect(await page.getByText("Desempenho da equipe").count()).toBe(0);
    expect(await page.getByTestId("chart-botFunnel").count()).toBe(0);
    expect(await page.getByLabel("Caixa de entrada").count()).toBe(0);
    await ctx.close();
  });
});
