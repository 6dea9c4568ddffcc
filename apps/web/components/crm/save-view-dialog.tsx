"use client";
import { useMutation } from "@tanstack/react-query";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { useToast } from "@vendaflow/ui/toast";
import { useState, type FormEvent } from "react";
import { FormActions } from "@/components/form-actions";
import { crmLists as crmListsText } from "@/lib/i18n/pt-br/crm-lists";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";
import type { ListView } from "./list-view";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { crmLists: crmListsText };

/** "Salvar visão": the list's current columns and filters under a name, optionally as the user's default. */
export function SaveViewDialog({ view, name: initialName, id, onClose }: { view: ListView; name: string; id: string | null; onClose: (savedId?: string) => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(trpc.crmLists.views.save.mutationOptions());
  const [name, setName] = useState(initialName);
  const [isDefault, setDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      // Same name as the open view: update it; a new name: a new view.
      const saved = await save.mutateAsync({ id: id && name.trim() === initialName ? id : null, entity: view.entity, name, config: view.config(), isDefault });
      toast.success(t.crmLists.views.saved);
      onClose(saved.id);
    } catch (err) {
      const fe = fieldErrors(err);
      setError(fe.name ?? Object.values(fe)[0] ?? errorMessage(err));
    }
  };
  return (
    <Dialog open onOpenChange={(open) => !open && onClose()} title={t.crmLists.views.saveTitle}>
      <form onSubmit={onSubmit} className="space-y-4" noValidate>
        <FormField label={t.crmLists.views.name} error={error ?? undefined} required><Input value={name} maxLength={60} onChange={(e) => setName(e.target.value)} /></FormField>
        <Checkbox label={t.crmLists.views.makeDefault} checked={isDefault} onChange={(e) => setDefault(e.target.checked)} />
        <FormActions onCancel={() => onClose()} pending={save.isPending} />
      </form>
    </Dialog>
  );
}
