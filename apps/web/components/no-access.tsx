import { EmptyState } from "@vendaflow/ui/empty-state";
import { textLink } from "@vendaflow/ui/text-link";
import { ShieldX } from "lucide-react";
import { noAccess as noAccessText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { noAccess: noAccessText };

/**
 * What a page shows to a signed-in member whose role may not use it (a shared link, an old
 * bookmark): which roles may, and who to ask, inside the dashboard's shell. A 404 told them the
 * page did not exist. Server-rendered: the page's own client code never ships for them.
 */
export function NoAccess({ allowed }: { allowed: "admin" | "writers" | "managers" }) {
  return (
    <EmptyState
      icon={<ShieldX />}
      title={t.noAccess.title}
      description={allowed === "admin" ? t.noAccess.adminOnly : allowed === "managers" ? t.noAccess.managersOnly : t.noAccess.writersOnly}
      action={<a href="/" className={`${textLink} text-sm`}>{t.noAccess.home}</a>}
      className="mt-8"
      data-no-access=""
    />
  );
}
