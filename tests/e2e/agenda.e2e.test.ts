import { beforeAll, describe, expect, it } from "vitest";
import { axeReport } from "../support/axe";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// "Atividades" in Chromium: the dashboard's line about late work; an agent's reminder in the bell
// opens the deal it is about, where a task written is the writer's; the page
// lists the agent's overdue work with its count, ticks one off, undoes it from the toast; a
// meeting the lead booked is listed as such and closed by its outcome, not ticked off; a
// manager sees everyone's, and the late deal on the board.

const { browser, tenant } = e2eSuite();
let dealId: string;
const meetingIds: Record<string, string> = {};

beforeAll(async () => {
  const stage = (await owner().query("select s.id, s.pipeline_id from pipeline_stages s join pipelines p on p.id = s.pipeline_id where s.tenant_id = $1 and p.is_default order by s.position limit 1", [tenant().id])).rows[0];
  dealId = (await owner().query("insert into deals (tenant_id, pipeline_id, stage_id, title, probability, owner_id) values ($1, $2, $3, 'Plano Enterprise', 10, $4) returning id", [tenant().id, stage.pipeline_id, stage.id, tenant().users.agent.id])).rows[0].id;
  const task = (subject: string, type: string, due: string | null, user: string) =>
    owner().query("insert into activities (tenant_id, type, subject, due_at, assigned_to, deal_id) values ($1, $2, $3, now() + $4::interval, $5, $6) returning id", [tenant().id, type, subject, due, user, dealId]);
  await task("Ligar para o financeiro", "call", "-2 days", tenant().users.agent.id);
  await task("Enviar proposta", "task", "-3 hours", tenant().users.agent.id);
  await task("Revisar contrato", "task", "-1 hour", tenant().users.admin.id);
  await task("Apresentação", "meeting", "5 days", tenant().users.agent.id);
  const reminded = (await owner().query("select id from activities where subject = 'Enviar proposta' and tenant_id = $1", [tenant().id])).rows[0].id;
  await owner().query("insert into notifications (tenant_id, user_id, kind, data) values ($1, $2, 'activity_due', $3)", [tenant().id, tenant().users.agent.id, JSON.stringify({ activityId: reminded, type: "task", title: "Enviar proposta", dueAt: new Date().toISOString(), dealId })]);
  // Meetings the lead booked on Calendly, as scheduling/meetings.ts writes them: the deal owner's lines.
  const leadId = (await owner().query("insert into leads (tenant_id, name, email, source, visitor_id) values ($1, 'Joana Prado', 'joana@cliente.com.br', 'web', gen_random_uuid()::text) returning id", [tenant().id])).rows[0].id;
  for (const [title, due, joinUrl] of [["Demonstração (30 min)", "6 days", "https://meet.example.com/e2e"], ["Reunião de retorno", "7 days", null]] as const) {
    const line = (await owner().query("insert into activities (tenant_id, type, system_event, subject, due_at, assigned_to, deal_id, lead_id) values ($1, 'meeting', 'meeting_scheduled', $2, now() + $3::interval, $4, $5, $6) returning id, due_at", [tenant().id, title, due, tenant().users.agent.id, dealId, leadId])).rows[0];
    const id = (await owner().query("insert into meetings (tenant_id, provider, external_id, lead_id, deal_id, title, starts_at, ends_at, join_url, activity_id) values ($1, 'calendly', gen_random_uuid()::text, $2, $3, $4, $5, $5::timestamptz + interval '30 minutes', $6, $7) returning id", [tenant().id, leadId, dealId, title, line.due_at, joinUrl, line.id])).rows[0].id;
    await owner().query("update activities set data = jsonb_build_object('meetingId', $2::text, 'joinUrl', $3::text) where id = $1", [line.id, id, joinUrl]);
    meetingIds[title] = id;
  }
  // The second was rescheduled on Calendly and its new time never came (only the cancel half).
  await owner().query("update meetings set status = 'rescheduled' where id = $1", [meetingIds["Reunião de retorno"]]);
});

