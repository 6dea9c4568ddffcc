import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consumeToken, issueToken, LINK_KINDS, TOKEN_TTL_MS, tokenState } from "@vendaflow/core/auth/tokens";
import { createDb } from "@vendaflow/db/create-db";
import { withTenant } from "@vendaflow/db/with-tenant";
import { closeOwner, createTenant, env, type FixtureTenant } from "../support/fixtures";

// consumeToken is one UPDATE with tokenState's liveness rule in its WHERE (core/auth/tokens.ts):
// both read the same expiry instant, and two uses of one link at once give it to one of them.

let t: FixtureTenant;
const app = createDb({ url: env().appUrl, max: 3 });
const issuedAt = new Date("2026-12-01T12:00:00.000Z");
const issue = (kind: "reset_password" | "invite") => withTenant(app.db, t.id, (tx) => issueToken(tx, t.id, t.users.agent.id, kind, issuedAt));
const at = (ms: number) => new Date(issuedAt.getTime() + ms);

beforeAll(async () => {
  t = await createTenant();
});
afterAll(async () => {
  await app.close();
  await closeOwner();
});

describe("single-use link tokens", () => {
  it("the page's check and the submit agree on the expiry instant (exclusive)", async () => {
    const token = await issue("reset_password");
    const ttl = TOKEN_TTL_MS.reset_password;
    const state = (now: Date) => withTenant(app.db, t.id, (tx) => tokenState(tx, token, LINK_KINDS.reset, now));
    const consume = (now: Date) => withTenant(app.db, t.id, (tx) => consumeToken(tx, token, LINK_KINDS.reset, now));
    expect(await state(at(ttl - 1))).toBe("live");
    expect(await state(at(ttl))).toBe("expired");
    expect(await consume(at(ttl))).toBeNull();
    expect(await withTenant(app.db, t.id, (tx) => tokenState(tx, token, LINK_KINDS.invite, at(0))), "another page's kind").toBe("unknown");
    expect(await withTenant(app.db, t.id, (tx) => consumeToken(tx, token, LINK_KINDS.invite, at(0))), "another page's kind").toBeNull();
    expect(await consume(at(ttl - 1))).toEqual({ userId: t.users.agent.id, kind: "reset_password", newEmail: null });
    expect(await state(at(0))).toBe("used");
    expect(await consume(at(0))).toBeNull();
    expect(await withTenant(app.db, t.id, (tx) => tokenState(tx, "nao-existe", LINK_KINDS.reset, at(0)))).toBe("unknown");
  });

  it("two submits of one link at once: one gets it, the other waits for the row and finds it used", async () => {
    const token = await issue("invite");
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let firstDone!: () => void;
    const firstConsumed = new Promise<void>((r) => (firstDone = r));
    const first = withTenant(app.db, t.id, async (tx) => {
      const got = await consumeToken(tx, token, LINK_KINDS.invite, at(1000));
      firstDone();
      await held; // still uncommitted while the second runs
      return got;
    });
    await firstConsumed;
    const second = withTenant(app.db, t.id, (tx) => consumeToken(tx, token, LINK_KINDS.invite, at(1000)));
    // The second's UPDATE waits on the first's row lock.
    const early = await Promise.race([second.then(() => "returned"), new Promise((r) => setTimeout(() => r("waiting"), 300))]);
    expect(early).toBe("waiting");
    release();
    expect(await first).toEqual({ userId: t.users.agent.id, kind: "invite", newEmail: null });
    expect(await second).toBeNull();
  });
});
