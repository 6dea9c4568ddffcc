import { beforeAll, describe, expect, it } from "vitest";
import { createTenant, owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// "Carga da equipe" in Chromium: an admin opens it from the nav, reads the queue, a warning about a
// deactivated person still holding conversations and an agent's counts, and the agent's name opens
// the inbox on the conversations their "Em aberto" counts (theirs, pending or open). Deactivating an agent on Usuários says how many
// of their conversations go back to the queue, and the queue shows them.

const { browser, tenant } = e2eSuite();

beforeAll(async () => {
  const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
  const tid = tenant().id;
  await q("update users set name = 'Carla Carga' where id = $1 returning id", [tenant().users.agent.id]);
  await q("insert into agent_profiles (tenant_id, user_id, availability, capacity) values ($1, $2, 'online', 4) returning id", [tid, tenant().users.agent.id]);
  const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tid])).id;
  const conv = async (lead: string, assigned: string | null, status: string, slaDue: string | null, last: string, queued: string | null = null) => {
    const l = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, $2, 'web', gen_random_uuid()::text) returning id", [tid, lead])).id;
    const c = (await q(`insert into conversations (tenant_id, inbox_id, lead_id, status, assigned_to, sla_due_at, queued_at) values ($1, $2, $3, $4, $5, ${slaDue ?? "null"}, ${queued ?? "null"}) returning id`, [tid, inbox, l, status, assigned])).id;
    await q("insert into messages (tenant_id, conversation_id, sender, text) values ($1, $2, $3, 'oi') returning id", [tid, c, last]);
  };
  await conv("Lead Atrasado", tenant().users.agent.id, "pending", "now() - interval '20 minutes'", "lead");
  await conv("Lead Respondido", tenant().users.agent.id, "open", null, "agent");
  // Hers, but done: not "Em aberto", and not in the inbox her name opens.
  await conv("Lead Resolvido", tenant().users.agent.id, "resolved", null, "agent");
  await conv("Lead do Admin", tenant().users.admin.id, "open", null, "lead");
  // The queue: one waiting 12 minutes past its deadline, one just in.
  await conv("Lead na Fila", null, "pending", "now() - interval '2 minutes'", "lead", "now() - interval '12 minutes 10 seconds'");
  await conv("Lead Recente", null, "pending", "now() + interval '30 minutes'", "lead", "now()");
  // Someone deactivated before deactivation released conversations, still holding one.
  const gone = (await q("insert into users (tenant_id, email, name, role, is_active) values ($1, 'davi@' || gen_random_uuid()::text || '.test', 'Davi Desligado', 'agent', false) returning id", [tid])).id;
  await conv("Lead Esquecido", gone, "open", null, "lead");
});

