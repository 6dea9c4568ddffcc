"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { notificationEmails as notificationEmailsText } from "@/lib/i18n/pt-br/notification-emails";
import { notificationKinds } from "@/lib/i18n/pt-br/notification-kinds";
import { useTRPC } from "@/lib/trpc/client";
import type { NotificationKind } from "@vendaflow/validators/notification-kinds";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, n: notificationEmailsText, kinds: notificationKinds.kinds };

/** "Notificações por e-mail": one checkbox per kind of the bell, all on by default; each change is saved at once. */
export function NotificationEmailsCard() {
  const trpc = useTRPC();
  const toast = useToast();
  const prefs = useQuery(trpc.profile.notificationEmails.queryOptions());
  const save = useMutation(trpc.profile.setNotificationEmails.mutationOptions());
  // The choice being saved shows at once (a controlled box would otherwise flip back until the answer).
  const [saving, setSaving] = useState<string[] | null>(null);
  const off = new Set<string>(saving ?? prefs.data?.off ?? []);

  const toggle = async (kind: string, on: boolean) => {
    const next = on ? [...off].filter((k) => k !== kind) : [...off, kind];
    setSaving(next);
    try {
      await save.mutateAsync({ off: next as NotificationKind[] });
      await prefs.refetch();
      toast.success(t.n.saved);
    } catch (err) {
      toast.error(errorMessage(err));
    } finally {
      setSaving(null);
    }
  };

  const kinds = Object.keys(t.kinds);
  return (
    <Card data-testid="notification-emails">
      <CardHeader>
        <CardTitle>{t.n.title}</CardTitle>
        <CardDescription>{t.n.hint}</CardDescription>
      </CardHeader>
      <CardContent>
        {prefs.isLoading ? <Skeleton className="h-24" aria-busy="true" aria-label={t.common.loading} /> : null}
        {prefs.error ? (
          <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => prefs.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
        ) : null}
        {prefs.data ? (
          <fieldset className="space-y-2" disabled={saving !== null}>
            <legend className="sr-only">{t.n.title}</legend>
            {kinds.map((kind) => (
              <Checkbox key={kind} name={kind} data-testid="notification-email-kind" label={t.kinds[kind]} labelClassName="flex" checked={!off.has(kind)} onChange={(e) => void toggle(kind, e.currentTarget.checked)} />
            ))}
            {kinds.every((k) => off.has(k)) ? <p className="text-sm text-muted-foreground">{t.n.allOff}</p> : null}
          </fieldset>
        ) : null}
      </CardContent>
    </Card>
  );
}
