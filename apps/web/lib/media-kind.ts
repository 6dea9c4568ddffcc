import { mediaLabels } from "@/lib/i18n/pt-br/conversation-labels";

// File formats as people know them; the MIME subtype otherwise means nothing to an agent ("vnd.openxmlformats-…").
const formats: Record<string, string> = {
  jpeg: "JPEG", png: "PNG", webp: "WebP", gif: "GIF", heic: "HEIC",
  mp4: "MP4", "3gpp": "3GP", quicktime: "MOV", ogg: "OGG", aac: "AAC", amr: "AMR", opus: "OPUS",
  pdf: "PDF", plain: "TXT", csv: "CSV", zip: "ZIP",
  msword: "Word", "vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
  "vnd.ms-excel": "Excel", "vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
  "vnd.ms-powerpoint": "PowerPoint", "vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
};

/**
 * A file's MIME type in pt-BR words for the timeline: the kind (the shared media labels) and its
 * format when known ("image/jpeg" → "Imagem JPEG", "application/pdf" → "Documento PDF"). Given the
 * message's own type (`shownAs`, already its title), a kind that only repeats it is left out ("PDF"
 * under "Documento"; "Imagem JPEG" under a document stays). Null when nothing is left to say.
 */
export function mediaKindName(mime: string | null | undefined, shownAs?: string): string | null {
  const [type, subtype] = (mime ?? "").split(";")[0]!.trim().toLowerCase().split("/");
  if (!type || !subtype || (type === "application" && subtype === "octet-stream")) return null;
  const kind = type === "image" || type === "video" || type === "audio" ? type : "document";
  // audio/mpeg is an MP3; video/mpeg an MPEG film.
  const format = subtype === "mpeg" ? (type === "audio" ? "MP3" : "MPEG") : Object.hasOwn(formats, subtype) ? formats[subtype] : undefined;
  if (shownAs === kind) return format ?? null;
  return format ? `${mediaLabels[kind]} ${format}` : mediaLabels[kind];
}
