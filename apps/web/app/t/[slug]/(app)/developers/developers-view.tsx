"use client";
import { PageHeader } from "@vendaflow/ui/page-header";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { ApiKeysSection } from "./api-keys-section";
import { WebhooksSection } from "./webhooks-section";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { developers: developersText };

export function DevelopersView() {
  return (
    <div className="space-y-10">
      <PageHeader
        title={t.developers.title}
        description={
          <>
            {t.developers.description} {t.developers.docsHint}{" "}
            <a className="underline underline-offset-4" href="/api/reference" target="_blank" rel="noreferrer">/api/reference</a>
          </>
        }
      />
      <ApiKeysSection />
      <WebhooksSection />
    </div>
  );
}
