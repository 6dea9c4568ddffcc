import { DomainError } from "../../errors";

/** Limits of an uploaded CSV: what a person's spreadsheet holds, refused above with a named error. */
export const IMPORT_LIMITS = { bytes: 10 * 1024 * 1024, columns: 100, rows: 100_000, cell: 2_000 } as const;

/**
 * The file's text: UTF-8 when its bytes are valid UTF-8 (BOM dropped), else Windows-1252 — what
 * Excel in Brazil saves as "CSV". NUL bytes (binary files) are refused.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: "utf-8" | "windows-1252" } {
  if (bytes.byteLength > IMPORT_LIMITS.bytes) throw new DomainError("BAD_REQUEST", `O arquivo tem mais de ${IMPORT_LIMITS.bytes / 1024 / 1024} MB.`, { field: "file" });
  if (bytes.includes(0)) throw new DomainError("BAD_REQUEST", "O arquivo não é um CSV de texto (contém bytes nulos).", { field: "file" });
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return { text: text.replace(/^\ufeff/, ""), encoding: "utf-8" };
  } catch {
    return { text: new TextDecoder("windows-1252").decode(bytes), encoding: "windows-1252" };
  }
}

/** The separator of the header line: the most frequent of ; , and tab outside quotes (Excel pt-BR writes ;). */
export function detectSeparator(text: string): ";" | "," | "\t" {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const unquoted = firstLine.replace(/"[^"]*"/g, "");
  const counts = ([";", ",", "\t"] as const).map((s) => [s, unquoted.split(s).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ";";
}

/**
 * RFC 4180 rows (quoted cells, doubled quotes, line breaks inside quotes, CRLF or LF). Blank lines
 * are skipped. A row wider than the column limit is refused naming the row (1 = the header).
 */
export function parseCsv(text: string, sep: string): string[][] {
  return parseCsvFrom(text, sep, 0, IMPORT_LIMITS.rows + 2).rows;
}

/**
 * Up to maxRows rows starting at `start` (a position where a row begins), and the position after
 * the last one read: the import job reads its file a chunk at a time from where the last chunk
 * stopped. `firstRow` numbers the rows in errors (1 = the header). More than maxRows rows from
 * position 0 is the file's row limit.
 */
export function parseCsvFrom(text: string, sep: string, start: number, maxRows: number, firstRow = 1): { rows: string[][]; next: number } {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const tooWide = () => new DomainError("BAD_REQUEST", `A linha ${firstRow + rows.length} tem mais de ${IMPORT_LIMITS.columns} colunas.`, { field: "file", row: firstRow + rows.length });
  const endRow = () => {
    row.push(cell);
    cell = "";
    if (row.length > IMPORT_LIMITS.columns) throw tooWide();
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
  };
  let i = start;
  for (; i < text.length && rows.length < maxRows; i++) {
    const c = text.charCodeAt(i);
    if (quoted) {
      if (c === 34) {
        if (text.charCodeAt(i + 1) === 34) {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        // Copy the run up to the next quote at once.
        const q = text.indexOf('"', i);
        const end = q < 0 ? text.length : q;
        cell += text.slice(i, end);
        i = end - 1;
      }
    } else if (c === 34 && cell === "") quoted = true;
    else if (text[i] === sep) {
      row.push(cell);
      cell = "";
      if (row.length > IMPORT_LIMITS.columns) throw tooWide();
    } else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      endRow();
    } else cell += text[i];
  }
  if (i >= text.length && (cell !== "" || row.length) && rows.length < maxRows) endRow();
  if (start === 0 && rows.length > IMPORT_LIMITS.rows + 1) throw new DomainError("BAD_REQUEST", `O arquivo tem mais de ${IMPORT_LIMITS.rows.toLocaleString("pt-BR")} linhas.`, { field: "file" });
  return { rows, next: i };
}
