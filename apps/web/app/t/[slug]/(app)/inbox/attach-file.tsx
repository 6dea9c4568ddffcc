"use client";
import { Button } from "@vendaflow/ui/button";
import { useToast } from "@vendaflow/ui/toast";
import { MEDIA_TYPES } from "@vendaflow/validators/plain/media";
import { Paperclip } from "lucide-react";
import { useRef, useState } from "react";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { whatsapp: whatsappText };

const w = t.whatsapp.media;
const ACCEPT = [...new Set([...MEDIA_TYPES.image, ...MEDIA_TYPES.audio, ...MEDIA_TYPES.video, ...MEDIA_TYPES.document])].join(",");

/** Sends a file in a WhatsApp conversation through /api/agent/media (multipart); the caption is the composer's text. */
export function AttachFile({ conversationId, caption, disabled, onSent }: { conversationId: string; caption: string; disabled: boolean; onSent: () => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const toast = useToast();
  async function send(file: File) {
    setBusy(true);
    try {
      const form = new FormData();
      form.set("conversationId", conversationId);
      if (caption.trim()) form.set("caption", caption.trim());
      form.set("file", file);
      const res = await fetch("/api/agent/media", { method: "POST", body: form });
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      if (!res.ok) throw new Error(body.message ?? w.uploadFailed);
      toast.success(w.sent);
      onSent();
    } catch (err) {
      toast.error(err instanceof Error ? err.message : w.uploadFailed);
    } finally {
      setBusy(false);
      if (input.current) input.current.value = "";
    }
  }
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        className="hidden"
        data-testid="inbox-attach-input"
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void send(f);
        }}
      />
      <Button type="button" variant="outline" size="icon" disabled={disabled} loading={busy} aria-label={w.attach} title={w.attachHint} onClick={() => input.current?.click()} data-testid="inbox-attach">
        <Paperclip aria-hidden="true" />
      </Button>
    </>
  );
}
