"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Skeleton } from "@vendaflow/ui/skeleton";
import Link from "next/link";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText };

// What a record page shows before its record, apart from entity-detail.tsx (the loaded page's
// pieces), so that a page loading those on demand keeps only this in its first load.

export interface Back {
  href: string;
  label: string;
}

/** A record page's skeleton, until its record (and the code that shows it) have come. */
export function DetailLoading() {
  return (
    <div role="status" aria-busy="true" aria-label={t.common.loading}>
      <Skeleton className="h-96" />
    </div>
  );
}

/** A record page before its data: the skeleton, or "not found" / load error with the way back. */
export function DetailStates({ query, notFound, back }: { query: { isLoading: boolean; error: { data?: { code?: string } | null } | null; data?: unknown }; notFound: string; back: Back }) {
  if (query.isLoading) return <DetailLoading />;
  if (query.error || !query.data) {
    return <Alert variant="destructive"><AlertDescription>{query.error?.data?.code === "NOT_FOUND" ? notFound : t.common.loadError} <Link className="underline" href={back.href}>{back.label}</Link></AlertDescription></Alert>;
  }
  return null;
}
