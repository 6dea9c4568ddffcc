"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { useToast } from "@vendaflow/ui/toast";
import { Copy, Download } from "lucide-react";
import { useEffect, useRef } from "react";
import { twoFactor as twoFactorText } from "@/lib/i18n/pt-br/two-factor";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { f: twoFactorText };

/**
 * The recovery codes, shown once (only their hashes are stored): copy, download as .txt, and a
 * button to close once they are kept. The heading takes the focus so a screen reader starts here.
 */
export function RecoveryCodesPanel({ codes, workspace, email, onDone }: { codes: string[]; workspace: string; email: string; onDone: () => void }) {
  const toast = useToast();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const text = `${t.f.fileHeader(workspace, email)}\n${codes.join("\n")}\n`;
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      toast.success(t.f.copied);
    } catch {
      toast.error(t.f.copyFailed);
    }
  };
  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: t.f.fileName });
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <div className="space-y-4" data-testid="recovery-codes">
      <h3 ref={heading} tabIndex={-1} className="font-medium outline-none">{t.f.codesTitle}</h3>
      <Alert><AlertDescription>{t.f.codesText}</AlertDescription></Alert>
      <ul className="grid max-w-md grid-cols-2 gap-2 font-mono text-sm">
        {codes.map((c) => <li key={c} data-testid="recovery-code" className="rounded border px-2 py-1 text-center">{c}</li>)}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button type="button" variant="outline" onClick={copy}><Copy aria-hidden="true" />{t.f.copy}</Button>
        <Button type="button" variant="outline" onClick={download}><Download aria-hidden="true" />{t.f.download}</Button>
        <Button type="button" onClick={onDone}>{t.f.done}</Button>
      </div>
    </div>
  );
}
