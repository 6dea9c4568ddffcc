import { describe, expect, it } from "vitest";
import { csvLine, neutralise } from "./csv";

describe("csv cells", () => {
  it("neutralises text a spreadsheet would run as a formula", () => {
    expect(neutralise("=HYPERLINK(\"http://x\")")).toBe("'=HYPERLINK(\"http://x\")");
    expect(neutralise("+5511987654321")).toBe("'+5511987654321");
    expect(neutralise("-1+2")).toBe("'-1+2");
    expect(neutralise("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutralise("\t=1")).toBe("'\t=1");
    expect(neutralise("Padaria Sol")).toBe("Padaria Sol");
    expect(neutralise(-12.5)).toBe(-12.5);
    expect(neutralise(null)).toBeNull();
  });
  it("writes CSV lines Excel in Brazil opens: ; separated, decimal comma, quoted when needed", () => {
    expect(csvLine(["Ana", 1234.5, null, true])).toBe("Ana;1234,5;;true\r\n");
    expect(csvLine(['Diz "oi"; tchau', "linha\nnova"])).toBe('"Diz ""oi""; tchau";"linha\nnova"\r\n');
    expect(csvLine(["a,b", 1.5], ",")).toBe('"a,b",1.5\r\n');
  });
});
