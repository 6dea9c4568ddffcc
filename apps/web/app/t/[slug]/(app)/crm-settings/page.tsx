import { PageHeader } from "@vendaflow/ui/page-header";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { pageSession } from "@/lib/server/page-tenant";
import { CustomFieldsSection } from "./custom-fields-section";
import { LeadScoreSection } from "./lead-score-section";
import { LostReasonsSection } from "./lost-reasons-section";
import { PipelinesSection } from "./pipelines-section";
import { NoAccess } from "@/components/no-access";
import { pageTitles } from "@/lib/i18n/pt-br/page-titles";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText };

export const metadata = { title: pageTitles.crmSettings };

export default async function CrmSettingsPage() {
  const { session } = await pageSession();
  // Every change here is adminProcedure on the server; the page is admin-only too.
  if (session.role !== "admin") return <NoAccess allowed="admin" />;
  return (
    <div className="space-y-10">
      <PageHeader title={t.crm.settings.title} description={t.crm.settings.description} />
      <PipelinesSection />
      <LostReasonsSection />
      <CustomFieldsSection />
      <LeadScoreSection />
    </div>
  );
}
