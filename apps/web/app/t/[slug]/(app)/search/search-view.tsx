"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { textLink } from "@vendaflow/ui/text-link";
import { formatPhone } from "@vendaflow/validators/phone-display";
import { SearchX } from "lucide-react";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useState, type ReactNode } from "react";
import { search as searchText } from "@/lib/i18n/pt-br/search";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { leadStageLabel } from "@/lib/i18n/pt-br/lead-stages";
import { brl } from "@/lib/money";
import { errorMessage } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/client";
import { one, paramsOf, withParams } from "@/lib/url-params";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const m = searchText;
const dealStatus = crmText.deals.status;

/** One kind's results: its heading, up to five links, and "ver todos" on its list filtered by the same words. */
function Section({ kind, listHref, more, children }: { kind: keyof typeof m.kinds; listHref: string; more: boolean; children: ReactNode[] }) {
  if (children.length === 0) return null;
  const heading = `search-${kind}`;
  return (
    <section aria-labelledby={heading} data-testid={`search-${kind}`} className="space-y-2">
      <h2 id={heading} className="text-base font-semibold">{m.kinds[kind]}</h2>
      <ul className="divide-y rounded-md border">{children}</ul>
      {more ? <Link href={listHref} className={`${textLink} text-sm`}>{m.seeAll(m.kinds[kind])}</Link> : null}
    </section>
  );
}

/** A result: its name as the link to the record, and what tells it apart (e-mail, phone, stage, value). */
function Row({ href, name, details }: { href: string; name: string; details: (ReactNode | null)[] }) {
  return (
    <li className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2 text-sm" data-testid="search-result">
      <Link href={href} className={`${textLink} font-medium`}>{name}</Link>
      {details.filter((d) => d !== null && d !== "").map((d, i) => <span key={i} className="text-muted-foreground">{d}</span>)}
    </li>
  );
}

/**
 * The CRM-wide search (core/crm/global-search.ts): the words live in the address (?q=), so Back, a
 * reload or a shared link shows the same results; each search is a step of its own for Back.
 */
export function SearchView() {
  const trpc = useTRPC();
  const router = useRouter();
  const q = one(paramsOf(useSearchParams()), "q").trim().slice(0, 200);
  const [draft, setDraft] = useState(q);
  const [shown, setShown] = useState(q);
  // A new address (the header's form, Back) brings its words into the field.
  if (shown !== q) {
    setShown(q);
    setDraft(q);
  }
  const results = useQuery({ ...trpc.crm.search.queryOptions({ q }), enabled: q !== "" });
  const list = (path: string) => withParams(new URL(path, "http://x"), { q }).href.slice("http://x".length);
  const r = results.data;
  const found = r ? r.leads.items.length + r.deals.items.length + r.contacts.items.length + r.companies.items.length : 0;

  return (
    <div className="space-y-6">
      <PageHeader title={m.title} description={m.description} />
      <form
        role="search"
        className="flex max-w-xl gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          const next = draft.trim();
          if (next) router.push(`/search?q=${encodeURIComponent(next)}`);
        }}
      >
        <Input type="search" name="q" aria-label={m.field} placeholder={m.placeholder} maxLength={200} value={draft} onChange={(e) => setDraft(e.target.value)} data-testid="search-page-input" />
        <Button type="submit">{m.submit}</Button>
      </form>
      {q === "" ? (
        <p className="text-sm text-muted-foreground">{m.prompt}</p>
      ) : results.isPending ? (
        <div role="status" aria-busy="true" aria-label={m.loading} className="space-y-3">
          <Skeleton className="h-6 w-40" />
          <Skeleton className="h-32 w-full" />
        </div>
      ) : results.error ? (
        <Alert variant="destructive" data-testid="search-error">
          <AlertDescription className="flex flex-wrap items-center gap-3">
            <span>{m.error} {errorMessage(results.error)}</span>
            <Button type="button" size="sm" variant="outline" onClick={() => void results.refetch()}>{m.retry}</Button>
          </AlertDescription>
        </Alert>
      ) : !r || found === 0 ? (
        <EmptyState icon={<SearchX />} title={m.empty(q)} description={m.emptyHint} data-testid="search-empty" />
      ) : (
        <div className="space-y-6" aria-live="polite">
          <p className="sr-only">{m.resultsFor(q)}</p>
          <Section kind="leads" listHref={list("/leads")} more={r.leads.more}>
            {r.leads.items.map((x) => (
              <Row key={x.id} href={`/leads/${x.id}`} name={x.name ?? m.unnamed} details={[x.email, x.phone ? formatPhone(x.phone) : null, <Badge key="s" variant="secondary">{leadStageLabel(x.stage)}</Badge>, m.score(x.bant_score)]} />
            ))}
          </Section>
          <Section kind="deals" listHref={list("/deals")} more={r.deals.more}>
            {r.deals.items.map((x) => (
              <Row key={x.id} href={`/deals/${x.id}`} name={x.title} details={[brl(x.value_cents), x.stage_name, <Badge key="s" variant={x.status === "open" ? "secondary" : "outline"}>{dealStatus[x.status as keyof typeof dealStatus] ?? x.status}</Badge>]} />
            ))}
          </Section>
          <Section kind="contacts" listHref={list("/contacts")} more={r.contacts.more}>
            {r.contacts.items.map((x) => (
              <Row key={x.id} href={`/contacts/${x.id}`} name={x.name} details={[x.email, x.phone ? formatPhone(x.phone) : null, x.company_name]} />
            ))}
          </Section>
          <Section kind="companies" listHref={list("/companies")} more={r.companies.more}>
            {r.companies.items.map((x) => (
              <Row key={x.id} href={`/companies/${x.id}`} name={x.name} details={[x.domain]} />
            ))}
          </Section>
        </div>
      )}
    </div>
  );
}
