import { ptBR, type Messages } from "./pt-br";

export type Locale = "pt-BR";

const catalogs: Record<Locale, Messages> = { "pt-BR": ptBR };

/**
 * The whole catalog of a locale (a new locale is one more catalog of this shape). Pages and
 * components import the areas they read from `./pt-br/<area>` (`const t = { inbox: inboxText }`):
 * one object referencing every area put all of them (~23 KB gzipped) in every route's bundle.
 */
export const messages = (locale: Locale = "pt-BR"): Messages => catalogs[locale];
