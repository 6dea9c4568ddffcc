import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { HIDDEN_CLOSE_MS } from "../../apps/widget/src/chat/stream";
import { setHidden, typeInWidget } from "../support/browser";
import { startEmbeddingSite } from "../support/embedding-site";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";

const { browser, tenant, extra } = e2eSuite();
const site = extra((t) => startEmbeddingSite(t));

/** Waits for a widget message (inside the widget's open shadow root) from `sender` containing `text`. */
async function waitForWidgetMessage(page: Page, sender: string, text: string) {
  await page.waitForFunction(
    ([s, t]) => {
      const host = document.querySelector("vendaflow-widget");
      const items = [...(host?.shadowRoot?.querySelectorAll(`[data-testid="vf-message"][data-sender="${s}"]`) ?? [])];
      return items.some((e) => e.textContent?.includes(t as string));
    },
    [sender, text],
    { timeout: 15_000 },
  );
}

/** Counts every EventSource the page opens (the real one does the work), for openStreams(). */
function countEventSources(): void {
  const Native = window.EventSource;
  const all: EventSource[] = [];
  (window as unknown as { __streams: EventSource[] }).__streams = all;
  window.EventSource = class extends Native {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      all.push(this);
    }
  };
}

/** URLs of the page's EventSources not closed. */
function openStreams(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __streams: EventSource[] }).__streams.filter((s) => s.readyState !== EventSource.CLOSED).map((s) => s.url));
}

describe("handoff in Chromium", () => {
  it("the agent has /inbox open; a lead asks for a human in the widget; the conversation appears live; the agent takes over and replies; the lead sees it, and a reply sent while the tab was hidden on coming back", async () => {
    const base = `http://${tenant().host}`;
    const agentCtx = await browser().newContext();
    const inbox = await agentCtx.newPage();
    await signedIn(inbox, base, tenant().users.agent, "/");
    await inbox.getByRole("link", { name: "Atendimento" }).click();
    await inbox.waitForURL(`${base}/inbox`);
    await inbox.getByTestId("agent-inbox").waitFor();
    // Subscribed to the live feed, and nothing in the list yet.
    await inbox.locator('[data-testid="inbox-live"][data-live="true"]').waitFor({ timeout: 15_000 });
    expect(await inbox.getByTestId("inbox-row").count()).toBe(0);
    // Marks this document: if the page reloaded, the mark would be gone.
    await inbox.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    const leadCtx = await browser().newContext();
    await leadCtx.addInitScript(countEventSources);
    const lead = await leadCtx.newPage();
    await lead.clock.install();
    await lead.goto(site().origin);
    await lead.getByTestId("vf-bubble").click();
    await lead.getByTestId("vf-consent-accept").click();
    await waitForWidgetMessage(lead, "bot", "nome");
    await typeInWidget(lead, "quero falar com um atendente");
    await waitForWidgetMessage(lead, "bot", "equipe");

    // The conversation shows up in the agent's list without a reload, and turns "pending" after the handoff.
    const row = inbox.locator('[data-testid="inbox-row"][data-status="pending"]');
    await row.waitFor({ timeout: 30_000 }).catch(async (e: Error) => {
      // What the list showed instead: the statuses of its rows and whether the live feed was up.
      const rows = await inbox.getByTestId("inbox-row").evaluateAll((els) => els.map((el) => el.getAttribute("data-status")));
      const live = await inbox.getByTestId("inbox-live").getAttribute("data-live");
      throw new Error(`${e.message}\ninbox rows: ${JSON.stringify(rows)}, live: ${live}`);
    });
    expect(await inbox.getByTestId("inbox-row").count()).toBe(1);
    expect(await inbox.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await row.click();
    await inbox.locator('[data-testid="inbox-message"][data-sender="lead"]').filter({ hasText: "quero falar com um atendente" }).waitFor();

    await inbox.getByTestId("inbox-takeover").click();
    await inbox.locator('[data-testid="inbox-status"][data-status="open"]').waitFor({ timeout: 15_000 });
    expect(await inbox.getByTestId("inbox-assignee").innerText()).toContain(`agent ${tenant().slug}`);

    const reply = "Olá! Aqui é a equipe de vendas, como posso ajudar?";
    await inbox.getByTestId("inbox-composer").fill(reply);
    await inbox.getByTestId("inbox-composer").press("Enter");
    await inbox.locator('[data-testid="inbox-message"][data-sender="agent"]').filter({ hasText: reply }).waitFor({ timeout: 15_000 });
    expect(await inbox.getByTestId("inbox-composer").inputValue()).toBe("");

    // The lead sees the agent's reply in the widget.
    await waitForWidgetMessage(lead, "agent", reply);

    // And the lead's answer reaches the agent live, too.
    await typeInWidget(lead, "Perfeito, obrigado!");
    await inbox.locator('[data-testid="inbox-message"][data-sender="lead"]').filter({ hasText: "Perfeito, obrigado!" }).waitFor({ timeout: 30_000 });
    expect(await inbox.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);

    // The lead switches tabs. Hidden a while, the widget gives its stream back; the agent's next
    // reply waits in the database and shows, once, as soon as the tab is shown again.
    expect(await openStreams(lead)).toHaveLength(1);
    await setHidden(lead, true);
    await lead.clock.fastForward(HIDDEN_CLOSE_MS - 5_000);
    expect(await openStreams(lead)).toHaveLength(1);
    await lead.clock.fastForward(10_000);
    await lead.waitForFunction(() => (window as unknown as { __streams: EventSource[] }).__streams.every((s) => s.readyState === EventSource.CLOSED));
    const later = "Separei uma proposta para você, é só me chamar.";
    await inbox.getByTestId("inbox-composer").fill(later);
    await inbox.getByTestId("inbox-composer").press("Enter");
    await inbox.locator('[data-testid="inbox-message"][data-sender="agent"]').filter({ hasText: later }).waitFor({ timeout: 15_000 });
    const shown = () => lead.locator('[data-testid="vf-message"][data-sender="agent"]').filter({ hasText: later }).count();
    expect(await shown()).toBe(0);
    expect(await openStreams(lead)).toHaveLength(0);
    await setHidden(lead, false);
    await waitForWidgetMessage(lead, "agent", later);
    expect(await shown()).toBe(1);
    const reopened = await openStreams(lead);
    expect(reopened).toHaveLength(1);
    expect(new URL(reopened[0]!).searchParams.get("after")).toMatch(/^[1-9]\d*$/);

    await leadCtx.close();
    await agentCtx.close();
  });
});
