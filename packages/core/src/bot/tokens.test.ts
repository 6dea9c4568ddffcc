import { describe, expect, it } from "vitest";
import { tokenKey, tokens } from "./tokens";

describe("tokens", () => {
  it("lets an emoji with no meaning separate words", () => {
    expect(tokens("sim🌵vamos")).toEqual(["sim", "vamos"]);
  });

  it("drops sign-offs that expand to nothing", () => {
    expect(tokens("obrigado bjs")).toEqual(["obrigado"]);
    expect(tokens("Valeu, abs!")).toEqual(["valeu"]);
  });

  it("joins the words with single spaces for phrase keys", () => {
    expect(tokenKey("Vc  tb, né?")).toBe("voce tambem ne");
  });
});
