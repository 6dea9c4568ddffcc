import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { hashToken, type TokenKind } from "@vendaflow/core/auth/tokens";
import { e2eSuite } from "../support/e2e-suite";
import { createTenant, owner } from "../support/fixtures";

// The public pages that take a one-time token from an e-mail (reset-password, accept-invite,
// verify-email) check it when they open: an expired, used or unknown link says so, with the next
// step, instead of a form that would fail only on submit; a live one shows its form as before and
// is not used up by being looked at.

const { browser, tenant } = e2eSuite();

const url = (path: string, host = tenant().host) => `http://${host}${path}`;

/** A token row as issueToken stores it (only the hash), expiring `inMs` from now, used or not. */
async function token(userId: string, kind: TokenKind, opts: { inMs: number; used?: boolean }, tenantId = tenant().id): Promise<string> {
  const raw = randomBytes(32).toString("base64url");
  await owner().query(
    "insert into auth_tokens (tenant_id, user_id, kind, token_hash, expires_at, used_at) values ($1, $2, $3, $4, now() + $5 * interval '1 millisecond', $6)",
    [tenantId, userId, kind, hashToken(raw), opts.inMs, opts.used ? new Date() : null],
  );
  return raw;
}

const HOUR = 3600_000;
const usedAt = async (raw: string) => (await owner().query<{ used_at: Date | null }>("select used_at from auth_tokens where token_hash = $1", [hashToken(raw)])).rows[0]?.used_at ?? null;

async function open(path: string, host?: string): Promise<Page> {
  const page = await (await browser().newContext()).newPage();
  await page.goto(url(path, host));
  return page;
}

/** The dead-link card: its title, and the form (found by `formControl`) absent. */
async function expectGone(page: Page, title: string, formControl: () => ReturnType<Page["getByRole"]>) {
  await page.getByRole("heading", { name: title }).waitFor();
  expect(await page.getByTestId("link-gone").count()).toBe(1);
  expect(await formControl().count()).toBe(0);
  expect(await page.getByRole("link", { name: "Ir para o login" }).count()).toBe(1);
}

describe("public link pages check their token on load", () => {
  it("reset-password: expired, used and another workspace's links say so with a new-link button; a live one shows the form, and after it is used says so", async () => {
    const user = tenant().users.admin;
    const noForm = (page: Page) => () => page.getByRole("button", { name: "Redefinir senha" });
    for (const [opts, title] of [
      [{ inMs: -60_000 }, "Este link expirou"],
      [{ inMs: HOUR, used: true }, "Este link já foi usado"],
    ] as const) {
      const page = await open(`/reset-password?token=${await token(user.id, "reset_password", opts)}`);
      await expectGone(page, title, noForm(page));
      await page.getByRole("link", { name: "Pedir um novo link" }).click();
      await page.waitForURL(/\/forgot-password$/);
      await page.context().close();
    }
    // A token is read in the page's own workspace only (RLS): another workspace's live link is unknown here.
    const other = await createTenant();
    const foreign = await token(other.users.admin.id, "reset_password", { inMs: HOUR }, other.id);
    const fp = await open(`/reset-password?token=${foreign}`);
    await expectGone(fp, "Este link não é válido", noForm(fp));
    await fp.context().close();

    const live = await token(user.id, "reset_password", { inMs: HOUR });
    const page = await open(`/reset-password?token=${live}`);
    await page.getByLabel(/^Nova senha/).fill("senha-nova-123");
    expect(await page.getByTestId("link-gone").count()).toBe(0);
    expect(await usedAt(live)).toBeNull(); // looking at the page does not use the link up
    await page.getByRole("button", { name: "Redefinir senha" }).click();
    await page.waitForURL(/\/login\?notice=reset/);
    // The link submit just used reads as used when opened again: the check and submit agree.
    await page.goto(url(`/reset-password?token=${live}`));
    await expectGone(page, "Este link já foi usado", noForm(page));
    await page.context().close();
  });

  it("accept-invite: expired and used invites say so and whom to ask; a live one shows the form unused", async () => {
    const user = tenant().users.agent;
    const noForm = (page: Page) => () => page.getByRole("button", { name: "Aceitar convite" });
    for (const [opts, title] of [
      [{ inMs: -60_000 }, "Este link expirou"],
      [{ inMs: HOUR, used: true }, "Este link já foi usado"],
    ] as const) {
      const page = await open(`/accept-invite?token=${await token(user.id, "invite", opts)}`);
      await expectGone(page, title, noForm(page));
      await page.getByText("administrador do espaço", { exact: false }).waitFor();
      await page.context().close();
    }
    const unknown = await open(`/accept-invite?token=${randomBytes(32).toString("base64url")}`);
    await expectGone(unknown, "Este link não é válido", noForm(unknown));
    await unknown.context().close();

    const live = await token(user.id, "invite", { inMs: HOUR });
    const page = await open(`/accept-invite?token=${live}`);
    await page.getByLabel("Nome").waitFor();
    await page.getByLabel(/^Senha/).waitFor();
    expect(await noForm(page)().count()).toBe(1);
    expect(await page.getByTestId("link-gone").count()).toBe(0);
    expect(await usedAt(live)).toBeNull();
    await page.context().close();
  });

  it("verify-email: expired and used links say so at once (no spinner, no request) and point to the reset; a live one confirms as before", async () => {
    const user = tenant().users.viewer;
    for (const [opts, title] of [
      [{ inMs: -60_000 }, "Este link expirou"],
      [{ inMs: HOUR, used: true }, "Este link já foi usado"],
    ] as const) {
      const page = await open(`/verify-email?token=${await token(user.id, "verify_email", opts)}`);
      await expectGone(page, title, () => page.getByRole("heading", { name: "Confirmando seu e-mail…" }));
      await page.getByRole("link", { name: "Esqueci minha senha" }).waitFor();
      await page.context().close();
    }
    const live = await token(user.id, "verify_email", { inMs: HOUR });
    const page = await open(`/verify-email?token=${live}`);
    await page.waitForURL(/\/login\?notice=verified/);
    expect(await usedAt(live)).not.toBeNull();
    await page.context().close();
  });
});
