import { AsyncLocalStorage } from "node:async_hooks";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { login } from "@vendaflow/core/auth/login";
import { logout } from "@vendaflow/core/auth/sessions";
import { DomainError } from "@vendaflow/core/errors";
import { operatorLogin, revokeOperatorSession } from "@vendaflow/core/platform/operators";
import { loginInput } from "@vendaflow/validators/auth";
import { env } from "./lib/env";
import { appDeps } from "./lib/server/deps";
import { tenantForHost } from "./lib/server/host-tenant";
import { clientIp } from "./lib/server/request-meta";

class LoginError extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

/**
 * Auth.js answers a refused sign-in with its own redirect; the sign-in route reads from here the
 * limit a refusal hit (to answer 429 with Retry-After and the RateLimit-* fields instead) or that
 * the limits could not be counted (503: the KV store is down and sign-in fails closed).
 */
export const loginRateLimit = new AsyncLocalStorage<{ details?: Record<string, unknown>; unavailable?: boolean }>();

const codeFor = (err: unknown) => {
  if (err instanceof DomainError) {
    if (err.code === "TOO_MANY_REQUESTS") {
      const box = loginRateLimit.getStore();
      if (box) box.details = err.details;
      return "rate_limited";
    }
    if (err.code === "SERVICE_UNAVAILABLE") {
      const box = loginRateLimit.getStore();
      if (box) box.unavailable = true;
      return "unavailable";
    }
    const reason = err.details?.reason;
    if (reason === "email_not_verified" || reason === "totp_required" || reason === "totp_invalid") return reason;
  }
  if (err instanceof DomainError) return "invalid_credentials";
  throw err;
};

/**
 * Credentials on the tenant's host (users) and on the root host (platform operators). Auth.js
 * gives Credentials JWT sessions only, so the JWT carries a session id that core re-checks
 * against the sessions table on every request (lib/server/session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 30 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      id: "credentials",
      // `code`: the second step of a user or operator with 2FA (app or recovery code), posted with the password again.
      credentials: { email: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = loginInput.safeParse(raw);
        if (!parsed.success) throw new LoginError("invalid_credentials");
        const host = request.headers.get("host");
        const meta = { ip: clientIp(request.headers), userAgent: request.headers.get("user-agent") };
        const { root, tenant, customDomain } = await tenantForHost(host);
        try {
          if (root) {
            const op = await operatorLogin(appDeps().db, appDeps().counters, parsed.data.email, parsed.data.password, meta, appDeps().now(), { code: parsed.data.code, keyring: appDeps().encryptionKey });
            return { id: op.operatorId, kind: "operator", sid: op.sessionId };
          }
          if (!tenant) throw new LoginError("invalid_credentials");
          const s = await login(appDeps().db, appDeps().counters, tenant.id, parsed.data.email, parsed.data.password, { ...meta, customDomain }, appDeps().now(), { code: parsed.data.code, keyring: appDeps().encryptionKey });
          return { id: s.userId, kind: "user", sid: s.sessionId, tid: tenant.id };
        } catch (err) {
          if (err instanceof LoginError) throw err;
          throw new LoginError(codeFor(err));
        }
      },
    }),
  ],
  events: {
    // Every sign-out (the UI, or a bare POST /api/auth/signout) ends the session row, so a replayed
    // cookie is worthless afterwards even when auth.logout was never called.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sid || typeof token.sid !== "string") return;
      if (token.kind === "operator") await revokeOperatorSession(appDeps().db, token.sid);
      else if (token.kind === "user" && typeof token.tid === "string") await logout(appDeps().db, token.tid, token.sid, { actorUserId: token.sub ?? null });
    },
  },
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        const u = user as { kind: string; sid: string; tid?: string };
        token.kind = u.kind;
        token.sid = u.sid;
        token.tid = u.tid ?? null;
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, kind: token.kind, sid: token.sid, tid: token.tid } as typeof session;
    },
  },
}));
