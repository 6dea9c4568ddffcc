import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { TEST_KEYS } from "../support/app-env";
import { qualifyInWidget, waitForBot } from "../support/browser";
import { startEmbeddingSite } from "../support/embedding-site";
import { env, owner, type FixtureTenant } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { startCalendlyStandIn } from "../stand-ins/calendly";
import { saoPauloWeek } from "../../apps/web/lib/sao-paulo-week";

// A qualified widget lead books through the inline embed (the Calendly stand-in's booking page in
// an iframe inside the chat panel); the stand-in's signed invitee.created reaches the app, and the
// meeting shows in the conversation (the widget), on the lead's timeline and on /meetings.

const { browser, tenant, extra } = e2eSuite();
const calendly = extra(() => startCalendlyStandIn());
const site = extra((t) => startEmbeddingSite(t));

/** The tenant's Calendly connection as connectCalendar leaves it (the webhook subscription at the stand-in too). */
async function connectCalendly(t: FixtureTenant) {
  const webhookKey = randomBytes(24).toString("base64url");
  const webhookSecret = randomBytes(32).toString("hex");
  const type = calendly().eventTypes[0]!;
  await owner().query(
    "insert into calendar_connections (tenant_id, provider, credentials_encrypted, account_ref, account_name, event_type_ref, event_type_name, booking_url, webhook_ref, webhook_key) values ($1, 'calendly', $2, $3, 'Vendas', $4, $5, $6, 'sub', $7)",
    [t.id, encryptCredentials({ token: calendly().token, webhookSecret }, TEST_KEYS.encryptionKey), calendly().userUri, type.uri, type.name, type.scheduling_url, webhookKey],
  );
  calendly().subscriptions.set(`${calendly().url}/webhook_subscriptions/e2e`, { url: `http://${env().rootDomain}/api/webhooks/calendly/${webhookKey}`, events: ["invitee.created", "invitee.canceled"], signing_key: webhookSecret, scope: "user" });
}

beforeAll(() => connectCalendly(tenant()));

describe("scheduling in Chromium", () => {
  it("a qualified widget lead books in the inline embed; the meeting appears in the conversation, on the lead's timeline and on /meetings", async () => {
    const ctx = await browser().newContext();
    const page = await ctx.newPage();
    await page.goto(site().origin);
    await qualifyInWidget(page);
    await waitForBot(page, 9, "Agende sua conversa");

    // No iframe until the lead asks for it; then the booking page opens inside the panel, prefilled.
    expect(await page.locator('[data-testid="vf-embed"]').count()).toBe(0);
    await page.getByTestId("vf-book").click();
    const embed = page.frameLocator('[data-testid="vf-embed"]');
    await expect.poll(() => embed.locator('input[name="email"]').inputValue(), { timeout: 15_000 }).toBe("daniela@lojaexemplo.com.br");
    expect(await embed.locator('input[name="name"]').inputValue()).toBe("Daniela Farias");
    const leadId = await embed.locator('input[name="utm_content"]').inputValue();
    expect(leadId).toMatch(/^[0-9a-f-]{36}$/);
    await embed.getByRole("button", { name: "Confirmar agendamento" }).click();
    await embed.locator("#booked").waitFor({ timeout: 15_000 });
    expect(calendly().deliveries.at(-1)).toMatchObject({ event: "invitee.created", status: 200 });

    // The confirmation reaches the widget live.
    await waitForBot(page, 10, "Reunião confirmada para");
    await ctx.close();

    // The agent side: the lead's timeline and the meetings page.
    const admin = await browser().newContext();
    const dash = await admin.newPage();
    await signedIn(dash, `http://${tenant().host}`, tenant().users.agent, `/leads/${leadId}`);
    await dash.locator('[data-testid="timeline-item"][data-event="meeting_scheduled"]').filter({ hasText: "Demonstração (30 min)" }).waitFor({ timeout: 15_000 });
    // The conversation's timeline in the inbox names the scheduling events in pt-BR, not by their keys.
    const conversationId = (await owner().query("select id from conversations where lead_id = $1", [leadId])).rows[0].id as string;
    await dash.goto(`http://${tenant().host}/inbox?c=${conversationId}`);
    const events = dash.getByTestId("inbox-event");
    await events.and(dash.locator('[data-kind="meeting_scheduled"]')).waitFor({ timeout: 15_000 });
    expect(await events.and(dash.locator('[data-kind="meeting_offered"]')).innerText()).toMatch(/^Link de agendamento enviado/);
    expect(await events.and(dash.locator('[data-kind="meeting_scheduled"]')).innerText()).toMatch(/^Reunião agendada/);
    expect(await events.filter({ hasText: /^Evento/ }).count()).toBe(0);
    await dash.goto(`http://${tenant().host}/meetings`);
    // The booking page offers times two days ahead: maybe next week in São Paulo.
    const startsAt = (await owner().query("select starts_at from meetings where lead_id = $1", [leadId])).rows[0].starts_at as Date;
    if (startsAt >= saoPauloWeek(new Date()).to) await dash.getByRole("button", { name: "Próxima semana" }).click();
    const row = dash.getByTestId("meeting-row").filter({ hasText: "Daniela Farias" });
    await row.waitFor({ timeout: 15_000 });
    expect(await row.getAttribute("data-status")).toBe("scheduled");
    // The lead reschedules on Calendly and only the cancel half arrives: the row says the new time
    // is missing and still takes what came of the meeting.
    const invitee = (await owner().query("select external_id from meetings where lead_id = $1", [leadId])).rows[0].external_id as string;
    await calendly().reschedule(invitee, new Date(startsAt.getTime() + 86_400_000), { holdCreated: true });
    await dash.reload();
    if (startsAt >= saoPauloWeek(new Date()).to) await dash.getByRole("button", { name: "Próxima semana" }).click();
    await row.and(dash.locator('[data-status="rescheduled"]')).waitFor({ timeout: 15_000 });
    expect([await row.getAttribute("data-status"), await row.getByText("Reagendada: novo horário não recebido").count()]).toEqual(["rescheduled", 1]);
    await row.getByRole("button", { name: "Não compareceu" }).click();
    await dash.locator('[data-testid="meeting-row"][data-status="no_show"]').waitFor({ timeout: 15_000 });
    await admin.close();
  });
});
