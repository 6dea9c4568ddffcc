"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import type { ImportMapping } from "@vendaflow/validators/crm";
import { Upload } from "lucide-react";
import { useState } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { leadImport as leadImportText } from "@/lib/i18n/pt-br/lead-import";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, leadImport: leadImportText };

/** What POST /api/crm/import answers: the draft import and its preview. */
export interface ImportPreview {
  id: string;
  encoding: string;
  separator: string;
  headers: string[];
  sample: string[][];
  totalRows: number;
  mapping: ImportMapping;
}

/** Step 1: the file goes as the raw body; the server decodes, checks the limits and suggests a mapping. */
export function UploadStep({ onUploaded }: { onUploaded: (p: ImportPreview) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const L = t.leadImport;

  async function send(e: React.FormEvent) {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(`/api/crm/import?name=${encodeURIComponent(file.name)}`, { method: "POST", body: file, headers: { "content-type": "text/csv" } });
      const body = (await res.json().catch(() => ({}))) as Partial<ImportPreview> & { message?: string };
      if (!res.ok) setError(body.message ?? L.uploadFailed);
      else onUploaded(body as ImportPreview);
    } catch {
      setError(t.common.loadError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={send} className="max-w-lg space-y-4" data-testid="import-upload">
      <FormField label={L.file} required error={error ?? undefined}>
        <Input type="file" accept=".csv,.txt,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
      </FormField>
      {error ? <Alert variant="destructive"><AlertDescription data-testid="import-error">{error}</AlertDescription></Alert> : null}
      <Button type="submit" disabled={!file} loading={busy}><Upload aria-hidden="true" />{L.upload}</Button>
    </form>
  );
}
