import { describe, expect, it } from "vitest";
import { axeReport } from "../support/axe";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { NOTIFICATION_KINDS } from "@vendaflow/validators/notification-kinds";

// Meu perfil's "Notificações por e-mail" in Chromium: every kind on by default, a box unticked is
// saved at once and still unticked after a reload, and only in the person's own row.

const { browser, tenant } = e2eSuite();

describe("notification e-mails in Meu perfil", () => {
  it("a kind turned off stays off after a reload", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    await signedIn(page, `http://${tenant().host}`, tenant().users.agent, "/profile");
    const card = page.getByTestId("notification-emails");
    const box = card.getByLabel("Negócio atribuído a você");
    await box.waitFor();
    expect(await card.getByTestId("notification-email-kind").count()).toBe(NOTIFICATION_KINDS.length);
    expect(await box.isChecked()).toBe(true);
    await box.uncheck();
    await page.getByText("Preferência salva.").waitFor();
    expect(await axeReport(page)).toEqual([]);
    await page.reload();
    await card.getByLabel("Reunião agendada").waitFor();
    expect(await card.getByLabel("Negócio atribuído a você").isChecked()).toBe(false);
    expect(await card.getByLabel("Reunião agendada").isChecked()).toBe(true);
    const rows = await owner().query<{ id: string; notification_email_off: string[] }>("select id, notification_email_off from users where tenant_id = $1 order by id", [tenant().id]);
    for (const r of rows.rows) expect(r.notification_email_off).toEqual(r.id === tenant().users.agent.id ? ["deal_assigned"] : []);
  });
});
