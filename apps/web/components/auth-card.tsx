import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import type { Tenant } from "@vendaflow/core/tenancy/tenants";
import type { ReactNode } from "react";

export interface AuthBrand {
  name: string;
  logoUrl?: string;
}

/** A workspace's name and logo over its signed-out pages: the person sees whose login, invite or link it is. */
export const tenantBrand = (tenant: Pick<Tenant, "name" | "theme">): AuthBrand => ({ name: tenant.name, logoUrl: tenant.theme.logoUrl });

/** Centered card used by every signed-out page (root and tenant). */
export function AuthCard({ title, description, brand, children, footer }: { title: string; description?: ReactNode; brand?: AuthBrand; children: ReactNode; footer?: ReactNode }) {
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 p-4">
      <div className="w-full max-w-md space-y-4">
        {brand ? (
          <div className="flex items-center justify-center gap-2 text-lg font-semibold">
            {brand.logoUrl ? <img src={brand.logoUrl} alt="" className="h-8 w-auto" /> : null}
            <span>{brand.name}</span>
          </div>
        ) : null}
        <Card>
          <CardHeader>
            <CardTitle asChild>
              <h1>{title}</h1>
            </CardTitle>
            {description ? <CardDescription>{description}</CardDescription> : null}
          </CardHeader>
          <CardContent>{children}</CardContent>
        </Card>
        {footer ? <div className="text-center text-sm text-muted-foreground">{footer}</div> : null}
      </div>
    </main>
  );
}
