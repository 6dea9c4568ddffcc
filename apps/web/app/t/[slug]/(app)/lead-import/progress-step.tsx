"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Download } from "lucide-react";
import { leadImport as leadImportText } from "@/lib/i18n/pt-br/lead-import";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { leadImport: leadImportText };

const finished = (s: string | undefined) => s === "done" || s === "failed";

/** Step 3: the server job's progress, read every second until it ends (the job goes on without this tab). */
export function ProgressStep({ id, onAnother }: { id: string; onAnother: () => void }) {
  const trpc = useTRPC();
  const q = useQuery(trpc.crm.imports.get.queryOptions({ id }, { refetchInterval: (query) => (finished(query.state.data?.status) ? false : 1000) }));
  const L = t.leadImport;
  if (q.error) return <Alert variant="destructive"><AlertDescription>{q.error.message}</AlertDescription></Alert>;
  const s = q.data;
  const total = s?.total_rows ?? 0;
  const done = s?.processed_rows ?? 0;
  const pct = total ? Math.round((done / total) * 100) : 0;
  return (
    <div className="max-w-xl space-y-4" data-testid="import-progress" data-status={s?.status ?? "loading"}>
      <h2 className="text-lg font-semibold">{s ? L.status[s.status] ?? s.status : L.progressTitle}</h2>
      <div role="progressbar" aria-label={L.progressTitle} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} className="h-3 w-full overflow-hidden rounded-full bg-muted">
        <div className="h-full bg-primary transition-all" style={{ width: `${pct}%` }} />
      </div>
      <p className="text-sm text-muted-foreground">{L.progress(done, total)}</p>
      {s ? (
        <dl className="grid grid-cols-3 gap-4 text-sm">
          <div><dt className="text-muted-foreground">{L.inserted}</dt><dd className="text-lg font-semibold" data-testid="import-inserted">{s.inserted.toLocaleString("pt-BR")}</dd></div>
          <div><dt className="text-muted-foreground">{L.duplicates}</dt><dd className="text-lg font-semibold" data-testid="import-duplicates">{s.duplicates.toLocaleString("pt-BR")}</dd></div>
          <div><dt className="text-muted-foreground">{L.failed}</dt><dd className="text-lg font-semibold" data-testid="import-failed">{s.failed.toLocaleString("pt-BR")}</dd></div>
        </dl>
      ) : null}
      <div className="flex gap-2">
        {s && s.error_count > 0 ? (
          <Button variant="outline" asChild><a href={`/api/crm/import/${id}/errors`} download><Download aria-hidden="true" />{L.downloadErrors}</a></Button>
        ) : null}
        {finished(s?.status) ? <Button onClick={onAnother}>{L.another}</Button> : null}
      </div>
    </div>
  );
}
