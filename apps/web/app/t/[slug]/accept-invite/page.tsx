import { Suspense } from "react";
import { AuthCard, tenantBrand } from "@/components/auth-card";
import { invite as inviteText } from "@/lib/i18n/pt-br/auth";
import { pageTenant } from "@/lib/server/page-tenant";
import { InviteForm } from "./invite-form";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { invite: inviteText };

export const metadata = { title: t.invite.title };

/** The workspace's name and logo head the card: the person invited sees whose invite it is. */
export default async function AcceptInvitePage() {
  const tenant = await pageTenant();
  return (
    <AuthCard title={t.invite.title} description={t.invite.text} brand={tenantBrand(tenant)}>
      <Suspense><InviteForm /></Suspense>
    </AuthCard>
  );
}
