// api-keys.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// api-keys.ts re-exports them; the schemas there are built from them.

export const apiKeyDomains = ["leads", "deals", "conversations", "webhooks", "analytics"] as const;