describe("Atividades in Chromium", () => {
  it("the bell's reminder opens the deal; the agent's overdue work is listed, ticked off and undone", async () => {
    // A salesperson in Manaus (an hour behind Brasília): what they type is Brasília time, as every list says.
    const page = await (await browser().newContext({ locale: "pt-BR", timezoneId: "America/Manaus" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.agent, "/");
    // The dashboard says what is late, and leads to it.
    await expect.poll(() => page.getByTestId("agenda-summary").textContent()).toBe("Suas atividades: 2 atrasadasVer atividades");
    expect(await axeReport(page)).toEqual([]);
    await page.getByTestId("notification-bell").click();
    const item = page.getByRole("dialog", { name: "Notificações" }).getByTestId("notification-item");
    expect((await item.innerText()).split("\n").slice(0, 2)).toEqual(["Atividade vence em breve", "Enviar proposta"]);
    await item.getByRole("button").click();
    await page.waitForURL(`${base}/deals/${dealId}`);
    // A task written on the deal is the writer's unless they pick someone else.
    const form = page.getByTestId("activity-form");
    await expect.poll(() => form.getByLabel("Responsável").inputValue()).toBe(tenant().users.agent.id);
    await form.getByLabel(/^Assunto/).fill("Mandar o contrato");
    const dueDay = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    const dueField = form.getByLabel("Vencimento");
    expect(await page.locator(`#${await dueField.getAttribute("aria-describedby")}`).textContent()).toBe("Horário de Brasília.");
    await dueField.fill(`${dueDay}T10:00`);
    await form.getByRole("button", { name: "Registrar atividade" }).click();
    await page.getByText("Atividade registrada.").waitFor();

    await page.getByRole("link", { name: "Atividades", exact: true }).click();
    await page.waitForURL(`${base}/activities`);
    const overdue = page.getByTestId("agenda-tab-overdue");
    await expect.poll(() => overdue.textContent()).toBe("Atrasadas 2");
    // "Hoje" (the default tab) has nothing of the agent's, which is not "all clear": its empty state leads to the late work.
    const toOverdue = page.getByTestId("agenda-empty-overdue");
    await expect.poll(() => toOverdue.textContent()).toBe("Ver 2 atrasadas");
    await toOverdue.click();
    await expect.poll(() => overdue.getAttribute("aria-selected")).toBe("true");
    const rows = page.getByTestId("agenda-item");
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-subject")))).toEqual(["Ligar para o financeiro", "Enviar proposta"]);
    expect(await rows.first().innerText()).toContain("Negócio: Plano Enterprise");
    expect(await axeReport(page)).toEqual([]);

    await page.getByRole("button", { name: 'Concluir "Enviar proposta"' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => overdue.textContent()).toBe("Atrasadas 1");
    await page.getByTestId("undo-complete").click();
    await expect.poll(() => rows.count()).toBe(2);
    const upcoming = page.getByTestId("agenda-tab-upcoming");
    await upcoming.click();
    const listed = () => rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-subject")));
    await expect.poll(listed).toEqual(["Mandar o contrato", "Apresentação", "Demonstração (30 min)", "Reunião de retorno"]);
    expect(await upcoming.textContent()).toBe("Próximas 4");
    // The time typed, in Brasília time and without seconds, as the deal's timeline shows it.
    expect(await rows.first().innerText()).toContain(`Vence ${dueDay.split("-").reverse().join("/")}, 10:00 · `);
    // The booked meetings: said so, the link when there is one, no tick; "Não compareceu" or an outcome closes each.
    const booked = rows.filter({ hasText: "Reunião agendada pelo lead" });
    expect(await booked.evaluateAll((els) => els.map((e) => e.getAttribute("data-subject")))).toEqual(["Demonstração (30 min)", "Reunião de retorno"]);
    expect(await booked.first().getByRole("link", { name: "Entrar na reunião" }).getAttribute("href")).toBe("https://meet.example.com/e2e");
    expect(await booked.last().getByRole("link", { name: "Entrar na reunião" }).count()).toBe(0);
    const awaiting = "Reagendada: novo horário não recebido";
    expect([await booked.first().getByText(awaiting).count(), await booked.last().getByText(awaiting).count()]).toEqual([0, 1]);
    expect(await page.getByRole("button", { name: 'Concluir "Demonstração (30 min)"' }).count()).toBe(0);
    expect(await axeReport(page)).toEqual([]);
    await page.getByRole("button", { name: 'Não compareceu a "Demonstração (30 min)"' }).click();
    await page.getByText("Reunião registrada como não comparecimento.").waitFor();
    await expect.poll(listed).toEqual(["Mandar o contrato", "Apresentação", "Reunião de retorno"]);
    await page.getByLabel('Realizada: resultado de "Reunião de retorno"').selectOption("advanced");
    await page.getByText("Reunião registrada como realizada.").waitFor();
    await expect.poll(listed).toEqual(["Mandar o contrato", "Apresentação"]);
    await expect.poll(() => upcoming.textContent()).toBe("Próximas 2");
    const status = async (title: string) => (await owner().query("select status, outcome from meetings where id = $1", [meetingIds[title]])).rows[0];
    expect(await status("Demonstração (30 min)")).toEqual({ status: "no_show", outcome: null });
    expect(await status("Reunião de retorno")).toEqual({ status: "completed", outcome: "advanced" });
  });

  it("a manager sees everyone's work, and one person's", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    const base = `http://${tenant().host}`;
    await signedIn(page, base, tenant().users.admin, "/");
    // "1 atrasada" opens the tab that counted it, with that one row (not "Hoje").
    await expect.poll(() => page.getByTestId("agenda-summary").textContent()).toBe("Suas atividades: 1 atrasadaVer atividades");
    await page.getByTestId("agenda-summary").click();
    await page.waitForURL(`${base}/activities?tab=overdue&who=me`);
    expect(await page.getByTestId("agenda-tab-overdue").getAttribute("aria-selected")).toBe("true");
    const subjects = () => page.getByTestId("agenda-item").evaluateAll((els) => els.map((e) => e.getAttribute("data-subject")));
    await expect.poll(subjects).toEqual(["Revisar contrato"]);
    await page.getByLabel("De quem").selectOption("all");
    await expect.poll(subjects).toEqual(["Ligar para o financeiro", "Enviar proposta", "Revisar contrato"]);
    await page.getByLabel("De quem").selectOption(tenant().users.agent.id);
    await expect.poll(subjects).toEqual(["Ligar para o financeiro", "Enviar proposta"]);
    // The tab and the person stay in the address: a reload (or a shared link) shows the same list.
    await page.getByLabel("Tipo").selectOption("call");
    await expect.poll(subjects).toEqual(["Ligar para o financeiro"]);
    await expect.poll(() => page.url()).toBe(`${base}/activities?tab=overdue&who=${tenant().users.agent.id}&type=call`);
    await page.reload();
    await expect.poll(subjects).toEqual(["Ligar para o financeiro"]);
    expect(await page.getByLabel("De quem").inputValue()).toBe(tenant().users.agent.id);
    // On a phone the two filters span the page, in line with the list (they sat pushed to the right).
    await page.setViewportSize({ width: 390, height: 844 });
    const left = async (el: ReturnType<typeof page.getByLabel>) => Math.round((await el.boundingBox())!.x);
    await expect.poll(async () => [await left(page.getByLabel("De quem")), await left(page.getByLabel("Tipo"))]).toEqual([await left(page.getByTestId("agenda-list")), await left(page.getByTestId("agenda-list"))]);
    await page.setViewportSize({ width: 1280, height: 720 });
    // The deal's card on the board says its work is late.
    await page.getByRole("link", { name: "Negócios", exact: true }).click();
    const next = page.locator('[data-testid="deal-card"][data-title="Plano Enterprise"]').getByTestId("deal-next-activity");
    await expect.poll(() => next.getAttribute("data-state")).toBe("overdue");
    expect(await next.textContent()).toMatch(/^Atividade atrasada: \d{2}\/\d{2}, \d{2}:\d{2}$/);
  });
});
