"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { Laptop, Smartphone } from "lucide-react";
import { useConfirm } from "@/components/confirm";
import { brDateTime } from "@/lib/dates";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { profile as profileText } from "@/lib/i18n/pt-br/workspace-profile";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, s: profileText.sessions };

/** The user's live sessions (device, when, IP), each one endable, and "the others" in one go. */
export function SessionsCard() {
  const trpc = useTRPC();
  const toast = useToast();
  const confirm = useConfirm();
  const sessions = useQuery(trpc.profile.sessions.queryOptions());
  const end = useMutation(trpc.profile.endSession.mutationOptions());
  const endOthers = useMutation(trpc.profile.endOtherSessions.mutationOptions());
  const others = sessions.data?.filter((s) => !s.current).length ?? 0;

  const endOne = async (sessionId: string) => {
    try {
      await end.mutateAsync({ sessionId });
      toast.success(t.s.ended);
    } catch (err) {
      toast.error(errorMessage(err));
    }
    await sessions.refetch();
  };
  const endAllOthers = async () => {
    if (!(await confirm({ title: t.s.endOthersTitle, description: t.s.endOthersText, actionLabel: t.s.endOthers }))) return;
    try {
      toast.success(t.s.othersEnded((await endOthers.mutateAsync()).ended));
    } catch (err) {
      toast.error(errorMessage(err));
    }
    await sessions.refetch();
  };

  return (
    <Card data-testid="sessions">
      <CardHeader>
        <CardTitle>{t.s.title}</CardTitle>
        <CardDescription>{t.s.hint}</CardDescription>
        {others > 0 ? (
          <CardAction>
            <Button variant="outline" size="sm" loading={endOthers.isPending} onClick={endAllOthers}>{t.s.endOthers}</Button>
          </CardAction>
        ) : null}
      </CardHeader>
      <CardContent>
        {sessions.isLoading ? <Skeleton className="h-24" aria-busy="true" aria-label={t.common.loading} /> : null}
        {sessions.error ? (
          <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => sessions.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
        ) : null}
        {sessions.data ? (
          <ul className="divide-y">
            {sessions.data.map((s) => {
              const device = t.s.device(s.device);
              const when = brDateTime(s.createdAt);
              const Icon = s.device?.mobile ? Smartphone : Laptop;
              return (
                <li key={s.id} data-testid="session-row" data-current={s.current ? "true" : "false"} className="flex flex-wrap items-center gap-3 py-3 first:pt-0 last:pb-0">
                  <Icon aria-hidden="true" className="size-5 shrink-0 text-muted-foreground" />
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      {device}
                      {s.current ? <Badge variant="success">{t.s.current}</Badge> : null}
                    </p>
                    <p className="text-xs text-muted-foreground">{[t.s.signedIn(when), s.ip ? t.s.ip(s.ip) : null].filter(Boolean).join(" · ")}</p>
                  </div>
                  {s.current ? null : (
                    <Button size="sm" variant="outline" aria-label={t.s.endLabel(device, when)} loading={end.isPending && end.variables?.sessionId === s.id} onClick={() => endOne(s.id)}>
                      {t.s.end}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
      </CardContent>
    </Card>
  );
}
