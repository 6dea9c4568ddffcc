import { beforeAll, describe, expect, it } from "vitest";
import { axeReport } from "../support/axe";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// The lead score's weights on /crm-settings, in Chromium: a save says the recompute started, the
// section shows "Recalculando pontuações: N de M leads" while the background job runs (held here
// by a lock on one of the leads) and that it finished once it did.

const { browser, tenant } = e2eSuite();
let leads: string[];

beforeAll(async () => {
  const { rows } = await owner().query<{ id: string }>("insert into leads (tenant_id, name, source) select $1, 'Lead ' || g, 'web' from generate_series(1, 3) g returning id", [tenant().id]);
  leads = rows.map((r) => r.id);
  await owner().query("insert into activities (tenant_id, type, subject, lead_id) select $1, 'meeting', 'Reunião', unnest($2::uuid[])", [tenant().id, leads]);
});

describe("lead score weights", () => {
  it("a save starts the recompute in the background; its progress shows until it finishes", async () => {
    const page = await (await browser().newContext({ locale: "pt-BR" })).newPage();
    await signedIn(page, `http://${tenant().host}`, tenant().users.admin, "/crm-settings");
    const section = page.locator("section", { has: page.getByRole("heading", { name: "Pontuação de leads" }) });
    const perMeeting = section.getByLabel("Pontos por reunião");
    await expect.poll(() => perMeeting.inputValue()).toBe("10");
    expect(await axeReport(page)).toEqual([]);

    // The job's batch waits on this lead's lock until it is released below.
    const blocker = await owner().connect();
    try {
      await blocker.query("begin");
      await blocker.query("select id from leads where id = $1 for update", [leads[0]]);
      await perMeeting.fill("12");
      await section.getByRole("button", { name: "Salvar" }).click();
      await page.getByText("Pesos salvos. Recalculando a pontuação de 3 leads em segundo plano.").waitFor();
      await section.getByText("Recalculando pontuações: 0 de 3 leads").waitFor();
      // Away from the button just clicked (its hover colour is not what is checked).
      await page.mouse.move(0, 0);
      expect(await axeReport(page)).toEqual([]);
      expect((await owner().query("select score from leads where id = any($1)", [leads])).rows.map((r) => r.score)).toEqual([0, 0, 0]);
    } finally {
      await blocker.query("commit");
      blocker.release();
    }
    await section.getByText("Pontuações recalculadas (3 leads).").waitFor({ timeout: 20_000 });
    expect((await owner().query("select score from leads where id = any($1)", [leads])).rows.map((r) => r.score)).toEqual([12, 12, 12]);
  });
});
