"use client";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { activeRestriction, type WaRestriction } from "@vendaflow/validators/plain/whatsapp-account";
import { brDateTime } from "@/lib/dates";
import { inboxRestriction as r } from "@/lib/i18n/pt-br/inbox-restriction";

/**
 * Meta's violation / restriction of the number's WABA (settings.waRestriction): a warning, sending
 * goes on. Meta sends nothing when a restriction expires, so what is past its expiry is not shown.
 */
export function RestrictionNotice({ restriction }: { restriction: WaRestriction }) {
  const live = activeRestriction(restriction, new Date());
  if (!live) return null;
  return (
    <Alert variant="warning" data-testid="wa-restricted">
      <AlertTitle>{r.title}</AlertTitle>
      <AlertDescription>
        <ul className="list-disc pl-4">
          {live.violationType !== undefined ? <li>{r.violation(live.violationType)}</li> : null}
          {live.restrictions.map((x) => {
            const what = r.types[x.type] ?? r.other(x.type);
            return <li key={x.type}>{x.expiresAt ? r.until(what, brDateTime(x.expiresAt)) : r.noEnd(what)}</li>;
          })}
        </ul>
        {r.hint}
      </AlertDescription>
    </Alert>
  );
}
