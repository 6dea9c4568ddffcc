/**
 * Business-day arithmetic for LGPD deadlines (incident notices: 3 business days, Res. ANPD 15/2024;
 * the data subject's complete answer: 15 days, art. 19 II, moved to the next business day when it
 * falls on a weekend or holiday). Pure: dates are calendar days (YYYY-MM-DD) in Brasília time;
 * Brazilian national holidays, fixed and Easter-based (Carnaval Monday and Tuesday, Sexta-feira
 * Santa, Corpus Christi).
 */

export type IsoDate = string; // YYYY-MM-DD

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (d: Date) => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
const parse = (s: IsoDate) => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new RangeError(`data inválida: ${s}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
};
const plusDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** Easter Sunday (Gregorian; anonymous algorithm of Meeus/Jones/Butcher). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const FIXED: Array<[string, string]> = [
  ["01-01", "Confraternização Universal"],
  ["04-21", "Tiradentes"],
  ["05-01", "Dia do Trabalho"],
  ["09-07", "Independência do Brasil"],
  ["10-12", "Nossa Senhora Aparecida"],
  ["11-02", "Finados"],
  ["11-15", "Proclamação da República"],
  ["12-25", "Natal"],
];

/** National holidays of a year (Consciência Negra, 20/11, is national from 2024, Lei 14.759/2023). */
export function nationalHolidays(year: number): Map<IsoDate, string> {
  const out = new Map<IsoDate, string>(FIXED.map(([md, name]) => [`${year}-${md}`, name]));
  if (year >= 2024) out.set(`${year}-11-20`, "Dia Nacional de Zumbi e da Consciência Negra");
  const easter = parse(easterSunday(year));
  out.set(iso(plusDays(easter, -48)), "Carnaval (segunda-feira)");
  out.set(iso(plusDays(easter, -47)), "Carnaval (terça-feira)");
  out.set(iso(plusDays(easter, -2)), "Sexta-feira Santa");
  out.set(iso(plusDays(easter, 60)), "Corpus Christi");
  return out;
}

/**
 * The national holidays from `today` (included) to the end of next year, in date order: what a
 * tenant adds to its business hours at once instead of typing each date.
 */
export function upcomingNationalHolidays(today: IsoDate): Array<{ date: IsoDate; name: string }> {
  const year = parse(today).getUTCFullYear();
  return [...nationalHolidays(year), ...nationalHolidays(year + 1)]
    .filter(([date]) => date >= today)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, name]) => ({ date, name }));
}

const cache = new Map<number, Map<IsoDate, string>>();
const holidaysOf = (year: number) => {
  let h = cache.get(year);
  if (!h) cache.set(year, (h = nationalHolidays(year)));
  return h;
};

/** The national holiday on a calendar day, by name, else null (from the per-year cache). */
export function nationalHolidayOn(date: IsoDate): string | null {
  return holidaysOf(parse(date).getUTCFullYear()).get(date) ?? null;
}

export function isBusinessDay(date: IsoDate): boolean {
  const d = parse(date);
  const dow = d.getUTCDay();
  return dow !== 0 && dow !== 6 && !holidaysOf(d.getUTCFullYear()).has(date);
}

/** The day `n` business days after `date` (the start day itself never counts). */
export function addBusinessDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n deve ser um inteiro não negativo");
  let d = parse(date);
  let left = n;
  while (left > 0) {
    d = plusDays(d, 1);
    if (isBusinessDay(iso(d))) left--;
  }
  return iso(d);
}

/** `n` calendar days after `date`, moved forward to the next business day when it is not one. */
export function addCalendarDaysToBusinessDay(date: IsoDate, n: number): IsoDate {
  let d = plusDays(parse(date), n);
  while (!isBusinessDay(iso(d))) d = plusDays(d, 1);
  return iso(d);
}

/** Business days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function businessDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -businessDaysBetween(to, from);
  let count = 0;
  for (let d = parse(from), end = parse(to); d < end; ) {
    d = plusDays(d, 1);
    if (isBusinessDay(iso(d))) count++;
  }
  return count;
}

/** The calendar day of an instant in Brasília time (UTC-3, no daylight saving since 2019). */
export function brasiliaDate(at: Date): IsoDate {
  return iso(new Date(at.getTime() - 3 * 3_600_000));
}

/** End of a Brasília calendar day as an instant (23:59:59.999 local). */
export function endOfBrasiliaDay(date: IsoDate): Date {
  return new Date(parse(date).getTime() + 86_400_000 - 1 + 3 * 3_600_000);
}
