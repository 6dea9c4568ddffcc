"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import type { CompanySize } from "@vendaflow/validators/crm";
import { Building2 } from "lucide-react";
import Link from "next/link";
import { dateCell, EntityListPage, TagsCell, type Column } from "@/components/crm/entity-list";
import { CreatedCustomControls } from "@/components/crm/created-custom-filter";
import { useCrmListFilter } from "@/components/crm/list-view";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import { DialogLoading, onDemand } from "@/components/loading";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { crmCompanies } from "@/lib/i18n/pt-br/crm-companies";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: { ...crmCommon, companies: crmCompanies } };

type CompanyRow = RouterOutputs["crm"]["companies"]["list"]["items"][number];
const c = t.crm.companies;

const columns: Column<CompanyRow>[] = [
  { id: "name", header: c.columns.name, cell: (co) => <Link href={`/companies/${co.id}`} className="hover:underline">{co.name}</Link> },
  { id: "domain", header: c.columns.domain, cell: (co) => co.domain ?? t.crm.none },
  { id: "industry", header: c.columns.industry, cell: (co) => co.industry ?? t.crm.none },
  { id: "size", header: c.columns.size, cell: (co) => (co.size ? c.sizes[co.size as CompanySize] : t.crm.none) },
  { id: "tags", header: t.crm.tags, cell: (co) => <TagsCell tags={co.tags} /> },
  { id: "created", header: t.crm.createdAt, cell: (co) => dateCell(co.created_at) },
];

// The create form loads when opened (not part of the route's first load).
const CompanyDialog = onDemand(() => import("./company-dialog").then((m) => m.CompanyDialog), DialogLoading);

export function CompaniesView({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { view, dateCustom, filter } = useCrmListFilter("company", columns);
  const list = useInfiniteQuery(trpc.crm.companies.list.infiniteQueryOptions({ ...filter, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const setDeleted = useMutation(trpc.crm.companies.setDeleted.mutationOptions());
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.crm.companies.pathKey() });
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), refresh);

  return (
    <EntityListPage
      entity="company"
      texts={c}
      icon={<Building2 />}
      canWrite={canWrite}
      view={view}
      onChanged={refresh}
      filter={filter}
      filters={<CreatedCustomControls state={dateCustom} />}
      list={list}
      columns={columns}
      rowTestId="company-row"
      onDelete={{ name: (co) => co.name, confirm: c.confirmDelete, run: (co) => remove(co.id, c.deleted(co.name)) }}
      createDialog={(close) => <CompanyDialog company={null} onOpenChange={(open) => !open && close()} />}
    />
  );
}
