import { describe, expect, it } from "vitest";
import { kindForUpload, safeContentType, safeFilename } from "./media";

describe("media types", () => {
  it("serves allowed types as themselves, everything else as a download", () => {
    expect(safeContentType("image", "image/jpeg")).toBe("image/jpeg");
    expect(safeContentType("audio", "audio/ogg; codecs=opus")).toBe("audio/ogg");
    expect(safeContentType("image", "image/svg+xml")).toBe("application/octet-stream");
    expect(safeContentType("document", "text/html")).toBe("application/octet-stream");
    expect(safeContentType("sticker", "image/png")).toBe("application/octet-stream");
    expect(safeContentType("video", undefined)).toBe("application/octet-stream");
  });
  it("picks the kind an agent's upload goes as", () => {
    expect(kindForUpload("image/png")).toBe("image");
    expect(kindForUpload("application/pdf")).toBe("document");
    expect(kindForUpload("text/html")).toBeNull();
  });
  it("strips paths and control characters from file names", () => {
    expect(safeFilename("../../etc/passwd")).toBe("passwd");
    expect(safeFilename('C:\\x\\pro"posta\u0000.pdf')).toBe("proposta.pdf");
    expect(safeFilename("")).toBeNull();
  });
});
