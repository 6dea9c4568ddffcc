import { Button } from "@vendaflow/ui/button";
import { landing as landingText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, landing: landingText };

export default function Landing() {
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center gap-6 p-8">
      <p className="font-semibold text-brand-ink">{t.common.product}</p>
      <h1 className="text-4xl font-bold tracking-tight">{t.landing.title}</h1>
      <p className="text-lg text-muted-foreground">{t.landing.subtitle}</p>
      <div className="flex flex-wrap gap-3">
        <Button asChild size="lg"><a href="/signup">{t.landing.signup}</a></Button>
        <Button asChild size="lg" variant="outline"><a href="/find-workspace">{t.landing.find}</a></Button>
      </div>
      <a href="/login" className="text-sm text-muted-foreground underline">{t.landing.operator}</a>
    </main>
  );
}
