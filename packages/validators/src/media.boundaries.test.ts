import { describe, expect, it } from "vitest";
import { kindForUpload, safeContentType, safeFilename } from "./media";

describe("content types as declared by people and browsers", () => {
  it("reads the type case-insensitively, around spaces and parameters", () => {
    expect(safeContentType("image", " IMAGE/JPEG ; charset=x")).toBe("image/jpeg");
    expect(safeContentType("image", null)).toBe("application/octet-stream");
    expect(safeContentType("image", undefined)).toBe("application/octet-stream");
    expect(kindForUpload(" Image/PNG; q=1")).toBe("image");
    expect(kindForUpload("AUDIO/OGG")).toBe("audio");
  });
});

describe("safeFilename", () => {
  it("nothing to show is null", () => {
    expect(safeFilename(null)).toBeNull();
    expect(safeFilename(undefined)).toBeNull();
    expect(safeFilename("")).toBeNull();
    expect(safeFilename("  \u0001 ")).toBeNull();
  });
  it("drops control characters (up to 0x1f and DEL) and quotes, keeps a space and the rest", () => {
    expect(safeFilename("a\u001fb\u007fc\"d e.pdf")).toBe("abcd e.pdf");
    expect(safeFilename("\u0020x")).toBe("x");
    expect(safeFilename("dir/ proposta.pdf ")).toBe("proposta.pdf");
  });
  it("keeps at most 200 characters", () => {
    expect(safeFilename(`${"a".repeat(196)}.pdf`)).toHaveLength(200);
    expect(safeFilename(`${"a".repeat(197)}.pdf`)).toBe("a".repeat(197) + ".pd");
  });
});
