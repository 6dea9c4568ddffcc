import { afterAll, describe, expect, it } from "vitest";
import { Client } from "../support/http";
import { closeOwner, createTenant, env, loginOperator, owner, rootClient } from "../support/fixtures";

afterAll(closeOwner);

/** A second client replaying exactly the cookie captured from the first. */
function replay(from: Client) {
  const c = new Client(from.port, from.host);
  for (const [k, v] of from.cookies) c.cookies.set(k, v);
  return c;
}

const me = (c: Client) => c.send("GET", "/api/me");

describe("server-side sessions behind the Auth.js JWT", () => {
  it("a captured cookie is refused after logout", async () => {
    const t = await createTenant();
    const c = await t.loginAs("agent");
    const captured = replay(c);
    expect((await me(captured)).status).toBe(200);
    expect((await c.trpc("mutation", "auth.logout")).error).toBeNull();
    expect((await me(captured)).status).toBe(401);
    expect((await captured.trpc("query", "profile.me")).error?.data.code).toBe("UNAUTHORIZED");
  });

  it("a captured cookie is refused after a password change (every session of the user ends)", async () => {
    const t = await createTenant();
    const c = await t.loginAs("agent");
    const other = await t.loginAs("agent");
    const captured = replay(c);
    const res = await c.trpc("mutation", "profile.changePassword", { currentPassword: t.users.agent.password, newPassword: "nova-senha-456" });
    expect(res.error).toBeNull();
    expect((await me(captured)).status).toBe(401);
    expect((await me(other)).status).toBe(401);
  });

  it("a captured cookie is refused after deactivation, and after a role change", async () => {
    const t = await createTenant();
    const admin = await t.loginAs("admin");
    const agent = await t.loginAs("agent");
    const viewer = await t.loginAs("viewer");
    expect((await admin.trpc("mutation", "users.deactivate", { userId: t.users.agent.id })).error).toBeNull();
    expect((await me(replay(agent))).status).toBe(401);
    expect((await admin.trpc("mutation", "users.changeRole", { userId: t.users.viewer.id, role: "agent" })).error).toBeNull();
    expect((await me(replay(viewer))).status).toBe(401);
    // The deactivated user cannot log in again either.
    expect(await t.client().login(t.users.agent.email, t.users.agent.password)).toBe("invalid_credentials");
  });

  it("a session minted for tenant A is refused on tenant B's host (tRPC and route handler)", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const ca = await a.loginAs("admin");
    const onB = new Client(env().port, b.host);
    for (const [k, v] of ca.cookies) onB.cookies.set(k, v);
    expect((await me(onB)).status).toBe(401);
    expect((await onB.trpc("query", "users.list")).error?.data.code).toBe("UNAUTHORIZED");
    expect((await onB.trpc("mutation", "users.invite", { email: "x@example.com", role: "agent" })).error?.data.code).toBe("UNAUTHORIZED");
    // A page on B redirects to B's login instead of rendering.
    const page = await onB.send("GET", "/users");
    expect(page.status).toBe(307);
    expect(page.headers.location).toContain("/login");
    // Still valid at home.
    expect((await me(ca)).status).toBe(200);
  });

  it("limits login attempts per email", async () => {
    const t = await createTenant();
    const codes: (string | null)[] = [];
    for (let i = 0; i < 7; i++) codes.push(await t.client().login(t.users.viewer.email, "wrong-password"));
    expect(codes.slice(0, 5)).toEqual(Array(5).fill("invalid_credentials"));
    expect(codes.slice(5)).toEqual(["rate_limited", "rate_limited"]);
    // Even the right password is refused while limited.
    expect(await t.client().login(t.users.viewer.email, t.users.viewer.password)).toBe("rate_limited");
  });

  it("a bare POST /api/auth/signout (no auth.logout first) revokes the session row: the replayed cookie is refused", async () => {
    const t = await createTenant();
    const c = await t.loginAs("agent");
    const captured = replay(c);
    expect((await me(captured)).status).toBe(200);
    const csrf = (await c.send("GET", "/api/auth/csrf")).json<{ csrfToken: string }>().csrfToken;
    const out = await c.send("POST", "/api/auth/signout", { headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ csrfToken: csrf }).toString() });
    expect(out.status).toBe(302);
    expect((await me(captured)).status).toBe(401);
    const { rows } = await owner().query("select count(*) filter (where revoked_at is null)::int as live, count(*)::int as total from sessions where user_id = $1", [t.users.agent.id]);
    expect(rows[0]).toEqual({ live: 0, total: 1 });
    const audit = await owner().query("select count(*)::int as n from audit_logs where tenant_id = $1 and action = 'auth.logout'", [t.id]);
    expect(audit.rows[0].n).toBe(1);
  });

  it("the per-IP login limit counts the address our proxy appended, not what the client wrote in x-forwarded-for", async () => {
    const t = await createTenant();
    const attacker = `198.51.100.${Math.floor(Math.random() * 250) + 1}`;
    const codes: (string | null)[] = [];
    for (let i = 0; i < 21; i++) {
      const c = t.client();
      // The client forges a fresh first hop every time; the proxy in front appends the real address.
      c.ip = `${Math.floor(Math.random() * 200) + 1}.${i}.0.1, ${attacker}`;
      codes.push(await c.login(`ninguem-${i}@${t.slug}.test`, "wrong-password"));
    }
    expect(codes.slice(0, 20)).toEqual(Array(20).fill("invalid_credentials"));
    expect(codes[20]).toBe("rate_limited");
  });
});

