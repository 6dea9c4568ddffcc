import { describe, expect, it } from "vitest";
import { mediaKindName } from "./media-kind";

describe("mediaKindName", () => {
  it("names the kind and the format in pt-BR, never the raw MIME type", () => {
    expect(mediaKindName("image/jpeg")).toBe("Imagem JPEG");
    expect(mediaKindName("application/pdf")).toBe("Documento PDF");
    expect(mediaKindName("audio/ogg; codecs=opus")).toBe("Áudio OGG");
    expect(mediaKindName("audio/mpeg")).toBe("Áudio MP3");
    expect(mediaKindName("video/mp4")).toBe("Vídeo MP4");
    expect(mediaKindName("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toBe("Documento Excel");
  });

  it("an unknown format keeps only its kind; a type that says nothing gives nothing", () => {
    expect(mediaKindName("image/x-unknown")).toBe("Imagem");
    expect(mediaKindName("application/x-whatever")).toBe("Documento");
    expect(mediaKindName("application/octet-stream")).toBeNull();
    expect(mediaKindName("")).toBeNull();
    expect(mediaKindName(null)).toBeNull();
    expect(mediaKindName("garbage")).toBeNull();
  });

  it("under a title that already names the kind, only the format; another kind stays named", () => {
    expect(mediaKindName("application/pdf", "document")).toBe("PDF");
    expect(mediaKindName("image/jpeg", "image")).toBe("JPEG");
    expect(mediaKindName("audio/ogg; codecs=opus", "audio")).toBe("OGG");
    expect(mediaKindName("image/x-unknown", "image")).toBeNull();
    expect(mediaKindName("image/jpeg", "document")).toBe("Imagem JPEG");
    expect(mediaKindName("image/webp", "sticker")).toBe("Imagem WebP");
  });
});
