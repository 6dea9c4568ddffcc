import { Button } from "@vendaflow/ui/button";
import { Download } from "lucide-react";
import { crmLists as crmListsText } from "@/lib/i18n/pt-br/crm-lists";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crmLists: crmListsText };

/**
 * "Exportar CSV" / "Exportar Excel": plain links to /api/crm/export with the list's current filter
 * (the same input as its list query), so the file holds every record the filter matches, streamed
 * by the server, not only the pages loaded on screen.
 */
export function ExportLinks({ entity, filter }: { entity: "leads" | "deals"; filter: object }) {
  const href = (format: "csv" | "xlsx") => `/api/crm/export?${new URLSearchParams({ entity, format, filter: JSON.stringify(filter) })}`;
  return (
    <>
      {(["csv", "xlsx"] as const).map((format) => (
        <Button key={format} asChild variant="outline" size="sm">
          <a href={href(format)} download title={t.crmLists.export.title} data-testid={`export-${format}`}>
            <Download aria-hidden="true" />
            {t.crmLists.export[format]}
          </a>
        </Button>
      ))}
    </>
  );
}
