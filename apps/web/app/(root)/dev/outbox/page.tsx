import { listOutbox } from "@vendaflow/core/email/outbox";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { brDateTime } from "@/lib/dates";
import { env } from "@/lib/env";
import { appDeps } from "@/lib/server/deps";
import { canSeeOutbox } from "@/lib/server/outbox-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

export const dynamic = "force-dynamic";
export const metadata = { title: pageTitles.devOutbox };

const URL_RE = /(https?:\/\/[^\s]+)/g;

/** Mail that would have gone out while no SMTP server is configured (who may see it: outbox-access.ts). */
export default async function OutboxPage() {
  if (!(await canSeeOutbox(await headers()))) notFound();
  const mails = await listOutbox(appDeps().db, 50);
  return (
    <main className="mx-auto max-w-3xl space-y-4 p-6">
      <h1 className="text-2xl font-semibold">Caixa de saída (desenvolvimento)</h1>
      <p className="text-sm text-muted-foreground">E-mails gerados enquanto nenhum SMTP está configurado. Os mais recentes primeiro.</p>
      {mails.length === 0 ? <p>Nenhum e-mail ainda.</p> : null}
      {mails.map((m) => (
        <article key={m.id} className="rounded-lg border p-4" data-testid="outbox-mail" data-to={m.to_address}>
          <p className="text-xs text-muted-foreground">{brDateTime(m.created_at)} — de <span data-testid="mail-from">{m.from_name ?? env().EMAIL_FROM}</span> para <span data-testid="mail-to">{m.to_address}</span></p>
          <h2 className="font-medium">{m.subject}</h2>
          <p className="whitespace-pre-wrap text-sm">
            {m.text_body.split(URL_RE).map((part, i) => (i % 2 === 1 ? <a key={i} href={part} className="text-brand-ink underline break-all">{part}</a> : part))}
          </p>
        </article>
      ))}
    </main>
  );
}
