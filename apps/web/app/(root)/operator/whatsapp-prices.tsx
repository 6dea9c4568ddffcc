"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useEffect, useState } from "react";
import { billing as billingText } from "@/lib/i18n/pt-br/billing";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { billing: billingText, common: commonText, whatsapp: whatsappText };

const m = t.whatsapp.operatorPrices;
const known = Object.keys(t.whatsapp.pricingCategories);

/** The operator's BRL rate card for Meta's categories, edited as a whole. */
export function WhatsAppPrices() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const prices = useQuery(trpc.operator.whatsappPrices.queryOptions());
  // A saved row's category is fixed (shown by its pt-BR name); an added one is picked from Meta's categories not priced yet.
  const [rows, setRows] = useState<{ category: string; cents: string; added?: true }[]>([]);
  useEffect(() => {
    if (prices.data) setRows(prices.data.map((p) => ({ category: p.category, cents: String(p.perThousandCents) })));
  }, [prices.data]);
  const unpriced = (own: string) => known.filter((c) => c === own || !rows.some((r) => r.category === c));
  const save = useMutation(
    trpc.operator.setWhatsappPrices.mutationOptions({
      onSuccess: async () => {
        toast.success(m.saved);
        await qc.invalidateQueries({ queryKey: trpc.operator.whatsappPrices.queryKey() });
      },
    }),
  );
  const set = (i: number, patch: Partial<{ category: string; cents: string }>) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <section className="space-y-3" aria-label={m.title}>
      <h2 className="font-semibold">{m.title}</h2>
      <p className="text-sm text-muted-foreground">{m.hint}</p>
      {prices.isLoading ? <Skeleton className="h-24" /> : null}
      {prices.error || save.error ? <Alert variant="destructive"><AlertDescription>{errorMessage((prices.error ?? save.error)!)}</AlertDescription></Alert> : null}
      {/* Only once the rate card is read: an edit started earlier would be overwritten by it, or save an empty card. */}
      {prices.data ? (
        <form
          className="space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate({ prices: rows.map((r) => ({ category: r.category.trim(), perThousandCents: Number(r.cents) })) });
          }}
        >
          {rows.map((r, i) => (
            <div key={i} className="flex flex-wrap items-center gap-2 sm:flex-nowrap" data-testid="operator-price-row">
              {r.added ? (
                <Select aria-label={m.category} required placeholder={m.pick} value={r.category} onChange={(e) => set(i, { category: e.target.value })} wrapperClassName="w-auto shrink-0 basis-full sm:basis-64">
                  {unpriced(r.category).map((c) => <SelectOption key={c} value={c}>{t.whatsapp.pricingCategoryName(c)}</SelectOption>)}
                </Select>
              ) : (
                <span className="shrink-0 basis-full text-sm font-medium sm:basis-64" data-testid="operator-price-category">{t.whatsapp.pricingCategoryName(r.category)}</span>
              )}
              <Input aria-label={r.category ? `${m.price} — ${t.whatsapp.pricingCategoryName(r.category)}` : m.price} inputMode="numeric" value={r.cents} onChange={(e) => set(i, { cents: e.target.value })} className="w-24 sm:w-40" />
              <span className="w-28 text-sm text-muted-foreground">{Number.isFinite(Number(r.cents)) ? t.billing.brl(Number(r.cents)) : "—"}</span>
              <Button type="button" variant="ghost" size="sm" onClick={() => setRows((rs) => rs.filter((_, j) => j !== i))}>{m.remove}</Button>
            </div>
          ))}
          <div className="flex gap-2">
            <Button type="button" variant="outline" disabled={unpriced("").length === 0} onClick={() => setRows((rs) => [...rs, { category: "", cents: "0", added: true }])}>{m.add}</Button>
            <Button type="submit" loading={save.isPending}>{t.common.save}</Button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
