import { describe, expect, it } from "vitest";
import { frustrationSignal } from "./frustration";
import { words } from "./phrase";

const signal = (text: string) => frustrationSignal(text, words(text));

describe("frustrationSignal", () => {
  it("reads three or more exclamation marks, not one or two", () => {
    expect(signal("responde!!!")).toBe("!!!");
    expect(signal("5 mil!!")).toBeNull();
  });

  it("reads shouting from six letters with at least 80% capitals", () => {
    expect(signal("NÃO SEI")).toBe("MAIÚSCULAS");
    expect(signal("QUERO SABer")).toBe("MAIÚSCULAS");
    expect(signal("QUERO Saber")).toBeNull();
    expect(signal("SIM OK")).toBeNull();
    expect(signal("sim")).toBeNull();
  });

  it("reads angry emoji", () => {
    expect(signal("ok 😡")).toBe("😡");
    expect(signal("🙄")).toBe("🙄");
  });

  it("reads impatience and insults in the words, with the lead's words as evidence", () => {
    expect(signal("já respondi isso")).toBe("ja respondi");
    expect(signal("que saco")).toBe("que saco");
    expect(signal("uns 5 mil por mês")).toBeNull();
  });
});
