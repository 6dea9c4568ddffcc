import { NotFoundView } from "@/components/not-found-view";
import { notFound as notFoundText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { notFound: notFoundText };

// The tab says what happened, as every page's title does (the root layout adds "· Vendaflow").
export const metadata = { title: t.notFound.title };

export default function NotFound() {
  return <NotFoundView title={t.notFound.title} text={t.notFound.text} links={[{ href: "/", label: t.notFound.home }]} />;
}