describe("team load in Chromium", () => {
  it("shows each agent's counts, and an agent's name opens the inbox on what their \"Em aberto\" counts", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, "/");
    await page.getByRole("link", { name: "Carga da equipe" }).click();
    await page.waitForURL(`${base}/team-load`);
    const row = page.getByTestId("team-load-row").filter({ hasText: "Carla Carga" });
    await row.waitFor();
    expect(await row.getByTestId("load-open").innerText()).toBe("2");
    expect(await row.getByTestId("load-awaiting").innerText()).toBe("1");
    expect(await row.getByTestId("load-overdue").innerText()).toBe("1");
    expect(await row.getByRole("cell").nth(0).innerText()).toBe("Online");
    // The queue comes first; the deactivated person is a warning, not an agent row.
    const queue = page.getByTestId("team-load-queue");
    expect(await queue.getByTestId("queue-waiting").innerText()).toBe("2");
    // 12 min 10 s when seeded; a slow start of the browser may add a minute.
    expect(await queue.getByTestId("queue-oldest").innerText()).toMatch(/^há 1[23] min$/);
    expect(await queue.getByTestId("queue-overdue").innerText()).toBe("1");
    expect(await page.getByTestId("team-load-inactive").innerText()).toContain("Davi Desligado (desativado) ainda tem 1 conversa em aberto");
    expect(await page.getByTestId("team-load-row").filter({ hasText: "Davi Desligado" }).count()).toBe(0);
    expect(await queue.getByRole("link", { name: "Ver a fila na caixa de entrada" }).getAttribute("href")).toBe("/inbox?status=pending&assignee=none");

    await row.getByRole("link", { name: /Carla Carga/ }).click();
    await page.waitForURL(`${base}/inbox?status=active&assignee=${tenant().users.agent.id}`);
    await page.getByTestId("inbox-row").filter({ hasText: "Lead Atrasado" }).waitFor();
    // As many rows as her "Em aberto" (2): her resolved one and the admin's are not listed.
    await expect.poll(() => page.getByTestId("inbox-row").count()).toBe(2);
    expect(await page.getByTestId("inbox-row").filter({ hasText: "Lead do Admin" }).count()).toBe(0);
    expect(await page.getByTestId("inbox-row").filter({ hasText: "Lead Resolvido" }).count()).toBe(0);
    expect(await page.getByTestId("inbox-filter-assignee").inputValue()).toBe(tenant().users.agent.id);
    expect(await page.getByTestId("inbox-tab-active").getAttribute("aria-selected")).toBe("true");
    expect(await page.getByTestId("inbox-tab-active").innerText()).toBe("Em aberto");
    // "Todas" shows the resolved one too: the filter, not the seed, left it out.
    await page.getByTestId("inbox-tab-all").click();
    await page.getByTestId("inbox-row").filter({ hasText: "Lead Resolvido" }).waitFor();
    await ctx.close();
  });

  it("deactivating an agent on Usuários says how many conversations go back to the queue, and the queue has them", async () => {
    const other = await createTenant();
    const q = async (text: string, params: unknown[]) => (await owner().query(text, params)).rows[0] as { id: string };
    await q("update users set name = 'Eva Saindo' where id = $1 returning id", [other.users.agent.id]);
    const inbox = (await q("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [other.id])).id;
    for (const status of ["open", "pending"]) {
      const l = (await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, 'Lead', 'web', gen_random_uuid()::text) returning id", [other.id])).id;
      await q("insert into conversations (tenant_id, inbox_id, lead_id, status, assigned_to) values ($1, $2, $3, $4, $5) returning id", [other.id, inbox, l, status, other.users.agent.id]);
    }
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${other.host}`;
    await signedIn(page, base, other.users.admin, "/users");
    const row = page.locator(`[data-testid="user-row"][data-email="${other.users.agent.email}"]`);
    await row.getByRole("button", { name: "Desativar" }).click();
    // The deactivation dialog (it also asks where open deals and activities go; this agent holds none).
    const ask = page.getByRole("dialog");
    await ask.getByText("Esta pessoa não tem negócios abertos nem atividades pendentes.").waitFor();
    expect(await ask.innerText()).toContain("2 conversas em aberto dele voltam para a fila e serão redistribuídas pelas regras de roteamento.");
    await ask.getByRole("button", { name: "Desativar" }).click();
    await page.getByText("Usuário desativado. 2 conversas voltaram para a fila.").waitFor();
    await row.getByText("Desativado").waitFor();

    await page.goto(`${base}/team-load`);
    const queue = page.getByTestId("team-load-queue");
    await queue.waitFor();
    expect(await queue.getByTestId("queue-waiting").innerText()).toBe("2");
    expect(await page.getByText("Eva Saindo").count()).toBe(0);
    await ctx.close();
  });

  it("an admin moves all of an agent's conversations back to the queue; a viewer has no such button", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, "/team-load");
    const row = page.getByTestId("team-load-row").filter({ hasText: "Carla Carga" });
    await row.waitFor();
    const waiting = Number(await page.getByTestId("queue-waiting").innerText());
    await row.getByRole("button", { name: "Redistribuir as conversas de Carla Carga" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("2 conversas pendentes ou abertas.").waitFor();
    // Nobody else is online: the queue is the only choice.
    expect(await dialog.getByRole("combobox").locator("option").allInnerTexts()).toEqual(["Devolver para a fila (as regras de roteamento redistribuem)"]);
    await dialog.getByRole("button", { name: "Mover 2 conversas" }).click();
    await page.getByText("2 conversas voltaram para a fila.").waitFor();
    await expect.poll(async () => row.getByTestId("load-open").innerText()).toBe("0");
    await expect.poll(async () => Number(await page.getByTestId("queue-waiting").innerText())).toBe(waiting + 2);
    expect(await row.getByRole("button", { name: /Redistribuir/ }).count()).toBe(0);
    await ctx.close();

    const vctx = await browser().newContext();
    const vpage = await vctx.newPage();
    await signedIn(vpage, base, tenant().users.viewer, "/team-load");
    await vpage.getByTestId("team-load-row").first().waitFor();
    expect(await vpage.getByRole("button", { name: /Redistribuir/ }).count()).toBe(0);
    await vctx.close();
  });

  it("agents do not get the page", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, "/");
    expect(await page.getByRole("link", { name: "Carga da equipe" }).count()).toBe(0);
    await page.goto(`${base}/team-load`);
    await page.getByText("Sem acesso a esta página").waitFor();
    await ctx.close();
  });
});
