import type { BrowserContext, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { owner } from "../support/fixtures";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

// An agent's day in the inbox on a phone (390 × 844, touch) and by keyboard only.

const { browser, tenant } = e2eSuite();
let base: string;
let storage: Awaited<ReturnType<BrowserContext["storageState"]>>;
let inboxId: string;
const ids: Record<"carla" | "diego" | "elisa" | "fabio", string> = { carla: "", diego: "", elisa: "", fabio: "" };

/** A web conversation of a lead, with one message from the lead; `agent: true` assigns it to the tenant's agent. */
async function conversation(inboxId: string, name: string, status: "pending" | "open" | "resolved", agent: boolean, minutesAgo: number): Promise<string> {
  const q = (sql: string, params: unknown[]) => owner().query<{ id: string }>(sql, params).then((r) => r.rows[0]!.id);
  const lead = await q("insert into leads (tenant_id, name, source, visitor_id) values ($1, $2, 'web', gen_random_uuid()::text) returning id", [tenant().id, name]);
  const at = `now() - interval '${minutesAgo} minutes'`;
  const id = await q(
    `insert into conversations (tenant_id, inbox_id, lead_id, status, assigned_to, last_inbound_at, last_message_at) values ($1, $2, $3, $4, $5, ${at}, ${at}) returning id`,
    [tenant().id, inboxId, lead, status, agent ? tenant().users.agent.id : null],
  );
  await q(`insert into messages (tenant_id, conversation_id, sender, text, created_at) values ($1, $2, 'lead', $3, ${at}) returning id`, [tenant().id, id, `Oi, aqui é ${name}`]);
  return id;
}

beforeAll(async () => {
  base = `http://${tenant().host}`;
  const inbox = (await owner().query<{ id: string }>("insert into inboxes (tenant_id, name, channel) values ($1, 'Site', 'web') returning id", [tenant().id])).rows[0]!.id;
  inboxId = inbox;
  ids.carla = await conversation(inbox, "Carla Nunes", "open", true, 1);
  ids.diego = await conversation(inbox, "Diego Prado", "open", true, 2);
  ids.elisa = await conversation(inbox, "Elisa Ramos", "pending", false, 3);
  ids.fabio = await conversation(inbox, "Fábio Lins", "open", true, 4);
  const signInCtx = await browser().newContext();
  await signedIn(await signInCtx.newPage(), base, tenant().users.agent, "/");
  storage = await signInCtx.storageState();
  await signInCtx.close();
});

/** A signed-in phone: 390 × 844, touch, as the agent. */
async function phone(): Promise<Page> {
  const ctx = await browser().newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, storageState: storage });
  return ctx.newPage();
}

