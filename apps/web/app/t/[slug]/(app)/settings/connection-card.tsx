"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { Skeleton } from "@vendaflow/ui/skeleton";
import type { ReactNode } from "react";
import { errorMessage } from "@/lib/trpc/errors";

/**
 * An integration's card (Slack, Chatwoot): its description, then the connect form while there is no
 * connection or the admin is replacing it, else what the connection is. `form` gets the stored
 * connection, if any, to start from; `connected` renders an existing one.
 */
export function ConnectionCard<D>({ testId, text, conn, editing, form, connected }: {
  testId: string;
  text: { title: string; description: string; notConnected: string };
  conn: { isLoading: boolean; error: unknown; data: D | null | undefined };
  editing: boolean;
  form: (stored: D | null | undefined) => ReactNode;
  connected: (stored: D) => ReactNode;
}) {
  const body = () => {
    if (conn.isLoading) return <Skeleton className="h-32" />;
    if (conn.error) return <Alert variant="destructive"><AlertDescription>{errorMessage(conn.error)}</AlertDescription></Alert>;
    const d = conn.data;
    if (!d || editing) return form(d);
    return connected(d);
  };

  return (
    <Card data-testid={testId}>
      <CardHeader><CardTitle>{text.title}</CardTitle></CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-muted-foreground">{text.description}</p>
        {!conn.isLoading && !conn.error && !conn.data && !editing ? <p className="text-sm">{text.notConnected}</p> : null}
        {body()}
      </CardContent>
    </Card>
  );
}

/** An address the other side calls (Chatwoot's webhook, Slack's slash commands), to paste into its settings. */
export function CallbackUrl({ title, url, hint, testId }: { title: string; url: string; hint: string; testId: string }) {
  return (
    <div className="space-y-1 text-sm">
      <p className="font-medium">{title}</p>
      <pre className="rounded bg-muted p-2 break-all whitespace-pre-wrap" data-testid={testId}>{url}</pre>
      <p className="text-muted-foreground">{hint}</p>
    </div>
  );
}
