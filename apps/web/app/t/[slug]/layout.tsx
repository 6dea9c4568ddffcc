import type { CSSProperties, ReactNode } from "react";
import { pageTenant } from "@/lib/server/page-tenant";
import { Providers } from "@/app/providers";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const tenant = await pageTenant();
  // The tenant's logo is its tabs' icon too (white-label); only https, as the CSP's img-src allows.
  const logo = tenant.theme.logoUrl.startsWith("https://") ? tenant.theme.logoUrl : null;
  return { title: { default: tenant.name, template: `%s · ${tenant.name}` }, ...(logo ? { icons: { icon: logo } } : {}) };
}

/** Applies the tenant's white-label colour to everything below. */
export default async function TenantLayout({ children }: { children: ReactNode }) {
  const tenant = await pageTenant();
  return (
    <div data-brand style={{ "--brand": tenant.theme.primaryColor } as CSSProperties}>
      <Providers>{children}</Providers>
    </div>
  );
}
