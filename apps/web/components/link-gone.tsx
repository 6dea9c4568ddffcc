import { Button } from "@vendaflow/ui/button";
import { textLink } from "@vendaflow/ui/text-link";
import type { LinkState } from "@vendaflow/core/auth/tokens";
import { AuthCard, type AuthBrand } from "@/components/auth-card";
import { linkGone as linkGoneText } from "@/lib/i18n/pt-br/auth";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { linkGone: linkGoneText };

/**
 * An e-mailed link that no longer works, said when its page opens: why (the title) and what to do
 * next (`help`, and `action` when there is a page for it), instead of a form that could only fail.
 */
export function LinkGone({ state, brand, help, action }: { state: Exclude<LinkState, "live">; brand: AuthBrand; help: string; action?: { href: string; label: string } }) {
  return (
    <AuthCard title={t.linkGone[state]} brand={brand}>
      <div className="space-y-4" data-testid="link-gone" data-state={state}>
        <p className="text-sm text-muted-foreground">{help}</p>
        {action ? <Button asChild className="w-full"><a href={action.href}>{action.label}</a></Button> : null}
        <a href="/login" className={`${textLink} inline-block text-sm`}>{t.linkGone.login}</a>
      </div>
    </AuthCard>
  );
}