describe("the dev outbox", () => {
  it("is not shown to anyone on a production server, only to a signed-in platform operator", async () => {
    const anon = await rootClient().send("GET", "/dev/outbox", { headers: { "x-forwarded-for": "127.0.0.1" } });
    expect(anon.status).toBe(404);
    expect(anon.text).not.toContain("outbox-mail");
    const t = await createTenant();
    // A tenant user's session is no operator's.
    const user = await t.loginAs("admin");
    expect((await user.send("GET", "/dev/outbox")).status).toBe(404);
    const { client: op } = await loginOperator();
    const seen = await op.send("GET", "/dev/outbox");
    expect(seen.status).toBe(200);
    expect(seen.text).toContain("Caixa de saída");
  });
});

describe("the user's own sessions (Meu perfil)", () => {
  type Listed = { id: string; current: boolean; ip: string | null }[];

  it("lists where the user is signed in, the current one first and marked; ends one, then all the others", async () => {
    const t = await createTenant();
    const here = await t.loginAs("agent");
    const phone = await t.loginAs("agent");
    const laptop = await t.loginAs("agent");
    const theirs = await t.loginAs("admin");
    const listed = (await here.trpc<Listed>("query", "profile.sessions")).data;
    expect(listed).toHaveLength(3);
    expect(listed.map((s) => s.current)).toEqual([true, false, false]);
    // Which row is the phone's: the one whose end makes the phone's cookie fail.
    const others = listed.filter((s) => !s.current).map((s) => s.id);
    expect((await here.trpc("mutation", "profile.endSession", { sessionId: others[0] })).error).toBeNull();
    const alive = [(await me(phone)).status, (await me(laptop)).status].sort();
    expect(alive).toEqual([200, 401]);
    expect((await here.trpc<Listed>("query", "profile.sessions")).data).toHaveLength(2);
    // Ending it again: already ended.
    expect((await here.trpc("mutation", "profile.endSession", { sessionId: others[0] })).error?.data.code).toBe("NOT_FOUND");

    expect((await here.trpc<{ ended: number }>("mutation", "profile.endOtherSessions")).data).toEqual({ ended: 1 });
    expect((await me(phone)).status).toBe(401);
    expect((await me(laptop)).status).toBe(401);
    expect((await me(here)).status).toBe(200);
    expect((await me(theirs)).status).toBe(200);
    const audit = await owner().query("select action from audit_logs where tenant_id = $1 and action in ('auth.session_ended', 'auth.other_sessions_ended') order by created_at", [t.id]);
    expect(audit.rows.map((r) => r.action)).toEqual(["auth.session_ended", "auth.other_sessions_ended"]);
  });

  it("another user's session cannot be ended, in the same workspace or another", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const agent = await a.loginAs("agent");
    const admin = await a.loginAs("admin");
    const onB = await b.loginAs("admin");
    const agentSession = (await agent.trpc<Listed>("query", "profile.sessions")).data[0]!.id;
    // Not even an admin of the workspace ends it from their profile; nor anyone on tenant B.
    expect((await admin.trpc("mutation", "profile.endSession", { sessionId: agentSession })).error?.data.code).toBe("NOT_FOUND");
    expect((await onB.trpc("mutation", "profile.endSession", { sessionId: agentSession })).error?.data.code).toBe("NOT_FOUND");
    // "The others" of the admin are the admin's only.
    expect((await admin.trpc<{ ended: number }>("mutation", "profile.endOtherSessions")).data).toEqual({ ended: 0 });
    expect((await me(agent)).status).toBe(200);
    // A session id that is not a uuid is refused before the database.
    expect((await agent.trpc("mutation", "profile.endSession", { sessionId: "x" })).error?.data.code).toBe("BAD_REQUEST");
  });
});
