import { afterAll, describe, expect, it } from "vitest";
import { totpCode } from "@vendaflow/core/auth/totp";
import { startAppServer } from "../support/app-server";
import { Client } from "../support/http";
import { closeOwner, loginOperator, owner, rootClient } from "../support/fixtures";

let strict: Awaited<ReturnType<typeof startAppServer>> | undefined;
afterAll(async () => {
  await strict?.stop();
  await closeOwner();
});

/** The app's code `steps` 30-second steps from now (±1 is accepted by the server). */
const code = (secret: string, steps = 0) => totpCode(secret, Date.now() + steps * 30_000);

/** The console's flow over tRPC: password → secret (shown grouped) → the app's first code → recovery codes. */
async function enrol(c: Client, password: string) {
  const started = await c.trpc<{ secret: string; uri: string; qrSvg: string }>("mutation", "operator.startTwoFactor", { password });
  expect(started.error).toBeNull();
  const secret = started.data.secret.replace(/ /g, "");
  const confirmed = await c.trpc<{ recoveryCodes: string[]; otherSessionsEnded: number }>("mutation", "operator.confirmTwoFactor", { code: code(secret) });
  expect(confirmed.error).toBeNull();
  return { secret, recoveryCodes: confirmed.data.recoveryCodes, otherSessionsEnded: confirmed.data.otherSessionsEnded };
}

const platformAudits = async (operatorId: string) =>
  (await owner().query<{ action: string; after: { otherSessionsEnded?: number } | null }>("select action, after from platform_audit_logs where entity_type = 'operator' and entity_id = $1::text and actor_operator_id = $1::uuid order by created_at, id", [operatorId])).rows;

/** A tRPC call's HTTP status on the console: 200 while the operator's session lives, 401 once it ended. */
const status = async (c: Client) => (await c.trpc("query", "operator.twoFactor")).status;

