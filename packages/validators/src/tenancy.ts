import { z } from "zod";

/** Slugs that would collide with platform hosts or routes. */
export const RESERVED_SLUGS = new Set([
  "www", "app", "api", "admin", "auth", "mail", "smtp", "static", "assets", "cdn", "dashboard", "help",
  "support", "status", "docs", "blog", "billing", "widget", "webhooks", "root", "system", "vendaflow", "dev",
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, "O endereço deve ter pelo menos 3 caracteres.")
  .max(63, "O endereço deve ter no máximo 63 caracteres.")
  .regex(/^[a-z0-9-]+$/, "Use apenas letras minúsculas, números e hífen.")
  .refine((s) => !s.startsWith("-") && !s.endsWith("-"), "O endereço não pode começar nem terminar com hífen.")
  .refine((s) => !RESERVED_SLUGS.has(s), "Este endereço é reservado. Escolha outro.");

/** Earlier addresses a workspace keeps as aliases after changing its own; older ones are freed. */
export const MAX_PREVIOUS_SLUGS = 5;

/** An admin's new address for the workspace (tenancy/slug.ts changeSlug). */
export const changeSlugInput = z.object({ slug: slugSchema });

export const hexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Use uma cor no formato #RRGGBB.");

export const tenantThemeSchema = z.object({
  primaryColor: hexColorSchema.default("#2563eb"),
  logoUrl: z.union([z.url("Informe uma URL válida (https://…)."), z.literal("")]).default(""),
  botName: z.string().trim().min(1, "Informe o nome do bot.").max(40).default("Assistente"),
});
export type TenantTheme = z.infer<typeof tenantThemeSchema>;

export const LOGO_URL_MAX = 2048;

export const tenantSettingsInput = z.object({
  name: z.string().trim().min(2, "Informe o nome da empresa.").max(255),
  /**
   * The logo as an admin saves it: https only, since the dashboard's CSP (img-src https:) and the
   * browsers' mixed-content rules would hide an http one. Stored themes are read with
   * tenantThemeSchema, which keeps accepting what earlier versions saved.
   */
  theme: tenantThemeSchema.extend({
    logoUrl: z
      .union([
        z
          .url({ protocol: /^https$/, error: "Informe o endereço https:// da imagem do logotipo." })
          .max(LOGO_URL_MAX, { error: `A URL deve ter no máximo ${LOGO_URL_MAX} caracteres.` }),
        z.literal(""),
      ])
      .default(""),
  }),
});

export const customDomainInput = z.object({
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .max(253, "Domínio longo demais (máx. 253 caracteres).")
    .regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, "Informe um domínio válido, como vendas.suaempresa.com.br."),
});
