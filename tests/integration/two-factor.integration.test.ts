import { afterAll, describe, expect, it } from "vitest";
import { totpCode } from "@vendaflow/core/auth/totp";
import { Client } from "../support/http";
import { closeOwner, createTenant, owner, type FixtureTenant } from "../support/fixtures";

afterAll(closeOwner);

interface Enrolment {
  secret: string;
  recoveryCodes: string[];
}

/** The app's code `steps` 30-second steps from now (±1 is accepted by the server). */
const code = (secret: string, steps = 0) => totpCode(secret, Date.now() + steps * 30_000);

/** Meu perfil's flow over tRPC: password → secret (shown grouped) → the app's first code → recovery codes. */
async function enrol(c: Client, password: string): Promise<Enrolment> {
  const started = await c.trpc<{ secret: string; uri: string; qrSvg: string }>("mutation", "profile.startTwoFactor", { password });
  expect(started.error).toBeNull();
  const secret = started.data.secret.replace(/ /g, "");
  const confirmed = await c.trpc<{ recoveryCodes: string[] }>("mutation", "profile.confirmTwoFactor", { code: code(secret) });
  expect(confirmed.error).toBeNull();
  return { secret, recoveryCodes: confirmed.data.recoveryCodes };
}

const audits = async (t: FixtureTenant, entityId: string) =>
  (await owner().query<{ action: string }>("select action from audit_logs where tenant_id = $1 and entity_id = $2 order by created_at, id", [t.id, entityId])).rows.map((r) => r.action);

