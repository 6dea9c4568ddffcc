"use client";
import { useQuery } from "@tanstack/react-query";
import type { CrmProvider } from "@vendaflow/validators/plain/crm-sync";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useEffect } from "react";
import { onDemand } from "@/components/loading";
import { crmSync as crmSyncText } from "@/lib/i18n/pt-br/crm-sync";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

const t = { crmSync: crmSyncText };

// The providers' sections show only once the list has come: their code (forms, disconnect dialog)
// is fetched on mount, beside the query, and the list's skeleton stands in until both are.
const loadSections = () => import("./crm-sync-sections").then((m) => m.CrmSyncSections);
const CrmSyncSections = onDemand(loadSections, () => <Skeleton className="h-32" />);

/** What the CRM OAuth callback reported (?crm=hubspot-conectado, …), shown at the top of the settings page at once. */
export function CrmOAuthResult({ result }: { result: string | null }) {
  const c = t.crmSync;
  const outcome = result ? /^(pipedrive|hubspot)-(.+)$/.exec(result) : null;
  const text = outcome ? c.oauthResult[outcome[2]!]?.(c.providers[outcome[1] as CrmProvider]) : undefined;
  if (!text) return null;
  return (
    <Alert variant={outcome![2] === "conectado" ? "default" : "destructive"} data-testid="crm-oauth-result">
      <AlertDescription>{text}</AlertDescription>
    </Alert>
  );
}

/** CRM sync (admins only): one section per provider — connect, status, last sync, errors, mapping, disconnect. */
export function CrmSyncCard() {
  const c = t.crmSync;
  const trpc = useTRPC();
  const list = useQuery(trpc.crmSync.list.queryOptions());
  useEffect(() => {
    // Fetches the sections' code while the list loads (the module system keeps it for onDemand's render).
    void loadSections();
  }, []);
  return (
    <Card data-testid="crm-sync-card">
      <CardHeader><CardTitle>{c.title}</CardTitle></CardHeader>
      <CardContent className="space-y-6">
        <p className="text-sm text-muted-foreground">{c.description}</p>
        {list.isLoading ? <Skeleton className="h-32" /> : list.error ? (
          <Alert variant="destructive"><AlertDescription>{errorMessage(list.error)}</AlertDescription></Alert>
        ) : (
          <CrmSyncSections conns={list.data} />
        )}
      </CardContent>
    </Card>
  );
}
