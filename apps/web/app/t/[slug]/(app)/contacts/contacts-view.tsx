"use client";
import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { Contact } from "lucide-react";
import Link from "next/link";
import { dateCell, EntityListPage, TagsCell, type Column } from "@/components/crm/entity-list";
import { CreatedCustomControls } from "@/components/crm/created-custom-filter";
import { useCrmListFilter } from "@/components/crm/list-view";
import { RecordFilterChips } from "@/components/crm/record-filter";
import { useUndoDelete } from "@/components/crm/use-undo-delete";
import { DialogLoading, onDemand } from "@/components/loading";
import { crmCommon } from "@/lib/i18n/pt-br/crm-common";
import { crmContacts } from "@/lib/i18n/pt-br/crm-contacts";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: { ...crmCommon, contacts: crmContacts } };

type ContactRow = RouterOutputs["crm"]["contacts"]["list"]["items"][number];
const c = t.crm.contacts;

const columns: Column<ContactRow>[] = [
  { id: "name", header: c.columns.name, cell: (co) => <Link href={`/contacts/${co.id}`} className="hover:underline">{co.name}</Link> },
  { id: "email", header: c.columns.email, cell: (co) => co.email ?? t.crm.none },
  { id: "phone", header: c.columns.phone, cell: (co) => (co.phone ? formatPhone(co.phone) : t.crm.none) },
  { id: "company", header: c.columns.company, cell: (co) => (co.company_id && co.company_name ? <Link href={`/companies/${co.company_id}`} className="hover:underline">{co.company_name}</Link> : t.crm.none) },
  { id: "position", header: c.columns.position, cell: (co) => co.position ?? t.crm.none },
  { id: "tags", header: t.crm.tags, cell: (co) => <TagsCell tags={co.tags} /> },
  { id: "created", header: t.crm.createdAt, cell: (co) => dateCell(co.created_at) },
];

// The create form loads when opened (not part of the route's first load).
const ContactDialog = onDemand(() => import("./contact-dialog").then((m) => m.ContactDialog), DialogLoading);

export function ContactsView({ canWrite }: { canWrite: boolean }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const base = useCrmListFilter("contact", columns);
  const { view, dateCustom } = base;
  // ?company=…: one company's contacts (its page's "Ver todos").
  const filter = { ...base.filter, companyId: view.filters.company || undefined };
  const list = useInfiniteQuery(trpc.crm.contacts.list.infiniteQueryOptions({ ...filter, limit: 25 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const setDeleted = useMutation(trpc.crm.contacts.setDeleted.mutationOptions());
  const refresh = () => void qc.invalidateQueries({ queryKey: trpc.crm.contacts.pathKey() });
  const remove = useUndoDelete((input) => setDeleted.mutateAsync(input), refresh);

  return (
    <EntityListPage
      entity="contact"
      texts={c}
      icon={<Contact />}
      canWrite={canWrite}
      view={view}
      onChanged={refresh}
      filter={filter}
      filters={<><RecordFilterChips view={view} kinds={["company"]} /><CreatedCustomControls state={dateCustom} /></>}
      list={list}
      columns={columns}
      rowTestId="contact-row"
      onDelete={{ name: (co) => co.name, confirm: c.confirmDelete, run: (co) => remove(co.id, c.deleted(co.name)) }}
      createDialog={(close) => <ContactDialog contact={null} onOpenChange={(open) => !open && close()} />}
    />
  );
}
