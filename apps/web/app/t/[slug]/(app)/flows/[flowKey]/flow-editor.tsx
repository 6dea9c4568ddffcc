"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Workflow } from "lucide-react";
import Link from "next/link";
import { useEffect, useState } from "react";
import { onDemand } from "@/components/loading";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { flows as flowsText } from "@/lib/i18n/pt-br/flows";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, flows: flowsText };

/** The editor's skeleton, until the flow (and the editor's code) have come. */
function EditorLoading() {
  return (
    <div className="space-y-4" role="status" aria-busy="true" aria-label={t.common.loading}>
      <Skeleton className="h-12" />
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="space-y-4"><Skeleton className="h-64" /><Skeleton className="h-96" /></div>
        <Skeleton className="h-96" />
      </div>
    </div>
  );
}

// Nothing of the editor is in the route's first load (200 KB gzipped budget): the loaded editor
// (./flow-view: steps, settings, publish dialog) and the live check (zod, core/flows/check) are
// fetched on mount, beside the flow itself, and the skeleton stands in until the editor's code is
// there. Until the check is there, saving and publishing wait for it.
export type Checker = typeof import("@vendaflow/core/flows/check");
const loadChecker = () => import("@vendaflow/core/flows/check");
const loadView = () => import("./flow-view").then((m) => m.FlowView);
const FlowView = onDemand(loadView, EditorLoading);

export function FlowEditor({ flowKey }: { flowKey: string }) {
  const trpc = useTRPC();
  const query = useQuery(trpc.flows.get.queryOptions({ flowKey }, { refetchOnWindowFocus: false, staleTime: Infinity }));
  const [checker, setChecker] = useState<Checker | null>(null);
  useEffect(() => {
    let live = true;
    // Fetches the view's code while the query runs (the module system keeps it for onDemand's render).
    void loadView();
    void loadChecker().then((m) => live && setChecker(m));
    return () => {
      live = false;
    };
  }, []);

  if (query.isLoading) return <EditorLoading />;
  if (query.error) {
    const missing = query.error.data?.code === "NOT_FOUND";
    return missing ? (
      <EmptyState icon={<Workflow />} title={t.flows.notFound} action={<Button asChild variant="outline"><Link href="/flows">{t.flows.back}</Link></Button>} />
    ) : (
      <Alert variant="destructive"><AlertDescription>{errorMessage(query.error)} <Button variant="link" onClick={() => query.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
    );
  }
  if (!query.data) return null;
  return <FlowView flowKey={flowKey} flow={query.data} checker={checker} />;
}
