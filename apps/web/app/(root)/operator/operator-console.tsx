"use client";
import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from "@tanstack/react-query";
import { useSyncExternalStore } from "react";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { signOut } from "next-auth/react";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { operator as operatorText } from "@/lib/i18n/pt-br/operator";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { WhatsAppPrices } from "./whatsapp-prices";
import { OperatorBilling, subscriptionLabel, usePlanName } from "./operator-billing";
import { OperatorTwoFactor } from "./operator-two-factor";
import { PlanEditor } from "./plan-editor";
import { brDateTime } from "@/lib/dates";
import { auditActionLabel } from "@/lib/audit-labels";
import { common as commonText, roles as rolesText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, operator: operatorText, roles: rolesText };
type AiState = keyof typeof operatorText.aiState;
const roleLabel = (role: string) => (Object.hasOwn(t.roles, role) ? t.roles[role as keyof typeof t.roles] : role);

// Below Tailwind's sm (40rem): the table's secondary columns hide (hidden sm:table-cell) and their
// facts fold under the slug. The fold is rendered only there, so a wide screen's DOM says each once.
const NARROW = "(max-width: 39.99rem)";
const subscribeNarrow = (onChange: () => void) => {
  const mq = window.matchMedia(NARROW);
  mq.addEventListener("change", onChange);
  return () => mq.removeEventListener("change", onChange);
};
const useNarrow = () => useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW).matches, () => false);

/**
 * The console. With OPERATOR_REQUIRE_2FA (`mustEnrol`, from the session), an operator without a
 * second factor sees only the notice and the two-factor card until it is on; the card keeps its
 * place, so the recovery codes stay on screen as the rest of the console appears.
 */
export function OperatorConsole({ mustEnrol = false }: { mustEnrol?: boolean }) {
  const trpc = useTRPC();
  const twoFactor = useQuery(trpc.operator.twoFactor.queryOptions());
  const locked = mustEnrol && !twoFactor.data?.enabled;
  return (
    <main className="mx-auto max-w-5xl space-y-6 p-6">
      {/* Auth.js's sign-out event revokes the operator's session row (auth.ts), so a kept cookie is worthless. */}
      <PageHeader title={t.operator.title} actions={<Button variant="ghost" size="sm" onClick={() => signOut({ redirectTo: "/login" })}>{t.operator.signOut}</Button>} />
      {locked ? <Alert role="status"><AlertDescription>{t.operator.mustEnrol}</AlertDescription></Alert> : <ConsoleBody />}
      <OperatorTwoFactor />
    </main>
  );
}

