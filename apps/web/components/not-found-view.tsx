import { textLink } from "@vendaflow/ui/text-link";

/**
 * A 404 page's body: what is missing and where to go. Plain links, not next/link: the app's
 * not-found boundary ships with every route's first load (docs/architecture.md "Front-end budget").
 */
export function NotFoundView({ title, text, links }: { title: string; text: string; links: { href: string; label: string }[] }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col items-center justify-center gap-3 p-6 text-center">
      <p className="text-6xl font-bold text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold">{title}</h1>
      <p className="text-muted-foreground">{text}</p>
      <div className="flex flex-wrap justify-center gap-x-6 gap-y-2">
        {links.map((l) => <a key={l.href} href={l.href} className={`${textLink} text-sm`}>{l.label}</a>)}
      </div>
    </main>
  );
}
