import type { EmailMessage } from "../ports/email";
import type { Brand } from "./templates";

/** What a template writes. The sender's name and the tenant are added here, the same for every mail. */
export interface MailContent {
  subject: string;
  html: string;
  text: string;
}

/** The platform's own name and look: mail that comes from the platform itself, not from a tenant's workspace. */
export const PLATFORM_BRAND: Brand = { name: "Vendaflow", theme: { primaryColor: "#2563eb", logoUrl: "", botName: "Assistente" } };

/**
 * A workspace's mail, to `to`: it goes out under the workspace's name (white-label: a lead or an
 * agent sees who wrote) and is filed under its tenant (outbox, retries). The one place a tenant's
 * mail gets its sender, so a template never repeats it and a new one cannot forget it.
 */
export function tenantMail(tenant: { id: string; name: string }, to: string, content: MailContent): EmailMessage {
  return { ...content, to, tenantId: tenant.id, fromName: tenant.name };
}

/**
 * The platform's own mail (operators, the workspace finder): no tenant and no name of its own, so it
 * goes out under EMAIL_FROM's name, the one the deployment chose for itself.
 */
export function platformMail(to: string, content: MailContent): EmailMessage {
  return { ...content, to };
}
