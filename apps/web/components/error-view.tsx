"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { textLink } from "@vendaflow/ui/text-link";
import { pageError } from "@/lib/i18n/pt-br/common";

/**
 * The body of an error boundary (app/error.tsx and its kin): what happened in pt-BR, a retry that
 * asks the server again (router.refresh, since most failures are a server render's) and, when the
 * server sent one, the digest its log line carries, for support. Plain elements: it ships with every
 * route's first load.
 */
export function ErrorView({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  return (
    <main role="alert" className="mx-auto flex min-h-[60vh] max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <h1 className="text-xl font-semibold">{pageError.title}</h1>
      <p className="text-muted-foreground">{pageError.text}</p>
      <div className="flex flex-wrap items-center justify-center gap-x-6 gap-y-2">
        <button
          type="button"
          disabled={pending}
          onClick={() => start(() => (router.refresh(), reset()))}
          className="rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground disabled:opacity-60"
        >
          {pageError.retry}
        </button>
        <a href="/" className={`${textLink} text-sm`}>{pageError.home}</a>
      </div>
      {error.digest ? <p className="text-xs text-muted-foreground">{pageError.code}: <code>{error.digest}</code></p> : null}
    </main>
  );
}
