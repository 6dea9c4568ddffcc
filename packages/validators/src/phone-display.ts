// Phone numbers are stored as the channel gives them (E.164 digits); people read Brazilian ones grouped.

const BRAZILIAN = /^55(\d{2})(\d{4,5})(\d{4})$/;

/** 5511988887777 → +55 11 98888-7777 (Brazilian numbers); anything else is shown as stored. */
export function formatPhone(phone: string) {
  const m = BRAZILIAN.exec(phone.replace(/\D/g, ""));
  return m ? `+55 ${m[1]} ${m[2]}-${m[3]}` : phone;
}

/**
 * 5511988887777 → (11) 98888-7777, as a number is written in Brazil, else null. A spreadsheet's
 * cell takes this one: a leading "+" would be run as a formula, and its guard shows an apostrophe.
 */
export function nationalPhone(phone: string): string | null {
  const m = BRAZILIAN.exec(phone.replace(/\D/g, ""));
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : null;
}
