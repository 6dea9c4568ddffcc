// BRL money is stored as integer cents; the UI shows it with Intl and reads what people type.

const brlFormat = new Intl.NumberFormat("pt-BR", { style: "currency", currency: "BRL" });

/** 123456 → "R$ 1.234,56". */
export const brl = (cents: number) => brlFormat.format(cents / 100);

/**
 * What people type into a money field, in cents: "1.234,56", "R$ 1234,5", "1234", "1.500".
 * A comma is the decimal separator; dots group thousands. Null when it is not an amount.
 */
export function parseBrl(text: string): number | null {
  const s = text.replace(/R\$|\s|\u00a0/g, "");
  if (!s) return null;
  if (!/^\d{1,3}(\.\d{3})*(,\d{1,2})?$|^\d+(,\d{1,2})?$/.test(s)) return null;
  const [int, dec = ""] = s.replace(/\./g, "").split(",");
  return Number(int) * 100 + Number(dec.padEnd(2, "0"));
}

/** Cents → what the money input shows for editing: 123456 → "1.234,56". */
export const centsToInput = (cents: number) => brlFormat.format(cents / 100).replace(/^R\$\s?/, "").trim();
