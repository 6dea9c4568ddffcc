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
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const endRow = () => {
    row.push(cell);
    cell = "";
    if (row.length > IMPORT_LIMITS.columns) throw new DomainError("BAD_REQUEST", `A linha ${rows.length + 1} tem ${row.length} colunas; o máximo é ${IMPORT_LIMITS.columns}.`, { field: "file", row: rows.length + 1 });
    if (row.length > 1 || row[0] !== "") rows.push(row);
    if (rows.length > IMPORT_LIMITS.rows + 1) throw new DomainError("BAD_REQUEST", `O arquivo tem mais de ${IMPORT_LIMITS.rows.toLocaleString("pt-BR")} linhas.`, { field: "file" });
    row = [];
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === "") quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = "";
      if (row.length > IMPORT_LIMITS.columns) throw new DomainError("BAD_REQUEST", `A linha ${rows.length + 1} tem mais de ${IMPORT_LIMITS.columns} colunas.`, { field: "file", row: rows.length + 1 });
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      endRow();
    } else cell += c;
  }
  if (cell !== "" || row.length) endRow();
  return rows;
}
