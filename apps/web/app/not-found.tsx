import { notFound as notFoundText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { notFound: notFoundText };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-6xl font-bold text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">{t.notFound.title}</h1>
      <p className="text-muted-foreground">{t.notFound.text}</p>
      {/* A plain link: this boundary ships with every route's first load, and next/link would add its
          3 KB gzipped to all of them (docs/architecture.md "Front-end budget"); a full load is fine here. */}
      <a href="/" className="text-sm font-medium text-brand-ink underline-offset-4 hover:underline">{t.notFound.home}</a>
    </main>
  );
}
