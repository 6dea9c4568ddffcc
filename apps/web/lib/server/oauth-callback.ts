import { z } from "zod";

/** What an OAuth provider sends the browser back with (Calendly, HubSpot): bounded before anything reads it. */
export const oauthCallbackQuery = z.object({
  state: z.string().min(1).max(1000),
  code: z.string().min(1).max(500).optional(),
  error: z.string().max(200).optional(),
});

/** A callback that cannot go on: 400 with the pt-BR reason, never cached. */
export const refuseCallback = (message: string) => Response.json({ error: "bad_request", message }, { status: 400, headers: { "cache-control": "no-store" } });
