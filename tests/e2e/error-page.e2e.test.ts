import { describe, expect, it } from "vitest";
import { signIn } from "../support/browser";
import { owner } from "../support/fixtures";
import { cancelWaitersUntil } from "../support/lock-waits";
import { e2eSuite } from "../support/e2e-suite";

const { browser, tenant } = e2eSuite();

describe("a page that fails to render", () => {
  it("shows the pt-BR error page (what happened, the error's code, retry, home), never Next's English default; retry renders the page once the database answers", async () => {
    const ctx = await browser().newContext({ locale: "pt-BR" });
    const page = await ctx.newPage();
    const origin = `http://${tenant().host}`;
    await signIn(page, origin, tenant().users.admin, "/");
    // Off the app, so no poll of the signed-in page is in flight when the lock is taken.
    await page.goto("about:blank");
    // The page's session read waits on a locked table and is cancelled (57014): the render throws.
    const blocker = await owner().connect();
    try {
      await blocker.query("begin");
      const pid = (await blocker.query<{ pid: number }>("select pg_backend_pid() as pid")).rows[0]!.pid;
      await blocker.query("lock table sessions in access exclusive mode");
      const loading = page.goto(`${origin}/`);
      await cancelWaitersUntil(pid, loading);
      await blocker.query("rollback");
      expect((await loading)?.status()).toBe(500);
    } finally {
      await blocker.query("rollback").catch(() => undefined);
      blocker.release();
    }
    const alert = page.getByRole("alert").filter({ has: page.getByRole("heading") });
    await expect.poll(() => alert.getByRole("heading").textContent()).toBe("Não foi possível abrir esta página");
    expect(await alert.textContent()).toMatch(/Código do erro: \S+/);
    expect(await page.content()).not.toMatch(/couldn.t load|A server error occurred|Reload/);
    expect(await page.title()).not.toBe("");
    // The database answers again: "Tentar de novo" renders the dashboard in place.
    await alert.getByRole("button", { name: "Tentar de novo" }).click();
    await page.getByRole("heading", { level: 1, name: /^Olá, / }).waitFor({ timeout: 15_000 });
    expect(await page.getByRole("alert").filter({ hasText: "Não foi possível abrir" }).count()).toBe(0);
    await ctx.close();
  });
});
