"use client";
import { useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText, common: commonText };

/** Plan code → the catalog's name ("growth" → "Growth"); the code itself until the catalog loads. */
export function usePlanName() {
  const trpc = useTRPC();
  const plans = useQuery(trpc.operator.plans.queryOptions());
  return (code: string | null) => (code === null ? "—" : (plans.data?.find((p) => p.code === code)?.name ?? code));
}

/** A subscription's status in pt-BR ("Ativa"), or "Sem cobrança" with none. */
const statusLabel = (status: string | null) =>
  !status ? t.billing.operatorUnbilled : Object.hasOwn(t.billing.status, status) ? t.billing.status[status as keyof typeof t.billing.status] : status;

/** A tenant's subscription in pt-BR: "Growth · Ativa", or "Sem cobrança" with none. */
export function subscriptionLabel(row: { status: string | null }, planName: string) {
  return row.status ? `${planName} · ${statusLabel(row.status)}` : statusLabel(null);
}

/** The operator's view of billing: MRR, tenants by status, each tenant's plan and usage this month. */
export function OperatorBilling() {
  const trpc = useTRPC();
  const billing = useQuery(trpc.operator.billing.queryOptions());
  const planName = usePlanName();
  if (billing.isLoading) return <Skeleton className="h-40" aria-busy="true" aria-label={t.common.loading} />;
  if (billing.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(billing.error)}</AlertDescription></Alert>;
  const b = billing.data!;
  return (
    <section className="space-y-3" aria-label={t.billing.operatorTitle}>
      <h2 className="text-lg font-semibold">{t.billing.operatorTitle}</h2>
      <p className="text-sm">
        <strong>{t.billing.operatorMrr}:</strong> <span data-testid="operator-mrr">{t.billing.brl(b.mrrCents)}</span> ·{" "}
        {Object.entries(b.byStatus).map(([s, n]) => `${statusLabel(s === "unbilled" ? null : s)}: ${n}`).join(" · ")}
      </p>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>{t.billing.operatorColumns.tenant}</TableHead>
            <TableHead>{t.billing.operatorColumns.plan}</TableHead>
            <TableHead>{t.billing.operatorColumns.status}</TableHead>
            <TableHead>{t.billing.operatorColumns.mrr}</TableHead>
            <TableHead>{t.billing.operatorColumns.messages}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {b.tenants.map((r) => (
            <TableRow key={r.tenantId}>
              <TableCell>{r.name} <span className="text-muted-foreground">({r.slug})</span></TableCell>
              <TableCell>{planName(r.planCode)}</TableCell>
              <TableCell>{statusLabel(r.status)}</TableCell>
              <TableCell className="tabular-nums">{t.billing.brl(r.mrrCents)}</TableCell>
              <TableCell className="tabular-nums">{t.billing.ofLimit(r.messages, r.messageLimit)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
