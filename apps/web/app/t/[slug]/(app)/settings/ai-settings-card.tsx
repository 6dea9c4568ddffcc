"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { useToast } from "@vendaflow/ui/toast";
import { useEffect, useState } from "react";
import { useForm } from "@/components/use-form";
import { ai as aiText } from "@/lib/i18n/pt-br/ai";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { ai: aiText, common: commonText };

const num = new Intl.NumberFormat("pt-BR");
const when = new Intl.DateTimeFormat("pt-BR", { dateStyle: "short", timeStyle: "short", timeZone: "America/Sao_Paulo" });

/** The AI layer's switch, monthly token cap, usage and recent calls (admins only). */
export function AiSettingsCard() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const overview = useQuery(trpc.ai.overview.queryOptions());
  const update = useMutation(trpc.ai.update.mutationOptions());
  const [enabled, setEnabled] = useState(false);
  const form = useForm({ monthlyTokenCap: "" }, async (v) => {
    await update.mutateAsync({ enabled, monthlyTokenCap: v.monthlyTokenCap.trim() === "" ? Number.NaN : Number(v.monthlyTokenCap) });
    toast.success(t.common.saved);
    await qc.invalidateQueries({ queryKey: trpc.ai.overview.queryKey() });
  });
  const { setValues } = form;
  useEffect(() => {
    if (!overview.data) return;
    setEnabled(overview.data.enabled);
    setValues({ monthlyTokenCap: String(overview.data.monthlyTokenCap) });
  }, [overview.data, setValues]);

  if (overview.isLoading) return <Skeleton className="h-48" />;
  if (overview.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(overview.error)}</AlertDescription></Alert>;
  const d = overview.data!;
  return (
    <Card>
      <CardHeader><CardTitle>{t.ai.title}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted-foreground">{t.ai.description}</p>
        {!d.available ? <Alert><AlertDescription>{t.ai.unavailable}</AlertDescription></Alert> : null}
        {d.operatorBlocked ? <Alert variant="destructive"><AlertDescription>{t.ai.blocked}</AlertDescription></Alert> : null}
        <form onSubmit={form.onSubmit} className="grid gap-4 md:grid-cols-2" noValidate>
          <div className="md:col-span-2">
            <Checkbox label={t.ai.enabled} checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          </div>
          <FormField label={t.ai.cap} error={form.errors.monthlyTokenCap} description={t.ai.capHint}>
            <Input {...form.field("monthlyTokenCap")} inputMode="numeric" />
          </FormField>
          {form.formError ? <Alert variant="destructive" className="md:col-span-2"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
          <div className="md:col-span-2"><Button type="submit" loading={form.pending}>{t.common.save}</Button></div>
        </form>
        <p className="text-sm">{t.ai.usage(d.calls, num.format(d.tokens), num.format(d.monthlyTokenCap))}</p>
        <div className="space-y-2">
          <h3 className="text-sm font-medium">{t.ai.recentTitle}</h3>
          {d.recent.length === 0 ? (
            <p className="text-sm text-muted-foreground">{t.ai.empty}</p>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHead>{t.ai.columns.when}</TableHead>
                  <TableHead>{t.ai.columns.purpose}</TableHead>
                  <TableHead>{t.ai.columns.outcome}</TableHead>
                  <TableHead>{t.ai.columns.choice}</TableHead>
                  <TableHead className="text-right">{t.ai.columns.latency}</TableHead>
                  <TableHead className="text-right">{t.ai.columns.tokens}</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {d.recent.map((r) => (
                  <TableRow key={r.id}>
                    <TableCell>{when.format(new Date(r.createdAt))}</TableCell>
                    <TableCell>{t.ai.purpose[r.purpose] ?? r.purpose}</TableCell>
                    <TableCell>{t.ai.outcome[r.outcome]}</TableCell>
                    <TableCell>{r.choice ? `${r.choice}${r.confidence !== null ? ` (${Math.round(r.confidence * 100)}%)` : ""}` : "—"}</TableCell>
                    <TableCell className="text-right">{num.format(r.latencyMs)} ms</TableCell>
                    <TableCell className="text-right">{num.format(r.tokens)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
