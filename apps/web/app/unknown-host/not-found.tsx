import { unknownHost as unknownHostText } from "@/lib/i18n/pt-br/auth";
import { publicBaseUrl } from "@/lib/server/deps";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { unknownHost: unknownHostText };

/**
 * The 404 of a host that is no workspace (proxy.ts rewrites it here). The app's own not-found page
 * links to "/", which on this host is this page again: these links go to the root domain instead.
 */
export default function UnknownHostNotFound() {
  const root = publicBaseUrl();
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-6xl font-bold text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">{t.unknownHost.title}</h1>
      <p className="text-muted-foreground">{t.unknownHost.text}</p>
      <div className="flex flex-wrap justify-center gap-x-6 gap-y-2">
        <a href={`${root}/find-workspace`} className="text-sm font-medium text-brand-ink underline-offset-4 hover:underline">{t.unknownHost.find}</a>
        <a href={`${root}/`} className="text-sm font-medium text-brand-ink underline-offset-4 hover:underline">{t.unknownHost.home}</a>
      </div>
    </main>
  );
}
