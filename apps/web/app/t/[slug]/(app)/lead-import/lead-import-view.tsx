"use client";
import { PageHeader } from "@vendaflow/ui/page-header";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { leadImport as leadImportText } from "@/lib/i18n/pt-br/lead-import";
import { MappingStep } from "./mapping-step";
import { ProgressStep } from "./progress-step";
import { UploadStep, type ImportPreview } from "./upload-step";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { leadImport: leadImportText };

/** Upload → mapping and preview → progress. The started import's id goes in the URL, so a reload or a later visit shows its progress. */
export function LeadImportView({ resumeId }: { resumeId: string | null }) {
  const router = useRouter();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const reset = () => {
    setPreview(null);
    router.replace("/lead-import");
  };
  return (
    <div className="space-y-6">
      <PageHeader title={t.leadImport.title} description={t.leadImport.description} />
      {resumeId ? <ProgressStep id={resumeId} onAnother={reset} /> : preview ? <MappingStep preview={preview} onCancel={reset} onStarted={(id) => router.replace(`/lead-import?id=${id}`)} /> : <UploadStep onUploaded={setPreview} />}
    </div>
  );
}
