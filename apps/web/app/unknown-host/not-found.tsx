import { NotFoundView } from "@/components/not-found-view";
import { unknownHost as unknownHostText } from "@/lib/i18n/pt-br/auth";
import { publicBaseUrl } from "@/lib/server/deps";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { unknownHost: unknownHostText };

export const metadata = { title: t.unknownHost.title };

/**
 * The 404 of a host that is no workspace (proxy.ts rewrites it here). The app's own not-found page
 * links to "/", which on this host is this page again: these links go to the root domain instead.
 */
export default function UnknownHostNotFound() {
  const root = publicBaseUrl();
  return (
    <NotFoundView
      title={t.unknownHost.title}
      text={t.unknownHost.text}
      links={[{ href: `${root}/find-workspace`, label: t.unknownHost.find }, { href: `${root}/`, label: t.unknownHost.home }]}
    />
  );
}
