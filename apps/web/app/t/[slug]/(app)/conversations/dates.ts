const rtf = new Intl.RelativeTimeFormat("pt-BR", { numeric: "auto" });
const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [["second", 60], ["minute", 60], ["hour", 24], ["day", 7], ["week", 4.35], ["month", 12], ["year", Infinity]];

/** "há 5 minutos", "ontem"… */
export function relativeTime(date: Date, now = Date.now()) {
  let v = (date.getTime() - now) / 1000;
  if (Math.abs(v) < 45) return "agora";
  for (const [unit, size] of STEPS) {
    if (Math.abs(v) < size) return rtf.format(Math.round(v), unit);
    v /= size;
  }
  return rtf.format(Math.round(v), "year");
}

// In São Paulo time, as every other page shows instants (lib/dates.ts), whatever the browser's zone.
export { brShortDateTime as fullDateTime, brTime as timeOnly } from "@/lib/dates";
