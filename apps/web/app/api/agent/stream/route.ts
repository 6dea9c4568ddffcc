import { recordAgentActivity } from "@vendaflow/core/routing/availability";
import { withTenant } from "@vendaflow/db/with-tenant";
import { readAgentFeed } from "@/lib/server/agent-feed";
import { watchChanges } from "@/lib/server/change-feed";
import { appDeps } from "@/lib/server/deps";
import { tenantForHost } from "@/lib/server/host-tenant";
import { tenantSession } from "@/lib/server/session";
import { route } from "@/lib/server/route";
import { streamLifetimeMs } from "@/lib/server/stream-lifetime";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** At most one read per POLL_MS (notices during it are folded into the next read); polling while the listener is down. */
const POLL_MS = 700;
// An open dashboard is presence: last_seen_at is refreshed so the idle sweep leaves the agent online.
const PRESENCE_MS = 60_000;

/**
 * The agent inbox's live feed: an SSE `change` event whenever the tenant's conversations, messages
 * or the agent's notifications move (core's agentFeedStates). It reads the database (like the widget
 * stream), so changes written by any server instance arrive: when the database announces a change
 * of the tenant (migration 0080, one listener per instance), at most once per POLL_MS, and at least
 * once per PRESENCE_MS for presence; every POLL_MS while the listener is down. The streams of a
 * tenant a notice woke read together (lib/server/agent-feed.ts). The client then refetches what it
 * shows.
 */
export const GET = route("/api/agent/stream", "http", async (req: Request) => {
  const { tenant } = await tenantForHost(req.headers.get("host"));
  const session = tenant ? await tenantSession(tenant) : null;
  if (!tenant || !session) return Response.json({ error: "unauthorized", message: "Sessão expirada. Entre novamente." }, { status: 401 });
  const deps = appDeps();
  const encoder = new TextEncoder();
  const started = Date.now();
  const lifetime = streamLifetimeMs();
  let last = "";
  let seen = 0;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(encoder.encode("retry: 1000\n\n"));
      const changes = watchChanges(tenant.id);
      const stop = () => changes.close();
      req.signal.addEventListener("abort", stop);
      try {
        while (!req.signal.aborted && Date.now() - started < lifetime) {
          const live = changes.live;
          const woken = await changes.wait(live ? Math.max(0, PRESENCE_MS - (Date.now() - seen)) : 0);
          if (req.signal.aborted) break;
          const presence = session.role !== "viewer" && Date.now() - seen >= PRESENCE_MS;
          if (presence) {
            seen = Date.now();
            await withTenant(deps.db, tenant.id, (tx) => recordAgentActivity(tx, session.userId, deps.now()));
          }
          if (woken || presence || !live) {
            const snap = await readAgentFeed(tenant.id, session.userId);
            const key = `${snap.seq}|${snap.updatedAt?.toISOString()}|${snap.unread}`;
            if (key !== last) {
              last = key;
              controller.enqueue(encoder.encode(`event: change\ndata: ${JSON.stringify(snap)}\n\n`));
            }
          }
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
      } catch {
        // The database or the client went away: the EventSource reconnects.
      } finally {
        req.signal.removeEventListener("abort", stop);
        changes.close();
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" } });
});
