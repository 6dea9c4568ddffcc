/**
 * A link in running text or under a message: the brand's ink (readable on the light background,
 * styles.css), underlined on hover. For a plain `<a>` or next/link, e.g.
 *   <a href="/" className={cn(textLink, "text-sm")}>…</a>
 * Button's `link` variant is the same look on a button.
 */
export const textLink = "font-medium text-brand-ink underline-offset-4 hover:underline";
