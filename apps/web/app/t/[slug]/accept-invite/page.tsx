import { Suspense } from "react";
import { AuthCard, tenantBrand } from "@/components/auth-card";
import { LinkGone } from "@/components/link-gone";
import { invite as inviteText } from "@/lib/i18n/pt-br/auth";
import { pageLinkState } from "@/lib/server/page-link";
import { pageTenant } from "@/lib/server/page-tenant";
import { InviteForm } from "./invite-form";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { invite: inviteText };

export const metadata = { title: t.invite.title };

/** The workspace's name and logo head the card: the person invited sees whose invite it is. */
export default async function AcceptInvitePage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const tenant = await pageTenant();
  const state = await pageLinkState(tenant, "invite", (await searchParams).token);
  // Only the workspace's admin can send a new invite: no self-service action, the text says whom to ask.
  if (state && state !== "live") return <LinkGone state={state} brand={tenantBrand(tenant)} help={t.invite.gone[state]} />;
  return (
    <AuthCard title={t.invite.title} description={t.invite.text} brand={tenantBrand(tenant)}>
      <Suspense><InviteForm /></Suspense>
    </AuthCard>
  );
}
