import { describe, expect, it } from "vitest";
import type { CalendlyOAuth } from "../ports/calendar";
import { readOAuthState, startCalendlyOAuth } from "./calendly-oauth";

const at = (iso: string) => () => new Date(iso);
const oauth: CalendlyOAuth = {
  authorizeUrl: ({ state, redirectUri }) => `https://auth.example/oauth/authorize?${new URLSearchParams({ state, redirect_uri: redirectUri })}`,
  exchange: () => Promise.reject(new Error("unused")),
  refresh: () => Promise.reject(new Error("unused")),
};
const deps = (now: () => Date, tokenSecret = "s".repeat(32)) => ({ tokenSecret, now, calendar: { open: () => { throw new Error("unused"); }, calendlyOAuth: oauth }, links: { rootUrl: (p: string) => `https://vendaflow.test${p}`, tenantUrl: (s: string, p: string) => `https://${s}.vendaflow.test${p}` } });
const who = { tenantId: "7a3c1b52-8c3e-4d7e-9d8a-111111111111", userId: "7a3c1b52-8c3e-4d7e-9d8a-222222222222", sessionId: "7a3c1b52-8c3e-4d7e-9d8a-333333333333", role: "admin" };
const stateOf = (url: string) => new URL(url).searchParams.get("state")!;

describe("Calendly OAuth state", () => {
  it("names tenant, admin and session, to the root redirect URI; read back within 10 minutes only", () => {
    const { url } = startCalendlyOAuth(deps(at("2026-12-02T12:00:00Z")), who);
    expect(new URL(url).searchParams.get("redirect_uri")).toBe("https://vendaflow.test/api/calendar/calendly/callback");
    const state = stateOf(url);
    expect(readOAuthState(deps(at("2026-12-02T12:09:59Z")), state)).toMatchObject({ t: who.tenantId, u: who.userId, s: who.sessionId });
    expect(readOAuthState(deps(at("2026-12-02T12:10:01Z")), state)).toBeNull();
  });
  it("refuses a state signed with another secret, edited, or not a state at all", () => {
    const state = stateOf(startCalendlyOAuth(deps(at("2026-12-02T12:00:00Z")), who).url);
    const now = at("2026-12-02T12:01:00Z");
    expect(readOAuthState(deps(now, "x".repeat(32)), state)).toBeNull();
    const [payload, sig] = state.split(".") as [string, string];
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, "base64url").toString()), t: "7a3c1b52-8c3e-4d7e-9d8a-999999999999" })).toString("base64url");
    for (const bad of [`${other}.${sig}`, `${payload}.${sig.slice(1)}`, payload, "", "a.b.c", `${payload}.${sig}.x`]) expect(readOAuthState(deps(now), bad)).toBeNull();
  });
  it("admins only; an installation without the OAuth app says to use a token", () => {
    expect(() => startCalendlyOAuth(deps(at("2026-12-02T12:00:00Z")), { ...who, role: "agent" })).toThrow(/administradores/);
    expect(() => startCalendlyOAuth({ ...deps(at("2026-12-02T12:00:00Z")), calendar: { open: () => { throw new Error("unused"); }, calendlyOAuth: null } }, who)).toThrow(/token de acesso pessoal/);
  });
});
