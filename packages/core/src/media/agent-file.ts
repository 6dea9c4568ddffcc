import { createHash, randomUUID } from "node:crypto";
import { kindForUpload, MEDIA_MAX_BYTES, safeContentType, safeFilename, type MediaKind } from "@vendaflow/validators/media";
import type { AppDeps } from "../deps";
import { DomainError } from "../errors";
import { mediaKey } from "./inbound-media";

/** A file an agent uploads, as the route received it. */
export interface AgentUpload {
  body: Uint8Array;
  type: string;
  name: string;
  caption?: string;
}

/** The file checked and already in storage, ready to become a message (conversations/agent-actions reply). */
export interface StoredAgentFile {
  mediaId: string;
  key: string;
  kind: MediaKind;
  contentType: string;
  declaredType: string;
  filename: string;
  size: number;
  sha256: string;
  caption: string | null;
}

const kindLabel: Record<MediaKind, string> = { image: "imagens", audio: "áudios", video: "vídeos", document: "documentos", sticker: "figurinhas" };

/**
 * Checks an agent's file (allowed type, not empty, under its kind's limit) and stores it, before
 * the transaction that records the message: bytes nobody points at are removed with
 * discardAgentFile when that transaction fails.
 */
export async function storeAgentFile(deps: Pick<AppDeps, "storage">, tenantId: string, f: AgentUpload): Promise<StoredAgentFile> {
  const kind = kindForUpload(f.type);
  if (!kind) throw new DomainError("BAD_REQUEST", "Tipo de arquivo não suportado: envie imagem (JPEG, PNG, WebP), áudio, vídeo MP4 ou documento (PDF, Office, texto).", { field: "file" });
  if (f.body.byteLength === 0) throw new DomainError("BAD_REQUEST", "O arquivo está vazio.", { field: "file" });
  const max = MEDIA_MAX_BYTES[kind];
  if (f.body.byteLength > max) throw new DomainError("BAD_REQUEST", `Arquivo grande demais: o limite para ${kindLabel[kind]} é ${Math.round(max / 1024 / 1024)} MB.`, { field: "file" });
  const mediaId = randomUUID();
  const key = mediaKey(tenantId, mediaId);
  const contentType = safeContentType(kind, f.type);
  await deps.storage.put(key, f.body, contentType);
  return {
    mediaId,
    key,
    kind,
    contentType,
    declaredType: f.type.slice(0, 255),
    filename: safeFilename(f.name) ?? `arquivo-${kind}`,
    size: f.body.byteLength,
    sha256: createHash("sha256").update(f.body).digest("hex"),
    caption: f.caption?.trim() || null,
  };
}

export async function discardAgentFile(deps: Pick<AppDeps, "storage">, file: StoredAgentFile) {
  await deps.storage.delete(file.key).catch(() => {});
}
