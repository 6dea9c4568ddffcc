import { describe, expect, it } from "vitest";
import { formatPhone, nationalPhone } from "./phone-display";

describe("formatPhone", () => {
  it("groups Brazilian mobile and landline numbers", () => {
    expect(formatPhone("+5531966665555")).toBe("+55 31 96666-5555");
    expect(formatPhone("5511988887777")).toBe("+55 11 98888-7777");
    expect(formatPhone("+551133334444")).toBe("+55 11 3333-4444");
  });

  it("leaves anything else as stored", () => {
    expect(formatPhone("+14155552671")).toBe("+14155552671");
    expect(formatPhone("ramal 12")).toBe("ramal 12");
  });
});

describe("nationalPhone", () => {
  it("writes Brazilian numbers with the area code in brackets", () => {
    expect(nationalPhone("5511988887777")).toBe("(11) 98888-7777");
    expect(nationalPhone("+551133334444")).toBe("(11) 3333-4444");
  });

  it("has no national form for other numbers", () => {
    expect(nationalPhone("+14155552671")).toBeNull();
    expect(nationalPhone("")).toBeNull();
  });
});
