import { describe, expect, it } from "vitest";
import { decodeCsv, detectSeparator, IMPORT_LIMITS, parseCsv, parseCsvFrom } from "./csv";
import { suggestMapping } from "./mapping";

const cp1252 = (s: string) => Uint8Array.from([...s].map((c) => ({ ã: 0xe3, ç: 0xe7, é: 0xe9, Á: 0xc1 })[c] ?? c.charCodeAt(0)));

describe("decodeCsv", () => {
  it("reads UTF-8 (dropping the BOM) and falls back to Windows-1252, what Excel in Brazil saves", () => {
    expect(decodeCsv(new TextEncoder().encode("\ufeffnome;cidade\nJoão;São Paulo"))).toEqual({ text: "nome;cidade\nJoão;São Paulo", encoding: "utf-8" });
    expect(decodeCsv(cp1252("nome;cidade\nConceição;Álvares"))).toEqual({ text: "nome;cidade\nConceição;Álvares", encoding: "windows-1252" });
  });
  it("refuses binary files and files over the size limit, naming the file", () => {
    expect(() => decodeCsv(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(/bytes nulos/);
    expect(() => decodeCsv(new Uint8Array(IMPORT_LIMITS.bytes + 1))).toThrow(/mais de 10 MB/);
  });
});

describe("parseCsv", () => {
  it("detects ; , and tab separators from the header", () => {
    expect(detectSeparator("nome;email;telefone\n")).toBe(";");
    expect(detectSeparator('name,"a;b",email\n')).toBe(",");
    expect(detectSeparator("nome\temail\n")).toBe("\t");
  });
  it("reads quoted cells, doubled quotes, line breaks inside quotes, CRLF, and skips blank lines", () => {
    expect(parseCsv('nome;obs\r\n"Silva; Ana";"disse ""oi""\nontem"\r\n\r\nJosé;\n', ";")).toEqual([
      ["nome", "obs"],
      ["Silva; Ana", 'disse "oi"\nontem'],
      ["José", ""],
    ]);
  });
  it("refuses a row with too many columns, naming the row", () => {
    const wide = `${Array.from({ length: 500 }, (_, i) => `c${i}`).join(";")}\n`;
    expect(() => parseCsv(`nome\n${wide}`, ";")).toThrow(/A linha 2 tem mais de 100 colunas/);
  });
});

describe("parseCsvFrom", () => {
  it("reads a file a few rows at a time from where the last read stopped, exactly as in one go", () => {
    const text = 'nome;obs\r\n"Silva; Ana";"disse ""oi""\r\nontem"\r\n\r\nJosé;\nMaria;"x"\r\n\nÚltimo;fim';
    const whole = parseCsv(text, ";");
    for (const size of [1, 2, 3]) {
      const got: string[][] = [];
      let at = 0;
      for (;;) {
        const { rows, next } = parseCsvFrom(text, ";", at, size);
        got.push(...rows);
        if (rows.length < size || next >= text.length) break;
        expect(next).toBeGreaterThan(at);
        at = next;
      }
      expect(got).toEqual(whole);
    }
    expect(whole).toHaveLength(5);
  });
  it("numbers a too-wide row from the row it started at", () => {
    const wide = Array.from({ length: 120 }, (_, i) => `c${i}`).join(";");
    const text = `nome\nAna\n${wide}\n`;
    const { next } = parseCsvFrom(text, ";", 0, 2);
    expect(() => parseCsvFrom(text, ";", next, 5, 3)).toThrow(/A linha 3 tem mais de 100 colunas/);
  });
});

describe("suggestMapping", () => {
  it("maps pt-BR and English headers, accents and case ignored", () => {
    expect(suggestMapping(["Nome", "E-mail", "Celular", "Empresa", "Observação"])).toEqual({ name: 0, email: 1, phone: 2, company: 3 });
    expect(suggestMapping(["Full Name", "EMAIL", "WhatsApp", "Company", "Tags", "Source"])).toEqual({ name: 0, email: 1, phone: 2, company: 3, tags: 4, source_detail: 5 });
  });
});