describe("two-factor sign-in (TOTP)", () => {
  it("enrol → the login asks for the code only after the right password → a code works once → a recovery code works once → turning it off needs password and a current code", async () => {
    const t = await createTenant();
    const u = t.users.agent;
    const c = await t.loginAs("agent");

    // Enrolment needs the password; the QR is an SVG drawn on the server, the issuer the workspace.
    const wrong = await c.trpc("mutation", "profile.startTwoFactor", { password: "not-the-password" });
    expect(wrong.error?.data.code).toBe("BAD_REQUEST");
    const started = await c.trpc<{ secret: string; uri: string; qrSvg: string }>("mutation", "profile.startTwoFactor", { password: u.password });
    expect(started.data.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = started.data.secret.replace(/ /g, "");
    expect(started.data.uri).toContain(`otpauth://totp/${encodeURIComponent(`Empresa ${t.slug}`)}:${encodeURIComponent(u.email)}?secret=${secret}`);
    expect(started.data.qrSvg).toMatch(/^<svg [^>]*viewBox/);
    // Pending: not on yet, and the sign-in still asks only for the password (checked below with the status).
    expect((await c.trpc<{ enabled: boolean }>("query", "profile.twoFactor")).data.enabled).toBe(false);
    expect((await c.trpc("mutation", "profile.confirmTwoFactor", { code: code(secret, 5) })).error?.data.code).toBe("BAD_REQUEST");
    const confirmed = await c.trpc<{ recoveryCodes: string[] }>("mutation", "profile.confirmTwoFactor", { code: code(secret) });
    expect(confirmed.error).toBeNull();
    const recovery = confirmed.data.recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect((await c.trpc("query", "profile.twoFactor")).data).toMatchObject({ enabled: true, recoveryCodesLeft: 10, recoveryCodesLow: false });

    // At rest: the secret sealed with the keyring, the recovery codes as hashes.
    const row = (await owner().query<{ secret_encrypted: string; last_used_step: string }>("select secret_encrypted, last_used_step from user_two_factor where user_id = $1", [u.id])).rows[0]!;
    expect(row.secret_encrypted).not.toContain(secret);
    expect(row.secret_encrypted).toMatch(/^[A-Za-z0-9_-]{1,16}\./);
    const hashes = (await owner().query<{ code_hash: string }>("select code_hash from user_recovery_codes where user_id = $1", [u.id])).rows.map((r) => r.code_hash);
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => recovery.some((r) => h.includes(r.replace("-", ""))))).toBe(false);

    // The second step is asked for only once the password is right (a wrong one: see the next test).
    // Five sign-ins per address in 15 minutes (the fixture's was the first): this test uses them all.
    expect(await new Client(c.port, c.host).login(u.email, u.password)).toBe("totp_required");
    // The next step's code (this one's was spent by the enrolment) signs in, once.
    // (One string, computed once: computed again after a step boundary it would be a new code.)
    const next = code(secret, 1);
    const first = new Client(c.port, c.host);
    expect(await first.login(u.email, u.password, next)).toBeNull();
    expect((await first.send("GET", "/api/me")).status).toBe(200);
    expect(await new Client(c.port, c.host).login(u.email, u.password, next)).toBe("totp_invalid");
    // A recovery code (typed in capitals, with spaces) signs in and is spent.
    const viaRecovery = new Client(c.port, c.host);
    expect(await viaRecovery.login(u.email, u.password, ` ${recovery[0]!.toUpperCase().replace("-", " ")} `)).toBeNull();
    expect((await c.trpc("query", "profile.twoFactor")).data).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });

    // Off needs the password and a current code: a spent recovery code, or a wrong password, is refused.
    const spent = await c.trpc("mutation", "profile.disableTwoFactor", { password: u.password, code: recovery[0] });
    expect(spent.error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "code" } });
    const badPassword = await c.trpc("mutation", "profile.disableTwoFactor", { password: "wrong-password", code: recovery[1] });
    expect(badPassword.error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "password" } });
    // New recovery codes replace the old ones (the one typed is spent, the others die with the set).
    const fresh = await c.trpc<{ recoveryCodes: string[] }>("mutation", "profile.regenerateRecoveryCodes", { password: u.password, code: recovery[1] });
    expect(fresh.error).toBeNull();
    expect((await c.trpc("mutation", "profile.disableTwoFactor", { password: u.password, code: recovery[2] })).error?.data.code).toBe("BAD_REQUEST");
    expect((await c.trpc("mutation", "profile.disableTwoFactor", { password: u.password, code: fresh.data.recoveryCodes[0] })).error).toBeNull();
    expect((await c.trpc("query", "profile.twoFactor")).data).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await owner().query("select 1 from user_two_factor where user_id = $1 union all select 1 from user_recovery_codes where user_id = $1", [u.id])).rowCount).toBe(0);

    expect(await audits(t, u.id)).toEqual(["auth.two_factor_enabled", "auth.recovery_code_used", "auth.recovery_codes_regenerated", "auth.two_factor_disabled"]);
    const logins = await owner().query<{ after: { secondFactor?: string } | null }>("select after from audit_logs where tenant_id = $1 and actor_user_id = $2 and action = 'auth.login' order by created_at", [t.id, u.id]);
    expect(logins.rows.map((r) => r.after?.secondFactor ?? null)).toEqual([null, "totp", "recovery_code"]);
    // The user is told by e-mail when 2FA goes on and off.
    const mails = await owner().query<{ subject: string }>("select subject from email_outbox where to_address = $1 order by created_at", [u.email]);
    expect(mails.rows.map((m) => m.subject)).toEqual([`Verificação em duas etapas ativada — Empresa ${t.slug}`, `Verificação em duas etapas desativada — Empresa ${t.slug}`]);
  });

  it("turning 2FA on, a new set of recovery codes and turning it off each end the user's other sessions; the one that did it stays signed in", async () => {
    const t = await createTenant();
    const u = t.users.admin;
    const here = await t.loginAs("admin");
    /** A tRPC call's HTTP status: 200 while the session lives, 401 once it ended. */
    const status = async (c: Client) => (await c.trpc("query", "profile.twoFactor")).status;
    // Another device of the same user, and a colleague (their sessions are theirs: never touched).
    const colleague = await t.loginAs("agent");
    let elsewhere = await t.loginAs("admin");
    expect([await status(here), await status(elsewhere)]).toEqual([200, 200]);

    // A refused attempt (a wrong code) ends nothing.
    expect((await here.trpc("mutation", "profile.startTwoFactor", { password: u.password })).error).toBeNull();
    expect((await here.trpc("mutation", "profile.confirmTwoFactor", { code: "000000" })).error?.data.code).toBe("BAD_REQUEST");
    expect(await status(elsewhere)).toBe(200);

    const { recoveryCodes } = await enrol(here, u.password);
    expect(await status(elsewhere)).toBe(401);
    expect(await status(here)).toBe(200);

    // Signed in again there (with a recovery code: the app's codes are spent step by step).
    elsewhere = new Client(here.port, here.host);
    expect(await elsewhere.login(u.email, u.password, recoveryCodes[0])).toBeNull();
    expect(await status(elsewhere)).toBe(200);
    const fresh = await here.trpc<{ recoveryCodes: string[] }>("mutation", "profile.regenerateRecoveryCodes", { password: u.password, code: recoveryCodes[1] });
    expect(fresh.error).toBeNull();
    expect(await status(elsewhere)).toBe(401);
    expect(await status(here)).toBe(200);

    elsewhere = new Client(here.port, here.host);
    expect(await elsewhere.login(u.email, u.password, fresh.data.recoveryCodes[0])).toBeNull();
    expect(await status(elsewhere)).toBe(200);
    expect((await here.trpc("mutation", "profile.disableTwoFactor", { password: u.password, code: fresh.data.recoveryCodes[1] })).error).toBeNull();
    expect(await status(elsewhere)).toBe(401);
    expect(await status(here)).toBe(200);
    expect((await here.trpc<{ current: boolean }[]>("query", "profile.sessions")).data.map((s) => s.current)).toEqual([true]);
    expect(await status(colleague)).toBe(200);
  });

  it("a wrong password with a right code says nothing of the code; wrong codes count against the login limit, then even the right code is refused", async () => {
    const t = await createTenant();
    const u = t.users.viewer;
    const { secret } = await enrol(await t.loginAs("viewer"), u.password);
    expect(await t.client().login(u.email, "wrong-password", code(secret, 1))).toBe("invalid_credentials");
    const codes: (string | null)[] = [];
    for (let i = 0; i < 3; i++) codes.push(await t.client().login(u.email, u.password, "000000"));
    // The fixture's own sign-in was the first of the 5.
    expect(codes).toEqual(Array(3).fill("totp_invalid"));
    expect(await t.client().login(u.email, u.password, code(secret, 1))).toBe("rate_limited");
  });

  it("an admin resets another user's 2FA (sessions end); not their own, not another tenant's user, and not as a member", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const target = a.users.viewer;
    const viewer = await a.loginAs("viewer");
    await enrol(viewer, target.password);
    const admin = await a.loginAs("admin");
    const list = await admin.trpc<{ id: string; twoFactor: boolean }[]>("query", "users.list");
    expect(list.data.find((x) => x.id === target.id)?.twoFactor).toBe(true);
    expect(list.data.find((x) => x.id === a.users.admin.id)?.twoFactor).toBe(false);

    // Tenant B's admin cannot reach tenant A's user (RLS: not found), nor can a member of A.
    const otherAdmin = await b.loginAs("admin");
    expect((await otherAdmin.trpc("mutation", "users.resetTwoFactor", { userId: target.id })).error?.data.code).toBe("NOT_FOUND");
    expect((await (await a.loginAs("agent")).trpc("mutation", "users.resetTwoFactor", { userId: target.id })).error?.data.code).toBe("FORBIDDEN");
    // Not through this path for oneself (their own goes off in Meu perfil, with password and code).
    const adminEnrolment = await enrol(admin, a.users.admin.password);
    expect(adminEnrolment.recoveryCodes).toHaveLength(10);
    expect((await admin.trpc("mutation", "users.resetTwoFactor", { userId: a.users.admin.id })).error?.data.code).toBe("BAD_REQUEST");
    expect((await owner().query("select 1 from user_two_factor where user_id = $1 and enabled_at is not null", [target.id])).rowCount).toBe(1);
    expect((await viewer.send("GET", "/api/me")).status).toBe(200);

    expect((await admin.trpc("mutation", "users.resetTwoFactor", { userId: target.id })).error).toBeNull();
    expect((await viewer.send("GET", "/api/me")).status).toBe(401);
    expect((await owner().query("select 1 from user_two_factor where user_id = $1 union all select 1 from user_recovery_codes where user_id = $1", [target.id])).rowCount).toBe(0);
    expect((await admin.trpc<{ id: string; twoFactor: boolean }[]>("query", "users.list")).data.find((x) => x.id === target.id)?.twoFactor).toBe(false);
    // The password alone signs in again, until they enrol anew.
    expect(await a.client().login(target.email, target.password)).toBeNull();
    expect(await audits(a, target.id)).toEqual(["auth.two_factor_enabled", "auth.two_factor_reset"]);
    const mail = await owner().query<{ subject: string }>("select subject from email_outbox where to_address = $1 order by created_at desc limit 1", [target.email]);
    expect(mail.rows[0]?.subject).toBe(`Verificação em duas etapas redefinida — Empresa ${a.slug}`);
  });
});
