import { readdirSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { encryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { TEST_KEYS } from "../support/app-env";
import { owner, seedConversationRows } from "../support/fixtures";
import { NAME_AND_BUDGET_FLOW } from "../support/flows";
import { signedIn } from "../support/signed-in";
import { e2eSuite } from "../support/e2e-suite";
import { watchCspViolations } from "../support/csp-violations";
import { openReady, type Ready } from "../support/page-ready";

// Every dashboard page on a phone (390 × 844, touch) as the tenant's admin, with one row of
// everything (seedConversationRows): the document never scrolls sideways (a wide table scrolls in
// its own box) and no content lies past either edge outside such a box (popovers of <details>
// included), the page throws nothing, logs no console error, gets no 5xx from the server and has
// nothing blocked by its Content-Security-Policy, its h1 lies within the screen's width and no
// select is too narrow for the option it shows. The
// routes are the folders under app/t/[slug]/(app)/ that have a page.tsx: a new page without an
// entry in ROUTES fails the test, so none is skipped silently. Every failure is collected and reported at once, page by page. The same pages at
// 1366 × 900, in a tab of their own at the same time, for errors and the CSP only.

const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../apps/web/app/t/[slug]/(app)");

/** The dashboard's routes as in the folder tree ("/", "/deals/[id]", …). */
function routesOnDisk(): string[] {
  return (readdirSync(APP_DIR, { recursive: true }) as string[])
    .filter((f) => f === "page.tsx" || f.endsWith(`${sep}page.tsx`))
    .map((f) => `/${f.slice(0, -"page.tsx".length).split(sep).filter(Boolean).join("/")}`)
    .sort();
}

/**
 * Errors that are not the app's, matched against the whole line reported (page, kind, message, URL).
 * Each entry names one exact call and says why it is outside the app; never a whole kind of error.
 */
const ALLOWED: { line: RegExp; why: string }[] = [
  {
    // /calendar lists the connected Calendly account's event types from api.calendly.com. The
    // shared e2e server may reach 127.0.0.1 only (OUTBOUND_ALLOW_HOSTS) and has no Calendly
    // stand-in (CALENDLY_API_BASE is per server): the app answers 503 ("Não foi possível falar
    // com o Calendly agora…"), as it does when Calendly is down, and the picker shows that
    // message (Chromium logs the 503).
    line: /^\/calendar \(\d+ px\): (HTTP 503 from \/api\/trpc\/scheduling\.eventTypes$|console error: Failed to load resource: the server responded with a status of 503 \(Service Unavailable\) \(http:\/\/[^/]+\/api\/trpc\/scheduling\.eventTypes\?)/,
    why: "Calendly's API is outside the app and unreachable from the test server",
  },
];

const { browser, tenant } = e2eSuite();
/** A second admin for the desktop pass: each user may make 600 tRPC calls a minute (trpc:user), and both passes together make more. */
let desktopAdmin: { email: string; password: string };
let ids: { conversation: string; lead: string; deal: string; contact: string; company: string; flow: string };

beforeAll(async () => {
  const seeded = await seedConversationRows(tenant().id);
  const one = async (sql: string, params: unknown[] = [tenant().id]) => (await owner().query(sql, params)).rows[0] as Record<string, string>;
  // The seeded flow's definition is '{}' (a target for RLS checks): the editor gets a real one.
  const flow = await one("insert into qualification_flows (tenant_id, name, version, definition) values ($1, 'BANT', 1, $2) returning flow_key", [tenant().id, JSON.stringify(NAME_AND_BUDGET_FLOW)]);
  // Its Calendly, Pipedrive, Slack and Chatwoot connections' credentials are 'x' (enough for RLS
  // checks): /calendar, the mapping page and /settings decrypt them (500s), so they are sealed with
  // the app's key as connecting does. Pipedrive itself is not reachable: its page says so in a notice.
  const seal = (secrets: Record<string, string>) => encryptCredentials(secrets, TEST_KEYS.encryptionKey);
  await owner().query("update calendar_connections set credentials_encrypted = $2 where tenant_id = $1", [tenant().id, seal({ token: "fixture-token", webhookSecret: "fixture-secret" })]);
  await owner().query("update crm_sync_connections set credentials_encrypted = $2 where tenant_id = $1 and provider = 'pipedrive'", [tenant().id, seal({ apiToken: "fixture-token" })]);
  await owner().query("update slack_connections set credentials_encrypted = $2 where tenant_id = $1", [tenant().id, seal({ botToken: "xoxb-fixture", signingSecret: "fixture-secret" })]);
  // The webhook token is the one whose sha256 the fixture stored.
  await owner().query("update chatwoot_connections set credentials_encrypted = $2 where tenant_id = $1", [tenant().id, seal({ apiToken: "fixture-token", webhookToken: "fixture" })]);
  // Real e-mails and domains are long and unbroken: the records carry such ones, so a page that
  // shows one in a row or a header that cannot wrap it fails here rather than on a salesperson's phone.
  const longEmail = "ana.souza.compras.e.financeiro@padariasolnascentedobairrodaliberdade.com.br";
  await owner().query("update leads set email = $2, phone = '+5511987654321' where tenant_id = $1", [tenant().id, longEmail]);
  await owner().query("update contacts set email = $2 where tenant_id = $1", [tenant().id, longEmail]);
  await owner().query("update companies set name = 'Padaria Sol Nascente do Bairro da Liberdade Ltda', domain = left(gen_random_uuid()::text, 8) || '-padariasolnascentedobairrodaliberdade.com.br' where tenant_id = $1", [tenant().id]);
  desktopAdmin = { email: `admin2@${tenant().slug}.test`, password: tenant().users.admin.password };
  await owner().query("insert into users (tenant_id, email, name, role, password_hash, email_verified_at) select tenant_id, $2, 'Segunda admin', 'admin', password_hash, now() from users where id = $1", [tenant().users.admin.id, desktopAdmin.email]);
  ids = {
    conversation: seeded.conversationId,
    lead: seeded.leadId,
    deal: (await one("select id from deals where tenant_id = $1"))["id"]!,
    contact: (await one("select id from contacts where tenant_id = $1"))["id"]!,
    company: (await one("select id from companies where tenant_id = $1"))["id"]!,
    flow: flow["flow_key"]!,
  };
});

/** Route as on disk → the path opened (records from the fixture) and, for pages whose data comes after the h1, what shows it has come. */
const ROUTES: Record<string, () => { path: string; ready?: Ready }> = {
  "/": () => ({ path: "/", ready: (p) => p.locator('[data-testid="chart-botFunnel"]:not([data-state="loading"])') }),
  "/activities": () => ({ path: "/activities" }),
  "/audit": () => ({ path: "/audit" }),
  "/automations": () => ({ path: "/automations" }),
  "/billing": () => ({ path: "/billing" }),
  "/business-hours": () => ({ path: "/business-hours" }),
  "/calendar": () => ({ path: "/calendar" }),
  "/canned-responses": () => ({ path: "/canned-responses" }),
  "/companies": () => ({ path: "/companies" }),
  "/companies/[id]": () => ({ path: `/companies/${ids.company}` }),
  "/contacts": () => ({ path: "/contacts" }),
  "/contacts/[id]": () => ({ path: `/contacts/${ids.contact}` }),
  "/conversations": () => ({ path: "/conversations" }),
  "/conversations/[id]": () => ({ path: `/conversations/${ids.conversation}` }),
  "/crm-settings": () => ({ path: "/crm-settings" }),
  "/deals": () => ({ path: "/deals", ready: (p) => p.getByTestId("deal-card") }),
  "/deals/[id]": () => ({ path: `/deals/${ids.deal}` }),
  "/developers": () => ({ path: "/developers" }),
  "/flows": () => ({ path: "/flows" }),
  "/flows/[flowKey]": () => ({ path: `/flows/${ids.flow}` }),
  "/inbox": () => ({ path: "/inbox", ready: (p) => p.getByTestId("inbox-row") }),
  "/inboxes": () => ({ path: "/inboxes" }),
  "/lead-import": () => ({ path: "/lead-import" }),
  "/leads": () => ({ path: "/leads" }),
  "/leads/[id]": () => ({ path: `/leads/${ids.lead}` }),
  "/meetings": () => ({ path: "/meetings" }),
  "/privacy": () => ({ path: "/privacy", ready: (p) => p.getByTestId("processing-records") }),
  "/profile": () => ({ path: "/profile" }),
  "/routing-rules": () => ({ path: "/routing-rules" }),
  // With a query, so the results (a lead, a company, a contact, a deal) are on the page.
  "/search": () => ({ path: "/search?q=Padaria" }),
  "/settings": () => ({ path: "/settings", ready: (p) => p.getByLabel("Cor principal", { exact: true }) }),
  // The fixture has a Pipedrive connection, so its mapping page has its stages and fields.
  "/settings/crm-sync/[provider]": () => ({ path: "/settings/crm-sync/pipedrive" }),
  "/team-load": () => ({ path: "/team-load", ready: (p) => p.getByTestId("team-load-row") }),
  "/teams": () => ({ path: "/teams" }),
  "/users": () => ({ path: "/users", ready: (p) => p.locator("tr[data-email]") }),
  "/whatsapp-costs": () => ({ path: "/whatsapp-costs" }),
};

/**
 * What is wrong with the page's layout on a screen `width` px wide: sideways scroll (and where the
 * content sticks out), an h1 off the screen, a select that cuts its text. Not window.innerWidth: with isMobile, Chromium zooms a
 * page that overflows out to fit it, and innerWidth grows with the content (a 700 px div in a
 * 390 px phone gives innerWidth 708), so scrollWidth <= innerWidth would always hold.
 */
async function layoutProblems(page: Page, width: number): Promise<string[]> {
  return page.evaluate((width) => {
    const problems: string[] = [];
    const root = document.documentElement;
    // Which content does it is named by the next check.
    if (root.scrollWidth > width) problems.push(`scrolls sideways: scrollWidth ${root.scrollWidth} > ${width}`);
    // Content past either edge that no scrolling box of its own holds cannot be reached (past the
    // left edge the page cannot even scroll): checked with the page's disclosures (<details>:
    // column choosers, filters) open, since they hold popovers.
    const closed = [...document.querySelectorAll<HTMLDetailsElement>("main details:not([open])")];
    for (const d of closed) d.open = true;
    const offScreen: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>("main *")) {
      const r = el.getBoundingClientRect();
      if (r.width <= 1 || r.height <= 1 || (r.left >= -1 && r.right <= width + 1)) continue;
      if (el.closest(".sr-only")) continue;
      let scrolls = false;
      for (let a = el.parentElement; a && !scrolls; a = a.parentElement) scrolls = ["auto", "scroll"].includes(getComputedStyle(a).overflowX);
      if (scrolls) continue;
      // Only the outermost: its children go with it.
      const parent = el.parentElement?.getBoundingClientRect();
      if (parent && (parent.left < -1 || parent.right > width + 1)) continue;
      const id = el.getAttribute("data-testid") ?? el.getAttribute("data-slot");
      offScreen.push(`${el.tagName.toLowerCase()}${id ? `[${id}]` : ""} "${(el.textContent ?? "").trim().slice(0, 30)}" (${Math.round(r.left)}…${Math.round(r.right)} px)`);
    }
    for (const d of closed) d.open = false;
    if (offScreen.length) problems.push(`content off the screen: ${offScreen.slice(0, 4).join(", ")}`);

    // A select squeezed narrower than its chosen option cuts the text ("Em aberto e encerra…"):
    // the option's text measured in the select's font against the room inside its padding.
    const measure = document.createElement("canvas").getContext("2d")!;
    const cut: string[] = [];
    for (const select of document.querySelectorAll<HTMLSelectElement>("main select:not([multiple])")) {
      const text = select.selectedOptions[0]?.textContent?.trim();
      if (!text || select.getBoundingClientRect().width <= 1) continue;
      const style = getComputedStyle(select);
      measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (measure.measureText(text).width > room + 1) cut.push(`"${text}" (${Math.round(measure.measureText(text).width)} px in ${Math.round(room)} px)`);
    }
    if (cut.length) problems.push(`select cuts its text: ${cut.slice(0, 4).join(", ")}`);

    const h1 = document.querySelector<HTMLElement>("main h1");
    if (!h1) problems.push("no h1 in main");
    else {
      const r = h1.getBoundingClientRect();
      const style = getComputedStyle(h1);
      const shown = r.width > 0 && r.height > 0 && style.visibility !== "hidden" && style.display !== "none" && !h1.closest('[aria-hidden="true"], .sr-only');
      if (!shown) problems.push("h1 not visible");
      else if (r.left < 0 || r.right > width + 0.5) problems.push(`h1 outside the viewport's width (left ${Math.round(r.left)}, right ${Math.round(r.right)}, viewport ${width})`);
    }
    return problems;
  }, width);
}

describe("every dashboard page", () => {
  it("on a phone (390 px) does not scroll sideways, throws nothing, logs no error, and shows its h1; at 1366 px throws nothing; neither breaks the CSP", { timeout: 150_000 }, async () => {
    const started = Date.now();
    // Every page under (app)/ has its entry: a new page is checked, or this fails and says which.
    expect(routesOnDisk().filter((r) => !(r in ROUTES)), "routes without an entry in ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((r) => !routesOnDisk().includes(r)), "entries in ROUTES with no page on disk").toEqual([]);

    const origin = `http://${tenant().host}`;
    const failures: string[] = [];
    const reportOnly = new Set<string>();
    /** Every route at one width in a page of its own, signed in as the admin; the phone's also checks the layout. */
    const pass = async (width: 390 | 1366) => {
      const phone = width === 390;
      const ctx = await browser().newContext(phone ? { viewport: { width, height: 844 }, isMobile: true, hasTouch: true, locale: "pt-BR" } : { viewport: { width, height: 900 }, locale: "pt-BR" });
      const page = await ctx.newPage();
      let current = "";
      const fail = (line: string) => {
        if (!ALLOWED.some((a) => a.line.test(line))) failures.push(line);
      };
      page.on("pageerror", (err) => fail(`${current}: page error: ${err.message.split("\n")[0]}`));
      page.on("console", (msg) => {
        if (msg.type() !== "error") return;
        const where = msg.location().url ? ` (${msg.location().url})` : "";
        fail(`${current}: console error: ${msg.text().split("\n")[0]}${where}`);
      });
      // A server error the page shows in its own error box logs nothing: it fails here (tRPC answers 500).
      page.on("response", (res) => {
        if (res.status() >= 500) fail(`${current}: HTTP ${res.status()} from ${new URL(res.url()).pathname}`);
      });
      // The strict CSP (proxy.ts, a nonce per response) blocks nothing the page needs; the Trusted
      // Types policy is report-only and only counted.
      await watchCspViolations(page, (v) => {
        if (v.disposition === "enforce") fail(`${current}: CSP blocked ${v.blocked || "(inline)"} (${v.directive}) at ${v.source}`);
        else reportOnly.add(`${v.directive} ${v.source}`);
      });
      // The login form first, signed out: its errors and the CSP count too.
      current = `/login (${width} px)`;
      await page.goto(`${origin}/login`);
      await page.getByLabel("E-mail").waitFor();
      await signedIn(page, origin, phone ? tenant().users.admin : desktopAdmin, "/");
      const passStarted = Date.now();
      for (const route of Object.keys(ROUTES)) {
        const { path, ready } = ROUTES[route]!();
        current = `${path} (${width} px)`;
        try {
          const status = await openReady(page, origin, path, ready);
          if (status) {
            failures.push(`${current}: ${status}`);
            continue;
          }
        } catch (err) {
          failures.push(`${current}: did not finish loading: ${(err as Error).message.split("\n")[0]}`);
          continue;
        }
        if (phone) for (const problem of await layoutProblems(page, width)) failures.push(`${current}: ${problem}`);
      }
      // The last page's late answers, before its errors can no longer be told.
      await page.waitForLoadState("networkidle");
      console.log(`${width} px: ${((Date.now() - passStarted) / 1000).toFixed(1)} s`);
      current = `after the last page (${width} px)`;
      await ctx.close();
    };
    // Side by side: a page's time is mostly waiting on the server, and each pass has its own tab and admin.
    await Promise.all([pass(390), pass(1366)]);
    console.log(`${Object.keys(ROUTES).length} routes at 390 and 1366 px in ${((Date.now() - started) / 1000).toFixed(1)} s: ${failures.length} problems; ${reportOnly.size} report-only CSP sources${reportOnly.size ? ` (${[...reportOnly].slice(0, 5).join("; ")})` : ""}`);
    expect(failures, `problems found:\n${failures.join("\n")}`).toEqual([]);
  });
});
