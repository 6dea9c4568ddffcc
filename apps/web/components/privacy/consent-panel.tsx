"use client";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import type { ConsentPurpose } from "@vendaflow/validators/privacy";
import { useState } from "react";
import { fullDateTime } from "@/app/t/[slug]/(app)/conversations/format";
import { DialogLoading, onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacyConsents } from "@/lib/i18n/pt-br/privacy-consents";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: { consents: privacyConsents } };

// Recording or revoking a consent is occasional: its forms load when opened.
const RecordConsentDialog = onDemand(() => import("./consent-dialogs").then((m) => m.RecordConsentDialog), DialogLoading);
const RevokeConsentDialog = onDemand(() => import("./consent-dialogs").then((m) => m.RevokeConsentDialog), DialogLoading);

/** The lead's consent states and ledger; agents record phone consents and revoke (privacy router). */
export function ConsentPanel({ leadId, canEdit }: { leadId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const subject = { leadId };
  const consents = useQuery(trpc.privacy.consents.queryOptions({ subject }));
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<ConsentPurpose | null>(null);
  const refresh = () => void qc.invalidateQueries();

  return (
    <section className="space-y-2" data-testid="consent-panel">
      <h2 className="text-sm font-semibold">{t.privacy.consents.title}</h2>
      <p className="text-xs text-muted-foreground">{t.privacy.consents.hint}</p>
      {consents.isLoading ? <p className="text-sm text-muted-foreground">{t.common.loading}</p> : null}
      {consents.error ? <p className="text-sm text-destructive">{t.privacy.consents.loadError}</p> : null}
      {consents.data ? (
        <>
          <ul className="space-y-1.5 text-sm">
            {consents.data.states.map((s) => (
              <li key={s.purpose} className="flex items-center justify-between gap-2" data-testid={`consent-${s.purpose}`} data-granted={s.granted}>
                <span>{t.privacy.consents.purposes[s.purpose]}</span>
                <span className="flex items-center gap-1.5">
                  {s.granted ? <Badge variant="success">{t.privacy.consents.granted}</Badge> : <Badge variant="secondary">{s.revoked ? t.privacy.consents.revoked : t.privacy.consents.notGranted}</Badge>}
                  {canEdit && s.granted ? (
                    <Button size="sm" variant="ghost" onClick={() => setRevoking(s.purpose)} data-testid={`revoke-${s.purpose}`}>{t.privacy.consents.revoke}</Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
          <details className="text-xs">
            <summary className="cursor-pointer text-muted-foreground">{t.privacy.consents.history} ({consents.data.rows.length})</summary>
            {consents.data.rows.length === 0 ? <p className="mt-1 text-muted-foreground">{t.privacy.consents.empty}</p> : null}
            <ol className="mt-1 space-y-1.5">
              {consents.data.rows.map((r) => (
                <li key={r.id} className="border-l-2 pl-2">
                  <span className="font-medium">{t.privacy.consents.purposes[r.purpose]}</span>{" · "}
                  {r.revokesId ? t.privacy.consents.revoked : r.granted ? t.privacy.consents.granted : t.privacy.consents.notGranted}{" · "}
                  {t.privacy.consents.channels[r.channel]}{" · "}{fullDateTime(new Date(r.createdAt))}
                  {r.recordedBy ? <> · {t.privacy.consents.byAgent}</> : null}
                  {r.revocationReason ? <div className="text-muted-foreground">{r.revocationReason}</div> : null}
                  {r.note ? <div className="text-muted-foreground">{r.note}</div> : null}
                </li>
              ))}
            </ol>
          </details>
          {canEdit ? <Button size="sm" variant="outline" className="w-full" onClick={() => setRecording(true)} data-testid="record-consent">{t.privacy.consents.record}</Button> : null}
        </>
      ) : null}
      {recording ? <RecordConsentDialog leadId={leadId} onOpenChange={setRecording} onSaved={refresh} /> : null}
      {revoking ? <RevokeConsentDialog leadId={leadId} purpose={revoking} onOpenChange={(o) => !o && setRevoking(null)} onSaved={refresh} /> : null}
    </section>
  );
}