describe("platform operators' two-factor sign-in (TOTP)", () => {
  it("enrol → totp_required only after the right password → a code once (replay refused) → a recovery code once → off with password and a current code", async () => {
    const op = await loginOperator();
    const c = op.client;
    // Not for a tenant user, nor anonymous.
    expect((await rootClient().trpc("query", "operator.twoFactor")).status).toBe(401);

    expect((await c.trpc("mutation", "operator.startTwoFactor", { password: "not-the-password" })).error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "password" } });
    const started = await c.trpc<{ secret: string; uri: string; qrSvg: string }>("mutation", "operator.startTwoFactor", { password: op.password });
    expect(started.data.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    const secret = started.data.secret.replace(/ /g, "");
    expect(started.data.uri).toBe(`otpauth://totp/${encodeURIComponent("Vendaflow (operador)")}:${encodeURIComponent(op.email)}?secret=${secret}&issuer=Vendaflow%20%28operador%29&algorithm=SHA1&digits=6&period=30`);
    expect(started.data.qrSvg).toMatch(/^<svg [^>]*viewBox/);
    // Pending: not on, and the password alone still signs in.
    expect((await c.trpc("query", "operator.twoFactor")).data).toMatchObject({ enabled: false, email: op.email });
    expect(await rootClient().login(op.email, op.password)).toBeNull();
    expect((await c.trpc("mutation", "operator.confirmTwoFactor", { code: code(secret, 5) })).error?.data.code).toBe("BAD_REQUEST");
    const confirmed = await c.trpc<{ recoveryCodes: string[] }>("mutation", "operator.confirmTwoFactor", { code: code(secret) });
    expect(confirmed.error).toBeNull();
    const recovery = confirmed.data.recoveryCodes;
    expect(recovery).toHaveLength(10);
    expect((await c.trpc("query", "operator.twoFactor")).data).toMatchObject({ enabled: true, recoveryCodesLeft: 10, recoveryCodesLow: false });
    // Once on, enrolment cannot start over (it would replace the secret).
    expect((await c.trpc("mutation", "operator.startTwoFactor", { password: op.password })).error?.data.code).toBe("CONFLICT");

    // At rest: the secret sealed with the keyring, the recovery codes as hashes.
    const row = (await owner().query<{ secret_encrypted: string }>("select secret_encrypted from platform_operator_two_factor where operator_id = $1", [op.id])).rows[0]!;
    expect(row.secret_encrypted).not.toContain(secret);
    expect(row.secret_encrypted).toMatch(/^[A-Za-z0-9_-]{1,16}\./);
    const hashes = (await owner().query<{ code_hash: string }>("select code_hash from platform_operator_recovery_codes where operator_id = $1", [op.id])).rows.map((r) => r.code_hash);
    expect(hashes).toHaveLength(10);
    expect(hashes.some((h) => recovery.some((r) => h.includes(r.replace("-", ""))))).toBe(false);

    // Sign-ins of this address so far: the fixture's and the pending one's (2 of 5 in 15 minutes).
    expect(await rootClient().login(op.email, op.password)).toBe("totp_required");
    // The next step's code (this one's was spent by the enrolment) signs in, once: a replay is refused.
    const next = code(secret, 1);
    const signedIn = rootClient();
    expect(await signedIn.login(op.email, op.password, next)).toBeNull();
    expect(await status(signedIn)).toBe(200);
    expect(await rootClient().login(op.email, op.password, next)).toBe("totp_invalid");
    // 5 of 5 used: the next try is refused by the limit before anything else, even a right recovery code.
    expect(await rootClient().login(op.email, op.password, recovery[0])).toBe("rate_limited");

    // Off needs the password and a current code: a wrong password, then a recovery code spent once.
    const badPassword = await c.trpc("mutation", "operator.disableTwoFactor", { password: "wrong-password", code: recovery[1] });
    expect(badPassword.error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "password" } });
    const fresh = await c.trpc<{ recoveryCodes: string[] }>("mutation", "operator.regenerateRecoveryCodes", { password: op.password, code: recovery[1] });
    expect(fresh.error).toBeNull();
    // The old set died with the new one; the one typed was spent.
    expect((await c.trpc("mutation", "operator.disableTwoFactor", { password: op.password, code: recovery[2] })).error?.data).toMatchObject({ code: "BAD_REQUEST", details: { field: "code" } });
    expect((await c.trpc("query", "operator.twoFactor")).data).toMatchObject({ enabled: true, recoveryCodesLeft: 10 });
    expect((await c.trpc("mutation", "operator.disableTwoFactor", { password: op.password, code: fresh.data.recoveryCodes[0] })).error).toBeNull();
    expect((await c.trpc("mutation", "operator.disableTwoFactor", { password: op.password, code: fresh.data.recoveryCodes[1] })).error?.data.code).toBe("BAD_REQUEST");
    expect((await c.trpc("query", "operator.twoFactor")).data).toMatchObject({ enabled: false, recoveryCodesLeft: 0 });
    expect((await owner().query("select 1 from platform_operator_two_factor where operator_id = $1 union all select 1 from platform_operator_recovery_codes where operator_id = $1", [op.id])).rowCount).toBe(0);
    expect((await platformAudits(op.id)).map((a) => a.action)).toEqual(["auth.two_factor_enabled", "auth.recovery_codes_regenerated", "auth.two_factor_disabled"]);
    // The operator is told by e-mail, from the platform, when it goes on and off.
    const mails = await owner().query<{ subject: string; tenant_id: string | null }>("select subject, tenant_id from email_outbox where to_address = $1 order by created_at", [op.email]);
    expect(mails.rows).toEqual([
      { subject: "Verificação em duas etapas ativada no console do operador — Vendaflow", tenant_id: null },
      { subject: "Verificação em duas etapas desativada no console do operador — Vendaflow", tenant_id: null },
    ]);
  });

  it("a recovery code signs in once, and is written to the platform audit log", async () => {
    const op = await loginOperator();
    const { recoveryCodes } = await enrol(op.client, op.password);
    // Typed in capitals, with a space for the hyphen.
    const first = rootClient();
    expect(await first.login(op.email, op.password, ` ${recoveryCodes[3]!.toUpperCase().replace("-", " ")} `)).toBeNull();
    expect(await status(first)).toBe(200);
    expect(await rootClient().login(op.email, op.password, recoveryCodes[3])).toBe("totp_invalid");
    expect((await op.client.trpc("query", "operator.twoFactor")).data).toMatchObject({ enabled: true, recoveryCodesLeft: 9 });
    expect((await platformAudits(op.id)).map((a) => a.action)).toEqual(["auth.two_factor_enabled", "auth.recovery_code_used"]);
  });

  it("turning it on, new recovery codes and turning it off each end the operator's other sessions; the one that did it stays", async () => {
    const op = await loginOperator();
    const here = op.client;
    const other = await loginOperator();
    let elsewhere = rootClient();
    expect(await elsewhere.login(op.email, op.password)).toBeNull();
    expect([await status(here), await status(elsewhere)]).toEqual([200, 200]);

    // A refused attempt ends nothing.
    expect((await here.trpc("mutation", "operator.startTwoFactor", { password: op.password })).error).toBeNull();
    expect((await here.trpc("mutation", "operator.confirmTwoFactor", { code: "000000" })).error?.data.code).toBe("BAD_REQUEST");
    expect(await status(elsewhere)).toBe(200);

    const enrolled = await enrol(here, op.password);
    expect(enrolled.otherSessionsEnded).toBe(1);
    expect([await status(here), await status(elsewhere)]).toEqual([200, 401]);

    elsewhere = rootClient();
    expect(await elsewhere.login(op.email, op.password, enrolled.recoveryCodes[0])).toBeNull();
    const fresh = await here.trpc<{ recoveryCodes: string[]; otherSessionsEnded: number }>("mutation", "operator.regenerateRecoveryCodes", { password: op.password, code: enrolled.recoveryCodes[1] });
    expect(fresh.data.otherSessionsEnded).toBe(1);
    expect([await status(here), await status(elsewhere)]).toEqual([200, 401]);

    elsewhere = rootClient();
    expect(await elsewhere.login(op.email, op.password, fresh.data.recoveryCodes[0])).toBeNull();
    expect((await here.trpc("mutation", "operator.disableTwoFactor", { password: op.password, code: fresh.data.recoveryCodes[1] })).error).toBeNull();
    expect([await status(here), await status(elsewhere)]).toEqual([200, 401]);
    // Another operator's session is theirs: never touched.
    expect(await status(other.client)).toBe(200);
    expect((await platformAudits(op.id)).filter((a) => a.action !== "auth.recovery_code_used").map((a) => [a.action, a.after?.otherSessionsEnded])).toEqual([
      ["auth.two_factor_enabled", 1],
      ["auth.recovery_codes_regenerated", 1],
      ["auth.two_factor_disabled", 1],
    ]);
  });

  it("a wrong password with a right code says nothing of the code; wrong codes count against the operator login limit, then even the right code is refused", async () => {
    const op = await loginOperator();
    const { secret } = await enrol(op.client, op.password);
    expect(await rootClient().login(op.email, "wrong-password", code(secret, 1))).toBe("invalid_credentials");
    const tries: (string | null)[] = [];
    for (let i = 0; i < 3; i++) tries.push(await rootClient().login(op.email, op.password, "000000"));
    // The fixture's own sign-in was the first of the 5.
    expect(tries).toEqual(Array(3).fill("totp_invalid"));
    expect(await rootClient().login(op.email, op.password, code(secret, 1))).toBe("rate_limited");
  });

  it("OPERATOR_REQUIRE_2FA=1: without a second factor only the card answers; once it is on, the console does", async () => {
    strict = await startAppServer({ OPERATOR_REQUIRE_2FA: "1" });
    const op = await loginOperator();
    const c = new Client(strict.port, strict.rootDomain);
    expect(await c.login(op.email, op.password)).toBeNull();
    const tenants = async () => (await c.trpc("query", "operator.tenants", { limit: 1 })).error?.data.code ?? "OK";
    expect(await tenants()).toBe("FORBIDDEN");
    expect((await c.send("GET", "/operator")).status).toBe(200);
    // The card's procedures answer (this session stays through the enrolment).
    await enrol(c, op.password);
    expect(await tenants()).toBe("OK");
    // The fixture's sign-in (on the default server) was another session of the operator: the enrolment ended it.
    expect((await op.client.trpc("query", "operator.tenants", { limit: 1 })).status).toBe(401);
  });
});
