import { z } from "zod";
import { MEDIA_KINDS, MEDIA_TYPES } from "./plain/media";
export { MEDIA_KINDS, MEDIA_TYPES } from "./plain/media";

export type MediaKind = (typeof MEDIA_KINDS)[number];

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
