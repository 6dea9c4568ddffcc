// CSV as spreadsheets in Brazil open it: `;` between cells (Excel with pt-BR settings reads the
// comma as the decimal mark), decimal comma in numbers, RFC 4180 quoting, CRLF; cells that would run
// as a formula neutralised. Pure (no imports): the CRM and LGPD exports and the dashboard use it.

export type Cell = string | number | boolean | null;

/**
 * Spreadsheets run a cell that starts with = + - @ (or a tab / carriage return that hides one) as
 * a formula: such text is prefixed with an apostrophe, which shows it as typed. Numbers stay numbers.
 */
export function neutralise(v: Cell): Cell {
  return typeof v === "string" && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** One CSV line (RFC 4180 quoting) with the separator Excel in Brazil expects by default (;). */
export function csvLine(cells: Cell[], sep = ";"): string {
  return (
    cells
      .map((c) => {
        if (c === null) return "";
        const s = typeof c === "number" ? String(c).replace(".", sep === ";" ? "," : ".") : String(c);
        return /["\r\n]/.test(s) || s.includes(sep) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(sep) + "\r\n"
  );
}
