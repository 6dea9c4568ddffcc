import { decryptCredentials } from "@vendaflow/core/inboxes/credentials";
import { getInbox } from "@vendaflow/core/inboxes/inboxes";
import { resolveInbox } from "@vendaflow/core/inboxes/resolve";
import { withTenant } from "@vendaflow/db/with-tenant";
import { appDeps } from "@/lib/server/deps";
import { log } from "@/lib/server/log";
import { receiveWebhook, verifySubscription } from "@/lib/server/whatsapp-webhook";
import { route } from "@/lib/server/route";
import { retryLater } from "@/lib/server/webhook";

export const dynamic = "force-dynamic";

/** An inbox that brings its own Meta app: its own path, verify token and app secret. */
async function ownApp(key: string) {
  const d = appDeps();
  const r = await resolveInbox(d.db, "webhook_key", key);
  if (!r) return null;
  const inbox = await withTenant(d.db, r.tenantId, (tx) => getInbox(tx, r.inboxId));
  return { route: r, inbox, creds: decryptCredentials(inbox.credentialsEncrypted, d.encryptionKey) };
}

/**
 * The lookup failing (the database, or credentials no key here opens) is ours to mend, not Meta's:
 * a 503, which Meta delivers again, never a 500.
 */
async function lookUp(key: string): Promise<{ app: Awaited<ReturnType<typeof ownApp>> } | { unavailable: Response }> {
  try {
    return { app: await ownApp(key) };
  } catch (err) {
    log.error("whatsapp.own_app_lookup_failed", { error: (err as Error).message });
    return { unavailable: retryLater() };
  }
}

export const GET = route("/api/whatsapp/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const found = await lookUp((await ctx.params).key);
  if ("unavailable" in found) return found.unavailable;
  return verifySubscription(req, found.app?.creds.verifyToken ?? "");
});

export const POST = route("/api/whatsapp/[key]", "webhook", async (req: Request, ctx: { params: Promise<{ key: string }> }) => {
  const found = await lookUp((await ctx.params).key);
  if ("unavailable" in found) return found.unavailable;
  const app = found.app;
  if (!app) return new Response("Not found", { status: 404 });
  // Only this inbox's number, and its own WABA's templates in its own tenant, are accepted on this
  // path: its secret was typed by its tenant, who could sign anything with it.
  const waba = app.inbox.settings.waBusinessAccountId;
  return receiveWebhook(req, app.creds.appSecret ?? "", {
    number: async (phoneNumberId) => (phoneNumberId === app.inbox.waPhoneNumberId ? app.route : null),
    templates: async (wabaId) => (waba && wabaId === waba ? [app.route.tenantId] : []),
  });
});
