"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { PlugZap } from "lucide-react";
import { inboxes as inboxesText } from "@/lib/i18n/pt-br/inboxes";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

const t = { inboxes: inboxesText };
const c = t.inboxes.connection;

/**
 * "Testar conexão": asks Meta, with the inbox's token, for its number. "Ativa" only says the inbox
 * takes conversations; this says Meta knows the number and the token opens it.
 */
export function ConnectionCheck({ inboxId }: { inboxId: string }) {
  const trpc = useTRPC();
  const check = useMutation(trpc.whatsapp.checkConnection.mutationOptions());
  const result = check.data;
  return (
    <div className="space-y-2">
      <Button type="button" size="sm" variant="outline" loading={check.isPending} onClick={() => check.mutate({ inboxId })}>
        <PlugZap aria-hidden="true" />
        {c.test}
      </Button>
      <div aria-live="polite" data-testid="wa-connection">
        {check.error ? (
          <Alert variant="destructive"><AlertDescription>{errorMessage(check.error)}</AlertDescription></Alert>
        ) : result?.ok ? (
          <Alert>
            <AlertTitle>{c.ok}</AlertTitle>
            <AlertDescription>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm">
                <dt className="text-muted-foreground">{c.number}</dt>
                <dd>{result.profile.displayPhoneNumber ?? "—"}</dd>
                <dt className="text-muted-foreground">{c.name}</dt>
                <dd>{result.profile.verifiedName ?? "—"}{result.profile.nameStatus ? ` (${c.nameStatus(result.profile.nameStatus)})` : ""}</dd>
                <dt className="text-muted-foreground">{c.quality}</dt>
                <dd>{c.qualityRating(result.profile.qualityRating)}</dd>
                {result.profile.messagingLimitTier ? (
                  <>
                    <dt className="text-muted-foreground">{c.limit}</dt>
                    <dd>{c.limitTier(result.profile.messagingLimitTier)}</dd>
                  </>
                ) : null}
              </dl>
            </AlertDescription>
          </Alert>
        ) : result ? (
          <Alert variant="destructive">
            <AlertTitle>{c.problems[result.problem]}</AlertTitle>
            <AlertDescription><span className="break-words text-xs">{c.metaSaid(result.detail)}</span></AlertDescription>
          </Alert>
        ) : null}
      </div>
    </div>
  );
}
