"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { customFieldEntities, customFieldTypes } from "@vendaflow/validators/plain/custom-fields";
import type { CustomFieldEntity, CustomFieldType } from "@vendaflow/validators/custom-fields";
import { useState, type FormEvent } from "react";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { crm as crmText } from "@/lib/i18n/pt-br/crm";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, crm: crmText };

const s = t.crm.settings;

export function CustomFieldsSection() {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const fields = useQuery(trpc.crm.customFields.list.queryOptions({ includeArchived: true }));
  const save = useMutation(trpc.crm.customFields.save.mutationOptions());
  const archive = useMutation(trpc.crm.customFields.setArchived.mutationOptions());
  const [entityType, setEntity] = useState<CustomFieldEntity>("deal");
  const [label, setLabel] = useState("");
  const [fieldType, setType] = useState<CustomFieldType>("text");
  const [options, setOptions] = useState("");
  const [isRequired, setRequired] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.crm.customFields.pathKey() });
  const choice = fieldType === "select" || fieldType === "multiselect";

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    try {
      await save.mutateAsync({ id: null, entityType, label, fieldType, options: choice ? options.split("\n").map((o) => o.trim()).filter(Boolean) : [], isRequired, position: fields.data?.filter((f) => f.entity_type === entityType).length ?? 0 });
      setLabel("");
      setOptions("");
      setRequired(false);
      toast.success(s.fieldSaved);
      await refresh();
    } catch (err) {
      const fe = fieldErrors(err);
      setErrors(fe);
      if (!Object.keys(fe).length) toast.error(errorMessage(err));
    }
  };

  return (
    <section className="space-y-4">
      <div>
        <h2 className="text-lg font-semibold">{s.fields}</h2>
        <p className="text-sm text-muted-foreground">{s.fieldsHint}</p>
      </div>
      {fields.isLoading ? <Skeleton className="h-24" aria-busy="true" aria-label={t.common.loading} /> : null}
      {fields.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError}</AlertDescription></Alert> : null}
      {fields.data && fields.data.length === 0 ? <p className="text-sm text-muted-foreground">{s.noFields}</p> : null}
      {fields.data && fields.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{s.fieldLabel}</TableHead>
              <TableHead>{s.fieldEntity}</TableHead>
              <TableHead>{s.fieldType}</TableHead>
              <TableHead><span className="sr-only">{s.archive}</span></TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {fields.data.map((f) => (
              <TableRow key={f.id}>
                <TableCell className="font-medium">{f.label} {f.is_required ? <Badge variant="outline">{s.fieldRequired}</Badge> : null} {f.archived_at ? <Badge variant="secondary">{s.archived}</Badge> : null}</TableCell>
                <TableCell>{s.entities[f.entity_type as CustomFieldEntity]}</TableCell>
                <TableCell>{s.types[f.field_type as CustomFieldType]}{(f.options as string[]).length ? ` (${(f.options as string[]).join(", ")})` : ""}</TableCell>
                <TableCell className="text-right">
                  <Button size="sm" variant="outline" onClick={() => archive.mutate({ id: f.id, archived: !f.archived_at }, { onSuccess: () => void refresh(), onError: (e) => toast.error(errorMessage(e)) })}>
                    {f.archived_at ? s.unarchive : s.archive}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      <form onSubmit={onSubmit} className="space-y-3 rounded-lg border p-3" noValidate>
        <h3 className="text-sm font-semibold">{s.newField}</h3>
        <div className="grid gap-3 sm:grid-cols-3">
          <FormField label={s.fieldLabel} error={errors.label} required><Input value={label} onChange={(e) => setLabel(e.target.value)} maxLength={80} /></FormField>
          <FormField label={s.fieldEntity} error={errors.entityType}>
            <Select value={entityType} onChange={(e) => setEntity(e.target.value as CustomFieldEntity)}>
              {customFieldEntities.map((x) => <SelectOption key={x} value={x}>{s.entities[x]}</SelectOption>)}
            </Select>
          </FormField>
          <FormField label={s.fieldType} error={errors.fieldType}>
            <Select value={fieldType} onChange={(e) => setType(e.target.value as CustomFieldType)}>
              {customFieldTypes.map((x) => <SelectOption key={x} value={x}>{s.types[x]}</SelectOption>)}
            </Select>
          </FormField>
        </div>
        {choice ? <FormField label={s.fieldOptions} error={errors.options}><Textarea value={options} onChange={(e) => setOptions(e.target.value)} rows={3} /></FormField> : null}
        <div className="flex flex-wrap items-center gap-4">
          <Checkbox label={s.fieldRequired} checked={isRequired} onChange={(e) => setRequired(e.target.checked)} />
          <Button type="submit" loading={save.isPending}>{s.newField}</Button>
        </div>
      </form>
    </section>
  );
}
