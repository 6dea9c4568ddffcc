import { visitorUpdates } from "@vendaflow/core/conversations/read";
import { seqAfter } from "@vendaflow/validators/widget";
import { watchChanges } from "@/lib/server/change-feed";
import { appDeps } from "@/lib/server/deps";
import { toResponse } from "@/lib/server/http";
import { visitorFrom } from "@/lib/server/widget-request";
import { route } from "@/lib/server/route";
import { streamLifetimeMs } from "@/lib/server/stream-lifetime";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Polling only while this process's change listener is down (lib/server/change-feed.ts). */
const POLL_MS = 400;
const HEARTBEAT_MS = 15_000;

/**
 * Server-sent events for one visitor. Replies may be written by any server instance, so the stream
 * reads new rows from the database after the last seq it sent — when the database announces a
 * change of this visitor's conversation (migration 0080, one listener per instance), or every
 * POLL_MS while that listener is down. An idle stream costs the database nothing.
 */
export const GET = route("/api/widget/stream", "http", async (req: Request) => {
  let cors: Record<string, string> = {};
  try {
    const { visitor, cors: c } = await visitorFrom(req);
    cors = c;
    const url = new URL(req.url);
    // A reconnecting EventSource resumes from its Last-Event-ID; a first connection from ?after.
    let after = seqAfter(req.headers.get("last-event-id")) || seqAfter(url.searchParams.get("after"));
    const db = appDeps().db;
    const encoder = new TextEncoder();
    const started = Date.now();
    const lifetime = streamLifetimeMs();
    let lastBeat = Date.now();
    let typing = false;
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        const send = (s: string) => controller.enqueue(encoder.encode(s));
        send("retry: 1000\n\n");
        const changes = watchChanges(`${visitor.tenantId}:${visitor.visitorId}`);
        const stop = () => changes.close();
        req.signal.addEventListener("abort", stop);
        try {
          while (!req.signal.aborted && Date.now() - started < lifetime) {
            const live = changes.live;
            const woken = await changes.wait(live ? Math.min(HEARTBEAT_MS, lifetime - (Date.now() - started)) : POLL_MS);
            if (req.signal.aborted) break;
            if (woken || !live) {
              const { messages, typing: awaiting } = await visitorUpdates(db, visitor, after);
              for (const m of messages) {
                send(`id: ${m.seq}\nevent: message\ndata: ${JSON.stringify(m)}\n\n`);
                after = m.seq;
              }
              if (awaiting !== typing) {
                typing = awaiting;
                send(`event: typing\ndata: ${JSON.stringify({ typing })}\n\n`);
              }
            }
            if (Date.now() - lastBeat > HEARTBEAT_MS) {
              send(": ping\n\n");
              lastBeat = Date.now();
            }
          }
        } catch {
          // The database or the client went away: the EventSource reconnects and resumes.
        } finally {
          req.signal.removeEventListener("abort", stop);
          changes.close();
        }
        controller.close();
      },
    });
    return new Response(stream, { headers: { ...cors, "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", connection: "keep-alive", "x-accel-buffering": "no" } });
  } catch (err) {
    return toResponse(err, cors);
  }
});
