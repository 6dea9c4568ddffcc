import { z } from "zod";
import { noNul } from "./sanitize";
import { apiKeyDomains } from "./plain/api-keys";
export { apiKeyDomains } from "./plain/api-keys";

// API keys per tenant: read / write scopes per domain. A key reaches only procedures that declare
// a scope (meta.scope in packages/api) and only with that scope granted.

export type ApiKeyDomain = (typeof apiKeyDomains)[number];
export const apiKeyScopes = apiKeyDomains.flatMap((d) => [`${d}:read`, `${d}:write`] as const);
export type ApiKeyScope = `${ApiKeyDomain}:${"read" | "write"}`;

/** "vfk_" + 12 characters of prefix, "_", 43 characters of secret (256 bits, base64url). */
export const API_KEY_PATTERN = /^vfk_[A-Za-z0-9]{12}_[A-Za-z0-9_-]{43}$/;

export const apiKeyCreateInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, { error: "Informe um nome para a chave." })
    .max(80, { error: "O nome deve ter no máximo 80 caracteres." })
    .refine(noNul, { error: "O nome contém caracteres inválidos." }),
  scopes: z
    .array(z.enum(apiKeyScopes as unknown as [ApiKeyScope, ...ApiKeyScope[]], { error: "Permissão desconhecida." }))
    .min(1, { error: "Escolha pelo menos uma permissão." })
    .max(apiKeyScopes.length)
    .transform((s) => [...new Set(s)].sort()),
});
export type ApiKeyCreateInput = z.infer<typeof apiKeyCreateInput>;
