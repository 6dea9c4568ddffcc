import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { PageHeader } from "@vendaflow/ui/page-header";
import { t } from "@/lib/i18n";
import { pageSession } from "@/lib/server/page-tenant";

export default async function DashboardPage() {
  const { tenant, session } = await pageSession();
  return (
    <div className="space-y-6">
      <PageHeader title={`${t.dashboard.welcome}, ${session.name || session.email}`} description={tenant.name} />
      <Card>
        <CardHeader>
          <CardTitle>{t.dashboard.title}</CardTitle>
          <CardDescription>{t.dashboard.text}</CardDescription>
        </CardHeader>
        <CardContent className="text-sm text-muted-foreground">
          {session.role === "viewer" ? t.common.readOnly : null}
        </CardContent>
      </Card>
    </div>
  );
}