/** The focused element's data-testid (and, for a row, its conversation), or the tag of what has the focus. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return "body";
    const id = el.getAttribute("data-testid");
    return id === "inbox-row" ? `inbox-row:${el.getAttribute("data-conversation-id")}` : (id ?? el.tagName.toLowerCase());
  });

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);

const row = (page: Page, id: string) => page.locator(`[data-testid="inbox-row"][data-conversation-id="${id}"]`);

describe("the inbox on a phone, by keyboard", () => {
  it("a conversation opened from the list is a step in the history: the phone's Back returns to the list (no reload), the focus on the row that was open; the arrow does the same", async () => {
    const page = await phone();
    await page.goto(`${base}/`);
    await page.goto(`${base}/inbox`);
    await row(page, ids.diego).waitFor();
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    // Enter on a row: the list hides, the focus goes to the lead's name instead of the page's body.
    await row(page, ids.diego).focus();
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid="inbox-conversation"][data-conversation-id="${ids.diego}"]`).waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("inbox-lead-name");
    expect(new URL(page.url()).searchParams.get("c")).toBe(ids.diego);
    expect(await noSidewaysScroll(page)).toBe(true);
    // The header's details wrap on a phone: no line may end on a lone "·" (it did, after the inbox's name).
    await expect.poll(() => page.getByTestId("inbox-header-meta").locator("> span").evaluateAll((spans) => spans.filter((s) => s.textContent?.trim() === "·").length)).toBe(0);

    // The phone's Back: the list again, on the same page, the focus on Diego's row.
    await page.goBack();
    await row(page, ids.diego).waitFor();
    expect(new URL(page.url()).pathname).toBe("/inbox");
    expect(new URL(page.url()).searchParams.has("c")).toBe(false);
    expect(await page.getByTestId("inbox-conversation").count()).toBe(0);
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(`inbox-row:${ids.diego}`);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // The arrow in the conversation's header goes back the same way: one more Back leaves the inbox.
    await row(page, ids.carla).focus();
    await page.keyboard.press("Enter");
    await page.locator(`[data-testid="inbox-conversation"][data-conversation-id="${ids.carla}"]`).waitFor();
    await page.getByRole("button", { name: "Voltar para a lista" }).focus();
    await page.keyboard.press("Enter");
    await row(page, ids.carla).waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe(`inbox-row:${ids.carla}`);
    await page.goBack();
    await page.waitForURL(`${base}/`);
    await page.context().close();
  });

  it("the conversation page's details on a phone: the inbox and the start date are one piece, with no lone \"·\" ending a line", async () => {
    const page = await phone();
    await page.goto(`${base}/conversations/${ids.carla}`);
    const started = page.getByTestId("conversation-started");
    await started.waitFor();
    expect(await started.innerText()).toMatch(/^Site · Iniciada em \d{2}\/\d{2}\/\d{4}/);
    expect(await started.evaluate((el) => [...(el.parentElement?.children ?? [])].filter((c) => c.textContent?.trim() === "·").length)).toBe(0);
    await page.context().close();
  });

  it("resolving and reopening by keyboard leave the focus on the button that took the place of the one pressed; taking over puts it in the composer", async () => {
    const page = await phone();
    await page.goto(`${base}/inbox?c=${ids.fabio}`);
    await page.getByTestId("inbox-resolve").focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="inbox-status"][data-status="resolved"]').waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("inbox-reopen");
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="inbox-status"][data-status="open"]').waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("inbox-resolve");

    await page.goto(`${base}/inbox?c=${ids.elisa}`);
    await page.getByTestId("inbox-takeover").focus();
    await page.keyboard.press("Enter");
    await page.locator('[data-testid="inbox-status"][data-status="open"]').waitFor();
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("inbox-composer");
    await page.context().close();
  });

  it("the lead card over the conversation: the focus goes into it, Escape closes it and gives the focus back to its button; so does its close button, named in pt-BR", async () => {
    const page = await phone();
    await page.goto(`${base}/inbox?c=${ids.carla}`);
    const toggle = page.getByTestId("inbox-lead-toggle");
    const panel = page.getByTestId("inbox-lead-panel");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await panel.waitFor();
    expect(await toggle.getAttribute("aria-expanded")).toBe("true");
    await expect.poll(() => focused(page), { timeout: 10_000 }).toBe("inbox-lead-close");
    expect(await page.getByTestId("inbox-lead-close").getAttribute("aria-label")).toBe("Fechar a ficha do lead");
    expect(await noSidewaysScroll(page)).toBe(true);

    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("inbox-lead-toggle");

    await page.keyboard.press("Enter");
    await panel.waitFor();
    await page.keyboard.press("Enter"); // the close button has the focus
    await panel.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("inbox-lead-toggle");
    await page.context().close();
  });

  it("Escape in the notifications panel closes it and gives the focus back to the bell; each notification names its lead", async () => {
    await owner().query("insert into notifications (tenant_id, user_id, kind, data) values ($1, $2, 'conversation_assigned', $3)", [tenant().id, tenant().users.agent.id, JSON.stringify({ conversationId: ids.carla })]);
    const page = await phone();
    await page.goto(`${base}/inbox`);
    await page.getByTestId("notification-bell").focus();
    await page.keyboard.press("Enter");
    const panel = page.getByRole("dialog", { name: "Notificações" });
    await panel.waitFor();
    // The panel opens before its list has loaded (on a busy machine it had not yet): wait for it.
    await expect.poll(() => panel.getByTestId("notification-lead").allInnerTexts(), { timeout: 10_000 }).toEqual(["Carla Nunes"]);
    // Inside the panel (on a phone it holds the availability), then Escape.
    const availability = panel.getByRole("combobox", { name: "Disponibilidade" });
    await expect.poll(() => availability.isEnabled(), { timeout: 10_000 }).toBe(true);
    await availability.focus();
    await page.keyboard.press("Escape");
    await panel.waitFor({ state: "hidden" });
    expect(await focused(page)).toBe("notification-bell");
    await page.context().close();
  });

  it("on a touch screen the status tabs and the reply / note switch are a finger tall (40 px), not 24, and the six tabs fit the phone's width", async () => {
    const page = await phone();
    await page.goto(`${base}/inbox?c=${ids.carla}`);
    await page.getByTestId("inbox-mode-note").waitFor();
    await page.getByRole("button", { name: "Voltar para a lista" }).click();
    await page.getByTestId("inbox-tab-all").waitFor();
    const heights = async (ids: string[]) => Promise.all(ids.map(async (id) => [id, (await page.getByTestId(id).boundingBox())!.height] as const));
    const tabs = ["inbox-tab-all", "inbox-tab-active", "inbox-tab-bot", "inbox-tab-pending", "inbox-tab-open", "inbox-tab-resolved"];
    for (const [id, h] of await heights(tabs)) expect(h, id).toBeGreaterThanOrEqual(40);
    // All six fit the strip (two rows of three): none is cut off at its right edge, none wider than its text needs.
    const strip = (await page.getByRole("tablist", { name: "Filtros" }).boundingBox())!;
    for (const id of tabs) {
      const box = (await page.getByTestId(id).boundingBox())!;
      expect(box.x + box.width, id).toBeLessThanOrEqual(strip.x + strip.width);
      expect(await page.getByTestId(id).evaluate((el) => el.scrollWidth <= el.clientWidth), id).toBe(true);
    }
    // On a 360 px phone (most Androids) the search box's placeholder is read whole, not cut off at "mensage".
    await page.setViewportSize({ width: 360, height: 780 });
    const placeholderFits = await page.getByTestId("inbox-search").evaluate((el) => {
      const input = el as HTMLInputElement;
      const style = getComputedStyle(input);
      const ctx = document.createElement("canvas").getContext("2d")!;
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      return ctx.measureText(input.placeholder).width <= input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    });
    expect(placeholderFits).toBe(true);
    await page.setViewportSize({ width: 390, height: 844 });
    await row(page, ids.carla).click();
    await page.getByTestId("inbox-mode-note").waitFor();
    for (const [id, h] of await heights(["inbox-mode-reply", "inbox-mode-note"])) expect(h, id).toBeGreaterThanOrEqual(40);
    expect(await noSidewaysScroll(page)).toBe(true);
    await page.context().close();
  });

  it("the list's filters survive leaving the inbox: Back from another page shows the list as it was left, not every conversation again", async () => {
    const page = await phone();
    await page.goto(`${base}/inbox`);
    await row(page, ids.carla).waitFor();
    await page.getByTestId("inbox-tab-open").click();
    await page.getByTestId("inbox-filter-assignee").selectOption("me");
    await page.getByTestId("inbox-search").fill("Diego");
    await expect.poll(() => page.getByTestId("inbox-row").count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => new URL(page.url()).searchParams.get("q"), { timeout: 10_000 }).toBe("Diego");

    // Opens Diego's conversation, goes to the profile page (a page load) and comes back with Back.
    await row(page, ids.diego).click();
    await page.getByTestId("inbox-conversation").waitFor();
    await page.goto(`${base}/profile`);
    await page.goBack();
    await page.locator(`[data-testid="inbox-conversation"][data-conversation-id="${ids.diego}"]`).waitFor();
    await page.getByRole("button", { name: "Voltar para a lista" }).click();
    await row(page, ids.diego).waitFor();
    expect(await page.getByTestId("inbox-tab-open").getAttribute("aria-selected")).toBe("true");
    expect(await page.getByTestId("inbox-filter-assignee").inputValue()).toBe("me");
    expect(await page.getByTestId("inbox-search").inputValue()).toBe("Diego");
    expect(await page.getByTestId("inbox-row").count()).toBe(1);

    // "Limpar filtros" of an empty list clears the address too: a reload shows every conversation.
    await page.getByTestId("inbox-search").fill("ninguém com este nome");
    await page.getByRole("button", { name: "Limpar filtros" }).click();
    await expect.poll(() => new URL(page.url()).search, { timeout: 10_000 }).toBe("");
    await page.reload();
    await expect.poll(() => page.getByTestId("inbox-row").count(), { timeout: 10_000 }).toBe(4);
    await page.context().close();
  });

  it("on a phone Enter breaks the line (its keyboard has no Shift+Enter) and the send button sends; the placeholder names no keys it lacks", async () => {
    const page = await phone();
    await page.goto(`${base}/inbox?c=${ids.carla}`);
    const composer = page.getByTestId("inbox-composer");
    await composer.waitFor();
    expect(await composer.getAttribute("placeholder")).not.toContain("Enter");
    expect(await composer.getAttribute("enterkeyhint")).toBe("enter");
    await composer.fill("Bom dia, Carla!");
    await composer.press("Enter");
    await composer.pressSequentially("Segue a proposta.");
    expect(await composer.inputValue()).toBe("Bom dia, Carla!\nSegue a proposta.");
    expect(await page.locator('[data-testid="inbox-message"][data-sender="agent"]').count()).toBe(0);
    await page.getByTestId("inbox-send").tap();
    await page.locator('[data-testid="inbox-message"][data-sender="agent"]').filter({ hasText: "Segue a proposta." }).waitFor();
    expect(await composer.inputValue()).toBe("");
    await page.context().close();
  });

  it("a reply WhatsApp refused says why in pt-BR, with its English answer kept as the tooltip", async () => {
    await owner().query(
      "insert into messages (tenant_id, conversation_id, sender, sender_user_id, text, delivery_status, delivery_error) values ($1, $2, 'agent', $3, 'Olá, Diego!', 'failed', $4), ($1, $2, 'agent', $3, 'Ainda aí?', 'failed', $5)",
      [tenant().id, ids.diego, tenant().users.agent.id, JSON.stringify({ code: 131047, title: "Re-engagement message" }), JSON.stringify({ code: "error", title: "WhatsApp API unreachable: getaddrinfo ENOTFOUND graph.facebook.com" })],
    );
    const page = await phone();
    await page.goto(`${base}/inbox?c=${ids.diego}`);
    const failed = page.locator('[data-testid="delivery-status"][data-status="failed"]');
    // The reason's code comes with the first failure shown.
    await page.getByTestId("delivery-failure-reason").first().waitFor();
    await expect
      .poll(() => failed.allInnerTexts(), { timeout: 10_000 })
      .toEqual(["Falha no envio: fora da janela de 24 h; use um template aprovado", "Falha no envio: não foi possível falar com o WhatsApp; tente enviar de novo"]);
    expect(await failed.first().getByTestId("delivery-failure-reason").getAttribute("title")).toBe("Re-engagement message");
    await page.context().close();
  });

  it("the on-screen keyboard shrinks the layout (interactive-widget), so the composer stays above it", async () => {
    const page = await phone();
    await page.goto(`${base}/inbox`);
    expect(await page.locator('meta[name="viewport"]').getAttribute("content")).toContain("interactive-widget=resizes-content");
    await page.context().close();
  });

  it("a long conversation opens on its newest messages; \"Carregar mensagens anteriores\" adds the older ones above, where the agent was reading", async () => {
    const id = await conversation(inboxId, "Gabi Souza", "open", true, 10);
    await owner().query(
      "insert into messages (tenant_id, conversation_id, sender, text, created_at) select $1, $2, 'lead', 'mensagem ' || i, now() - interval '9 minutes' + i * interval '1 second' from generate_series(1, 250) as i",
      [tenant().id, id],
    );
    const page = await phone();
    await page.goto(`${base}/inbox?c=${id}`);
    const timeline = page.getByTestId("inbox-timeline");
    const messages = timeline.getByTestId("inbox-message");
    await expect.poll(() => messages.count(), { timeout: 10_000 }).toBe(200);
    expect(await messages.last().innerText()).toContain("mensagem 250");
    const more = page.getByTestId("inbox-load-older");
    expect(await more.innerText()).toBe("Carregar mensagens anteriores");
    await more.click();
    await expect.poll(() => messages.count(), { timeout: 10_000 }).toBe(251);
    await page.getByTestId("inbox-history-start").waitFor();
    expect(await more.count()).toBe(0);
    expect(await messages.first().innerText()).toContain("Oi, aqui é Gabi Souza");
    // The messages that were on screen stay there: the older ones went in above them.
    expect(await timeline.evaluate((el) => el.scrollTop)).toBeGreaterThan(1000);
    await page.context().close();
  });

  it("a message on an older page follows its updates live, like the newest page's: delivery tick, edit", async () => {
    const id = await conversation(inboxId, "Hugo Lima", "open", true, 10);
    await owner().query(
      "insert into messages (tenant_id, conversation_id, sender, text, delivery_status, created_at) select $1, $2, case when i = 5 then 'agent' else 'lead' end, case i when 5 then 'resposta do agente' when 3 then 'mensagem com erro' else 'antiga ' || i end, case when i = 5 then 'sent' end, now() - interval '9 minutes' + i * interval '1 second' from generate_series(1, 210) as i",
      [tenant().id, id],
    );
    const page = await phone();
    await page.goto(`${base}/inbox?c=${id}`);
    const messages = page.getByTestId("inbox-timeline").getByTestId("inbox-message");
    await expect.poll(() => messages.count(), { timeout: 10_000 }).toBe(200);
    await page.getByTestId("inbox-load-older").click();
    const reply = messages.filter({ hasText: "resposta do agente" });
    await reply.waitFor();
    expect(await reply.getByTestId("delivery-status").getAttribute("data-status")).toBe("sent");

    // WhatsApp reads the reply and the lead edits an older message, both on the page loaded above.
    await owner().query("update messages set delivery_status = 'read' where conversation_id = $1 and text = 'resposta do agente'", [id]);
    await owner().query("update messages set text = 'mensagem corrigida', edited_at = now() where conversation_id = $1 and text = 'mensagem com erro'", [id]);
    // A message's update wakes no stream change (agentFeedStates): it comes with the next refetch of the newest page, the 15 s poll.
    await expect.poll(() => reply.getByTestId("delivery-status").getAttribute("data-status"), { timeout: 30_000 }).toBe("read");
    await expect.poll(() => messages.filter({ hasText: "mensagem corrigida" }).count(), { timeout: 10_000 }).toBe(1);
    expect(await messages.count()).toBe(211);
    await page.context().close();
  });

  it("a file the lead sent names its kind in pt-BR (not its MIME type) and stays a download link", async () => {
    const id = await conversation(inboxId, "Iara Melo", "open", true, 11);
    const msg = async (type: string, payload: object) =>
      (await owner().query<{ id: string }>("insert into messages (tenant_id, conversation_id, sender, content_type, payload) values ($1, $2, 'lead', $3, $4) returning id", [tenant().id, id, type, JSON.stringify(payload)])).rows[0]!.id;
    const pdf = await msg("document", { media: { mimeType: "application/pdf", filename: "proposta.pdf" } });
    await msg("image", { media: { mimeType: "image/jpeg" } });
    await msg("document", { media: { mimeType: "image/png", filename: "planta.png" } });
    const file = (
      await owner().query<{ id: string }>(
        "insert into media_objects (tenant_id, message_id, direction, kind, status, content_type, filename, size_bytes, storage_key, stored_at) values ($1, $2, 'inbound', 'document', 'stored', 'application/pdf', 'proposta.pdf', 20480, 'e2e/proposta.pdf', now()) returning id",
        [tenant().id, pdf],
      )
    ).rows[0]!.id;
    const page = await phone();
    await page.goto(`${base}/inbox?c=${id}`);
    const placeholders = page.getByTestId("inbox-timeline").getByTestId("media-placeholder");
    await expect.poll(() => placeholders.count(), { timeout: 10_000 }).toBe(3);
    const [doc, image, picture] = await placeholders.allInnerTexts();
    // The title names the kind; the line under it the format, and the kind only when it differs (a picture sent as a document).
    expect(doc!.split(/\n+/)).toEqual(["Documento", "proposta.pdf", "(20 KB)", "proposta.pdf · PDF"]);
    expect(image!.split(/\n+/)).toEqual(["Imagem", "JPEG"]);
    expect(picture).toContain("planta.png · Imagem PNG");
    expect(`${doc}${image}${picture}`).not.toMatch(/application\/pdf|image\/jpeg|image\/png/);
    const link = placeholders.first().getByTestId("media-download");
    expect(await link.getAttribute("href")).toBe(`/api/media/${file}`);
    expect(await link.getAttribute("download")).toBe("proposta.pdf");
    await page.context().close();
  });
});
