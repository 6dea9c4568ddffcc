// media.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// media.ts re-exports them; the schemas there are built from them.

export const MEDIA_KINDS = ["image", "audio", "video", "document", "sticker"] as const;
type MediaKind = (typeof MEDIA_KINDS)[number];

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
