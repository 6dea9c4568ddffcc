// São Paulo calendar months for the WhatsApp costs page (the report's months, core/whatsapp/month.ts).

const TZ = "America/Sao_Paulo";

/** The São Paulo month ("AAAA-MM") an instant falls in. */
export function saoPauloMonth(at: Date): string {
  const parts = new Intl.DateTimeFormat("en-CA", { timeZone: TZ, year: "numeric", month: "2-digit" }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}`;
}

/** `count` months ending with `last`, newest first. */
export function monthsBack(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) - i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
  });
}

/** "dezembro de 2026", capitalised: "Dezembro de 2026". */
export function monthName(month: string): string {
  const label = new Date(`${month}-15T12:00:00Z`).toLocaleDateString("pt-BR", { month: "long", year: "numeric", timeZone: "UTC" });
  return label.charAt(0).toUpperCase() + label.slice(1);
}
