import { matchKey } from "./normalize";

const MONTHS = ["janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];

const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

function valid(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * "hoje", "amanhã", "15/03", "15/03/2026", "15-03-26", "2026-03-15", "15 de março [de 2026]" → "YYYY-MM-DD".
 * `now` is read in the lead's offset; a day/month without year that already passed means next year.
 */
export function parseDate(text: string, now: Date, utcOffsetMinutes: number): string | null {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  const today = { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
  const shift = (days: number) => {
    const t = new Date(Date.UTC(today.y, today.m - 1, today.d + days));
    return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  };

  const raw = text.trim();
  const key = matchKey(raw);
  if (key === "hoje") return shift(0);
  if (key === "amanha") return shift(1);
  if (key === "depois de amanha") return shift(2);

  let y: number | undefined;
  let m: number | undefined;
  let d: number | undefined;
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(raw);
  const numeric = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(raw);
  const spoken = new RegExp(`^(\\d{1,2}) de (${MONTHS.join("|")})(?: de (\\d{4}))?$`).exec(key);
  if (isoMatch) [y, m, d] = [Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3])];
  else if (numeric) {
    [d, m] = [Number(numeric[1]), Number(numeric[2])];
    if (numeric[3]) y = numeric[3].length === 2 ? 2000 + Number(numeric[3]) : Number(numeric[3]);
  } else if (spoken?.[2]) {
    [d, m] = [Number(spoken[1]), MONTHS.indexOf(spoken[2]) + 1];
    if (spoken[3]) y = Number(spoken[3]);
  } else return null;

  if (y === undefined) {
    const passed = m < today.m || (m === today.m && d < today.d);
    y = passed ? today.y + 1 : today.y;
  }
  return valid(y, m, d) ? iso(y, m, d) : null;
}
