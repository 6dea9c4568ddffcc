"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import type { BillingInterval } from "@vendaflow/validators/billing";
import { useSearchParams } from "next/navigation";
import { useState } from "react";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { InvoicesTable } from "./invoices-table";
import { PlanChangeDialog } from "./plan-change-dialog";
import { UsageChart } from "./usage-chart";
import { UsageMeter } from "./usage-meter";
import { useConfirm } from "@/components/confirm";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText, common: commonText };

/** Admin page: current plan and status, this month's usage against the limits, plans, invoices. */
export function BillingView() {
  const confirm = useConfirm();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const params = useSearchParams();
  const overview = useQuery(trpc.billing.overview.queryOptions());
  const [interval, setInterval] = useState<BillingInterval>("month");
  const [target, setTarget] = useState<{ code: string; name: string; interval: BillingInterval } | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.billing.pathKey() });
  const go = { onSuccess: (r: { url: string }) => window.location.assign(r.url), onError: (e: unknown) => toast.error(errorMessage(e)) };
  const checkout = useMutation(trpc.billing.checkout.mutationOptions(go));
  const portal = useMutation(trpc.billing.portal.mutationOptions(go));
  const cancel = useMutation(
    trpc.billing.setCancel.mutationOptions({
      onSuccess: (_r, v) => {
        toast.success(v.cancel ? t.billing.canceledScheduled : t.billing.cancelUndone);
        void refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );

  const o = overview.data;
  return (
    <div className="space-y-8">
      <PageHeader title={t.billing.title} description={t.billing.description} />
      {params.get("checkout") === "success" ? <Alert variant="success"><AlertDescription>{t.billing.checkoutSuccess}</AlertDescription></Alert> : null}
      {params.get("checkout") === "canceled" ? <Alert><AlertDescription>{t.billing.checkoutCanceled}</AlertDescription></Alert> : null}
      {overview.isLoading ? <Skeleton className="h-48" aria-busy="true" aria-label={t.common.loading} /> : null}
      {overview.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => overview.refetch()}>{t.common.retry}</Button></AlertDescription></Alert> : null}
      {o && !o.billed ? <Alert><AlertDescription>{t.billing.unbilled}</AlertDescription></Alert> : null}
      {o?.plan ? (
        <div className="grid gap-6 md:grid-cols-2">
          <Card>
            <CardHeader>
              <CardDescription>{t.billing.currentPlan}</CardDescription>
              <CardTitle data-testid="current-plan">{o.plan.name}</CardTitle>
            </CardHeader>
            <CardContent className="space-y-3 text-sm">
              <div className="flex flex-wrap gap-2">
                {o.status ? <Badge data-testid="subscription-status">{t.billing.status[o.status as keyof typeof t.billing.status]}</Badge> : null}
                <Badge variant="secondary">{t.billing.access[o.access.level]}</Badge>
              </div>
              {o.trialDaysLeft !== null ? <p data-testid="trial-days">{t.billing.trialDaysLeft(o.trialDaysLeft)}</p> : null}
              {o.currentPeriodEnd ? <p>{o.cancelAtPeriodEnd ? t.billing.endsOn(String(o.currentPeriodEnd)) : t.billing.renewsOn(String(o.currentPeriodEnd))}</p> : null}
              <div className="flex flex-wrap gap-2 pt-2">
                {o.hasCustomer ? <Button variant="outline" onClick={() => portal.mutate()} disabled={portal.isPending}>{t.billing.manage}</Button> : null}
                {o.hasStripeSubscription ? (
                  <Button variant="outline" disabled={cancel.isPending} onClick={async () => (o.cancelAtPeriodEnd ? cancel.mutate({ cancel: false }) : (await confirm({ title: t.billing.confirmCancel })) && cancel.mutate({ cancel: true }))}>
                    {o.cancelAtPeriodEnd ? t.billing.undoCancel : t.billing.cancel}
                  </Button>
                ) : null}
              </div>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t.billing.usageTitle(o.period)}</CardTitle>
            </CardHeader>
            <CardContent className="space-y-4">
              <UsageMeter label={t.billing.usage.messages} used={o.usage.messages} limit={o.plan.limits.messagesMonth} />
              <UsageChart days={o.usage.messagesDaily.days} cumulative={o.usage.messagesDaily.cumulative} limit={o.plan.limits.messagesMonth} gracePercent={o.plan.messageGracePercent} />
              <UsageMeter label={t.billing.usage.users} used={o.usage.users} limit={o.plan.limits.users} />
              <UsageMeter label={t.billing.usage.inboxes} used={o.usage.inboxes} limit={o.plan.limits.inboxes} />
              <UsageMeter label={t.billing.usage.whatsappNumbers} used={o.usage.whatsappNumbers} limit={o.plan.limits.whatsappNumbers} />
            </CardContent>
          </Card>
        </div>
      ) : null}
      {o?.billed ? (
        <section className="space-y-4" aria-label={t.billing.plansTitle}>
          <div className="flex items-center justify-between">
            <h2 className="text-lg font-semibold">{t.billing.plansTitle}</h2>
            <div className="flex gap-2" role="group">
              <Button size="sm" variant={interval === "month" ? "default" : "outline"} onClick={() => setInterval("month")}>{t.billing.monthly}</Button>
              <Button size="sm" variant={interval === "year" ? "default" : "outline"} onClick={() => setInterval("year")}>{t.billing.yearly}</Button>
            </div>
          </div>
          <p className="text-sm text-muted-foreground">{t.billing.checkoutHint}</p>
          <div className="grid gap-4 md:grid-cols-3">
            {o.plans.map((p) => {
              const isCurrent = o.plan?.code === p.code && o.hasStripeSubscription && o.interval === interval;
              return (
                <Card key={p.code} data-testid={`plan-${p.code}`}>
                  <CardHeader>
                    <CardTitle>{p.name}</CardTitle>
                    <CardDescription>{interval === "month" ? t.billing.perMonth(p.priceMonthlyCents) : t.billing.perYear(p.priceYearlyCents)}</CardDescription>
                  </CardHeader>
                  <CardContent className="space-y-3 text-sm">
                    <ul className="list-disc pl-4">{p.features.map((f) => <li key={f}>{f}</li>)}</ul>
                    {isCurrent ? (
                      <Badge variant="secondary">{t.billing.current}</Badge>
                    ) : o.hasStripeSubscription ? (
                      <Button variant="outline" onClick={() => setTarget({ code: p.code, name: p.name, interval })}>{t.billing.switchTo}</Button>
                    ) : p.checkout[interval] ? (
                      <Button onClick={() => checkout.mutate({ planCode: p.code, interval })} disabled={checkout.isPending}>{t.billing.choose}</Button>
                    ) : (
                      // No Stripe price (catalog not synced): "Assinar" only led to an error about Stripe.
                      <p className="text-muted-foreground" data-testid="checkout-unavailable">{t.billing.checkoutUnavailable}</p>
                    )}
                  </CardContent>
                </Card>
              );
            })}
          </div>
        </section>
      ) : null}
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t.billing.invoicesTitle}</h2>
        <InvoicesTable />
      </section>
      <PlanChangeDialog
        target={target}
        onClose={() => setTarget(null)}
        onChanged={() => {
          setTarget(null);
          toast.success(t.billing.changed);
          void refresh();
        }}
      />
    </div>
  );
}
