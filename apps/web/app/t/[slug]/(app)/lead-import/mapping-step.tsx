"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Select } from "@vendaflow/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { importFields } from "@vendaflow/validators/plain/crm";
import type { ImportField, ImportMapping } from "@vendaflow/validators/crm";
import { useState } from "react";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { leadImport as leadImportText } from "@/lib/i18n/pt-br/lead-import";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import { useTRPC } from "@/lib/trpc/client";
import type { ImportPreview } from "./upload-step";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crm: crmText, leadImport: leadImportText };

/** Step 2: one select per lead field (suggested from the headers), a preview of the first rows through it, then start. */
export function MappingStep({ preview, onStarted, onCancel }: { preview: ImportPreview; onStarted: (id: string) => void; onCancel: () => void }) {
  const trpc = useTRPC();
  const [mapping, setMapping] = useState<ImportMapping>(preview.mapping);
  const start = useMutation(trpc.crm.imports.start.mutationOptions({ onSuccess: (r) => onStarted(r.id) }));
  const errors = start.error ? fieldErrors(start.error) : {};
  const mapped = importFields.filter((f) => mapping[f] !== undefined);
  const L = t.leadImport;
  const set = (field: ImportField, value: string) => setMapping((m) => {
    const next = { ...m };
    if (value === "") delete next[field];
    else next[field] = Number(value);
    return next;
  });

  return (
    <div className="space-y-6" data-testid="import-mapping">
      <p className="text-sm text-muted-foreground" data-testid="import-detected">{L.detected(preview.totalRows, preview.encoding, preview.separator)}</p>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{L.mappingTitle}</h2>
        <p className="text-sm text-muted-foreground">{L.mappingHint}</p>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {importFields.map((f) => (
            <FormField key={f} label={L.fields[f]} error={errors[`mapping.${f}`]}>
              <Select value={mapping[f] === undefined ? "" : String(mapping[f])} onChange={(e) => set(f, e.target.value)}>
                <option value="">{L.skip}</option>
                {preview.headers.map((h, i) => <option key={i} value={i}>{h || `#${i + 1}`}</option>)}
              </Select>
            </FormField>
          ))}
        </div>
      </section>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{L.previewTitle}</h2>
        <Table data-testid="import-preview">
          <TableHeader>
            <TableRow>{mapped.map((f) => <TableHead key={f}>{L.fields[f]}</TableHead>)}</TableRow>
          </TableHeader>
          <TableBody>
            {preview.sample.map((row, r) => (
              <TableRow key={r}>{mapped.map((f) => <TableCell key={f}>{row[mapping[f]!] || t.crm.none}</TableCell>)}</TableRow>
            ))}
          </TableBody>
        </Table>
      </section>
      {start.error ? <Alert variant="destructive"><AlertDescription>{errors.mapping ?? errorMessage(start.error)}</AlertDescription></Alert> : null}
      <div className="flex gap-2">
        <Button onClick={() => start.mutate({ importId: preview.id, mapping })} loading={start.isPending}>{L.start}</Button>
        <Button variant="outline" onClick={onCancel}>{L.cancel}</Button>
      </div>
    </div>
  );
}