function ConsoleBody() {
  const trpc = useTRPC();
  // 50 a page, by slug; "Carregar mais" brings the next (a platform has more workspaces than one page).
  const pages = useInfiniteQuery(trpc.operator.tenants.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (p) => p.nextCursor ?? undefined }));
  const tenants = pages.data?.pages.flatMap((p) => p.items);
  const open = useMutation(trpc.operator.openTenant.mutationOptions());
  const qc = useQueryClient();
  // The plan and status come from billing (tenant_subscriptions), the one record of a subscription.
  const billing = useQuery(trpc.operator.billing.queryOptions());
  const planName = usePlanName();
  const billed = new Map(billing.data?.tenants.map((r) => [r.tenantId, r]));
  const subscription = (id: string) => {
    const row = billed.get(id);
    return row ? subscriptionLabel(row, planName(row.planCode)) : "—";
  };
  // One read per page: the AI states take at most 100 ids at a time.
  const aiPages = useQueries({ queries: (pages.data?.pages ?? []).map((p) => ({ ...trpc.operator.aiStates.queryOptions({ tenantIds: p.items.map((tn) => tn.id) }), enabled: p.items.length > 0 })) });
  const aiStates = Object.assign({}, ...aiPages.map((q) => q.data ?? {})) as Record<string, AiState>;
  const aiError = aiPages.find((q) => q.error)?.error;
  const aiBlock = useMutation(trpc.operator.setAiBlock.mutationOptions({ onSuccess: () => qc.invalidateQueries({ queryKey: trpc.operator.aiStates.queryKey() }) }));
  const narrow = useNarrow();
  return (
    <div className="space-y-6">
      {pages.isLoading ? <Skeleton className="h-40" /> : null}
      {pages.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(pages.error)}</AlertDescription></Alert> : null}
      {tenants?.length === 0 ? <EmptyState title={t.operator.empty} /> : null}
      {tenants?.length ? (
        // On a phone the name, plan and AI state fold under the slug (their columns hide below sm) and
        // the buttons stack, so the table fits 375 px without scrolling sideways (as flows-list hides its date column).
        <Table data-testid="operator-tenants">
          <TableHeader>
            <TableRow>
              <TableHead>{t.operator.slugColumn}</TableHead>
              <TableHead className="hidden sm:table-cell">{t.operator.nameColumn}</TableHead>
              <TableHead className="hidden sm:table-cell">{t.operator.subscriptionColumn}</TableHead>
              <TableHead className="hidden sm:table-cell">{t.operator.aiColumn}</TableHead>
              <TableHead />
            </TableRow>
          </TableHeader>
          <TableBody>
            {tenants.map((tn) => {
              const ai = aiStates[tn.id];
              const aiBadge = ai ? <Badge variant={ai === "blocked" ? "destructive" : ai === "on" ? "success" : "secondary"}>{t.operator.aiState[ai]}</Badge> : "—";
              return (
                <TableRow key={tn.id}>
                  <TableCell className="whitespace-normal break-all sm:break-normal">
                    {tn.slug}
                    {narrow ? (
                      <div className="mt-1 space-y-1 text-xs text-muted-foreground">
                        <p className="break-words">{tn.name}</p>
                        <p>{subscription(tn.id)}</p>
                        <p className="flex items-center gap-1">{t.operator.aiColumn}: {aiBadge}</p>
                      </div>
                    ) : null}
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{tn.name}</TableCell>
                  <TableCell className="hidden sm:table-cell">{subscription(tn.id)}</TableCell>
                  <TableCell className="hidden sm:table-cell">{aiBadge}</TableCell>
                  <TableCell className="text-right">
                    <div className="flex flex-col items-end gap-2 sm:flex-row sm:justify-end">
                      <Button size="sm" variant="outline" loading={open.isPending && open.variables.tenantId === tn.id} onClick={() => open.mutate({ tenantId: tn.id })}>{t.operator.open}</Button>
                      {/* The one switch that applies: a blocked AI can be freed, any other blocked. */}
                      {ai ? (
                        <Button size="sm" variant="outline" loading={aiBlock.isPending && aiBlock.variables.tenantId === tn.id} onClick={() => aiBlock.mutate({ tenantId: tn.id, blocked: ai !== "blocked" })}>
                          {ai === "blocked" ? t.operator.aiUnblock : t.operator.aiBlock}
                        </Button>
                      ) : null}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      ) : null}
      {pages.hasNextPage ? <Button variant="outline" size="sm" onClick={() => pages.fetchNextPage()} loading={pages.isFetchingNextPage}>{t.common.loadMore}</Button> : null}
      {/* Without the AI states the column shows "—" and no switch: say why. */}
      {aiError ? <Alert variant="destructive"><AlertDescription>{errorMessage(aiError)}</AlertDescription></Alert> : null}
      {aiBlock.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(aiBlock.error)}</AlertDescription></Alert> : null}
      {open.error ? <Alert variant="destructive"><AlertDescription>{errorMessage(open.error)}</AlertDescription></Alert> : null}
      {aiBlock.isSuccess ? <Alert><AlertDescription>{aiBlock.variables.blocked ? t.operator.aiBlocked : t.operator.aiUnblocked}</AlertDescription></Alert> : null}
      {open.data ? (
        <section className="space-y-2" aria-label={t.operator.opened}>
          <h2 className="text-lg font-semibold">{t.operator.openedTitle(tenants?.find((tn) => tn.id === open.variables.tenantId)?.name ?? "")}</h2>
          <h3 className="font-semibold">{t.operator.openedUsers(open.data.users.length)}</h3>
          <ul className="text-sm">{open.data.users.map((u) => <li key={u.id}>{u.name} — {u.email} — {roleLabel(u.role)}</li>)}</ul>
          <h3 className="font-semibold">{t.operator.openedAudit}</h3>
          <ul className="text-sm">{open.data.audit.map((a) => <li key={a.id}>{brDateTime(a.created_at)} — {auditActionLabel(a.action)}</li>)}</ul>
        </section>
      ) : null}
      <WhatsAppPrices />
      <OperatorBilling />
      <PlanEditor />
    </div>
  );
}
