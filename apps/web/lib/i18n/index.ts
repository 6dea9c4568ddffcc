import { ptBR, type Messages } from "./pt-br";

export type Locale = "pt-BR";

const catalogs: Record<Locale, Messages> = { "pt-BR": ptBR };

/** The UI reads every string through here, so a new locale is one more catalog of the same shape. */
export const messages = (locale: Locale = "pt-BR"): Messages => catalogs[locale];
export const t = messages();
