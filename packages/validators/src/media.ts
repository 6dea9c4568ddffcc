import { z } from "zod";

export const MEDIA_KINDS = ["image", "audio", "video", "document", "sticker"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/**
 * Types we keep and serve as themselves, per kind: WhatsApp's supported media types. Anything
 * else a lead sends is kept and served as application/octet-stream, as a download — never as
 * HTML, SVG or script a browser would run.
 */
export const MEDIA_TYPES: Record<MediaKind, readonly string[]> = {
  image: ["image/jpeg", "image/png", "image/webp"],
  sticker: ["image/webp"],
  audio: ["audio/ogg", "audio/mpeg", "audio/mp4", "audio/aac", "audio/amr"],
  video: ["video/mp4", "video/3gpp"],
  document: [
    "application/pdf",
    "text/plain",
    "text/csv",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
  ],
};

/** Largest file kept per kind: Meta's own limits, documents held to 32 MB. */
export const MEDIA_MAX_BYTES: Record<MediaKind, number> = {
  image: 5 * 1024 * 1024,
  sticker: 500 * 1024,
  audio: 16 * 1024 * 1024,
  video: 16 * 1024 * 1024,
  document: 32 * 1024 * 1024,
};

/** "image/jpeg; charset=x" → "image/jpeg" when allowed for the kind, else application/octet-stream. */
export function safeContentType(kind: MediaKind, declared: string | null | undefined): string {
  const base = (declared ?? "").split(";")[0]!.trim().toLowerCase();
  return MEDIA_TYPES[kind].includes(base) ? base : "application/octet-stream";
}

/** The kind an agent's file goes as, from its type (documents for everything else allowed). */
export function kindForUpload(type: string): MediaKind | null {
  const base = type.split(";")[0]!.trim().toLowerCase();
  for (const kind of ["image", "audio", "video", "document"] as const) if (MEDIA_TYPES[kind].includes(base)) return kind;
  return null;
}

/** A file name safe to show and to put in Content-Disposition: no path, no control characters. */
export function safeFilename(name: string | null | undefined): string | null {
  if (!name) return null;
  const base = Array.from(name.split(/[\\/]/).pop()!)
    .filter((ch) => ch.charCodeAt(0) > 0x1f && ch !== "\u007f" && ch !== '"')
    .join("")
    .trim()
    .slice(0, 200);
  return base || null;
}

export const sendMediaInput = z.object({
  conversationId: z.uuid("Conversa inválida."),
  caption: z.string().trim().max(1024, "Legenda longa demais (máximo 1.024 caracteres).").optional(),
});
