import { describe, expect, it } from "vitest";
import { ptBR } from "./index";

/** Every plain string of the catalog, with where it is (`billing.planEditor.hint`). */
function strings(node: unknown, at: string, out: [string, string][] = []): [string, string][] {
  if (typeof node === "string") out.push([at, node]);
  else if (node && typeof node === "object") for (const [k, v] of Object.entries(node)) strings(v, at ? `${at}.${k}` : k, out);
  return out;
}

describe("the pt-BR catalog", () => {
  it("is text shown as is: no Markdown backticks (a command or a code goes in its own key, drawn as code)", () => {
    expect(strings(ptBR, "").filter(([, s]) => s.includes("`"))).toEqual([]);
  });
});
