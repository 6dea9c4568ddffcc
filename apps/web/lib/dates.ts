// Dates as pt-BR readers expect them. Calendar days from the server arrive as "YYYY-MM-DD" (no time
// zone); timestamps as ISO instants, shown in São Paulo time.

/** A calendar day "2026-12-01" → "01/12/2026". */
export const brDay = (isoDay: string) => isoDay.split("-").reverse().join("/");

const MONTHS = ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"];

/** A month "2026-11" → "nov/2026" (a chart's axis, its table and CSV); anything else as given. */
export function brMonth(isoMonth: string) {
  const [year, month] = isoMonth.split("-");
  const name = MONTHS[Number(month) - 1];
  return name && /^\d{4}$/.test(year ?? "") ? `${name}/${year}` : isoMonth;
}

/** The day of an instant in São Paulo, "01/12/2026". */
export const brDayOf = (instant: string | Date) => new Date(instant).toLocaleDateString("pt-BR", { timeZone: "America/Sao_Paulo" });

/** An instant in São Paulo, "01/12/2026, 14:05:00". */
export const brDateTime = (instant: string | Date) => new Date(instant).toLocaleString("pt-BR", { timeZone: "America/Sao_Paulo" });

const shortDateTime = new Intl.DateTimeFormat("pt-BR", { timeZone: "America/Sao_Paulo", dateStyle: "short", timeStyle: "short" });

/** An instant in São Paulo without seconds, "01/12/2026, 14:05" (lists, timelines). */
export const brShortDateTime = (instant: string | Date) => shortDateTime.format(new Date(instant));

/** The time of an instant in São Paulo, "14:05". */
export const brTime = (instant: string | Date) => new Date(instant).toLocaleTimeString("pt-BR", { timeZone: "America/Sao_Paulo", hour: "2-digit", minute: "2-digit" });

const isoDayInSaoPaulo = new Intl.DateTimeFormat("en-CA", { timeZone: "America/Sao_Paulo", year: "numeric", month: "2-digit", day: "2-digit" });

/** The São Paulo calendar day of an instant as "2026-12-01" (what date inputs and day filters take). */
export const saoPauloDay = (at: Date) => isoDayInSaoPaulo.format(at);

/**
 * The instant a São Paulo calendar day "2026-12-01" begins (moved by `days`), whatever the browser's
 * zone: what day filters send the server, so a list shows the days the dashboard counts. Brazil has
 * had no daylight saving time since 2019 (lib/sao-paulo-week.ts): the day begins at 03:00 UTC.
 */
export function saoPauloDayStart(isoDay: string, days = 0): Date {
  const [y, m, d] = isoDay.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days, 3));
}

/**
 * What a datetime-local input holds ("2026-12-01T14:05"), read as São Paulo wall time: the instant
 * it names whatever the browser's zone (a salesperson in Manaus or on a UTC laptop types 14:05 and
 * the lists, which show Brasília time, say 14:05). No daylight saving time since 2019 (see above).
 */
export const saoPauloWallTime = (local: string) => new Date(`${local.slice(0, 16)}:00-03:00`);
