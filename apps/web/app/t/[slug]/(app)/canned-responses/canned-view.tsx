"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RouterOutputs } from "@vendaflow/api/root";
import { renderCanned } from "@vendaflow/core/conversations/canned";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Dialog } from "@vendaflow/ui/dialog";
import { EmptyState } from "@vendaflow/ui/empty-state";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@vendaflow/ui/table";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { MessageSquareText, Pencil, Plus, Trash2 } from "lucide-react";
import { useRef, useState } from "react";
import { useForm } from "@/components/use-form";
import { canned as cannedText } from "@/lib/i18n/pt-br/canned-responses";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { FormActions } from "@/components/form-actions";
import { RowActions } from "@/components/row-actions";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { canned: cannedText, common: commonText };

type Canned = RouterOutputs["agent"]["canned"]["list"][number];

/** Canned responses: admins manage them; agents see the list (they insert them from the inbox). */
export function CannedView({ canManage, agentName }: { canManage: boolean; agentName: string }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const list = useQuery(trpc.agent.canned.list.queryOptions());
  const refresh = () => qc.invalidateQueries({ queryKey: trpc.agent.canned.list.queryKey() });
  const remove = useMutation(
    trpc.agent.canned.delete.mutationOptions({
      onSuccess: () => {
        toast.success(t.canned.deleted);
        refresh();
      },
      onError: (e) => toast.error(errorMessage(e)),
    }),
  );
  // undefined: closed; null: creating; a response: editing it.
  const [editing, setEditing] = useState<Canned | null | undefined>(undefined);
  const createButton = canManage ? <Button onClick={() => setEditing(null)}><Plus aria-hidden="true" />{t.canned.create}</Button> : null;

  return (
    <div className="space-y-6">
      <PageHeader title={t.canned.title} description={canManage ? t.canned.description : t.canned.descriptionReadOnly} actions={createButton} />
      {!canManage ? <p className="text-sm text-muted-foreground">{t.common.readOnly}</p> : null}
      {list.isLoading ? <Skeleton className="h-40" aria-busy="true" aria-label={t.common.loading} /> : null}
      {list.error ? (
        <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => list.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
      ) : null}
      {list.data && list.data.length === 0 ? (
        <EmptyState icon={<MessageSquareText />} title={t.canned.empty} description={canManage ? t.canned.emptyHint : t.canned.emptyReadOnly} action={createButton} />
      ) : null}
      {list.data && list.data.length > 0 ? (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead className="w-40">{t.canned.columns.shortcut}</TableHead>
              <TableHead className="w-56">{t.canned.columns.title}</TableHead>
              <TableHead>{t.canned.columns.body}</TableHead>
              {canManage ? <TableHead><span className="sr-only">{t.canned.edit}</span></TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {list.data.map((c) => (
              <TableRow key={c.id} data-testid="canned-row" data-shortcut={c.shortcut}>
                <TableCell><code className="rounded bg-muted px-1.5 py-0.5 font-mono text-xs">/{c.shortcut}</code></TableCell>
                <TableCell className="font-medium">{c.title}</TableCell>
                <TableCell className="max-w-md">
                  <p className="line-clamp-2 text-sm whitespace-pre-line text-muted-foreground" title={c.body}>{c.body}</p>
                </TableCell>
                {canManage ? (
                  <TableCell className="text-right whitespace-nowrap">
                    <RowActions
                      actions={[
                        { label: t.canned.edit, ariaLabel: t.canned.editCanned(c.shortcut), icon: Pencil, onClick: () => setEditing(c) },
                        { label: t.canned.delete, ariaLabel: t.canned.deleteCanned(c.shortcut), icon: Trash2, confirm: t.canned.confirmDelete(c.shortcut), pending: remove.isPending && remove.variables?.id === c.id, onClick: () => remove.mutate({ id: c.id }) },
                      ]}
                    />
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
      {canManage && editing !== undefined ? (
        <CannedDialog key={editing?.id ?? "new"} canned={editing} agentName={agentName} onOpenChange={(open) => !open && setEditing(undefined)} onSaved={refresh} />
      ) : null}
    </div>
  );
}

function CannedDialog({ canned, agentName, onOpenChange, onSaved }: { canned: Canned | null; agentName: string; onOpenChange: (open: boolean) => void; onSaved: () => void }) {
  const trpc = useTRPC();
  const toast = useToast();
  const save = useMutation(trpc.agent.canned.save.mutationOptions());
  const body = useRef<HTMLTextAreaElement>(null);
  const form = useForm({ shortcut: canned?.shortcut ?? "", title: canned?.title ?? "", body: canned?.body ?? "" }, async (v) => {
    await save.mutateAsync({ id: canned?.id ?? null, shortcut: v.shortcut.trim().replace(/^\/+/, ""), title: v.title, body: v.body });
    toast.success(t.canned.saved);
    onSaved();
    onOpenChange(false);
  });
  const { setValues } = form;

  /** Puts the variable where the cursor is (or at the end) and keeps typing there. */
  const insert = (token: string) => {
    const el = body.current;
    const text = form.values.body;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? text.length;
    setValues((v) => ({ ...v, body: text.slice(0, start) + token + text.slice(end) }));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  const preview = renderCanned(form.values.body, { ...t.canned.sample, agentName });

  return (
    <Dialog open onOpenChange={onOpenChange} title={canned ? t.canned.editTitle : t.canned.createTitle} description={canned ? `/${canned.shortcut}` : undefined} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={form.onSubmit} className="space-y-4" noValidate>
        <div className="grid gap-4 sm:grid-cols-[14rem_1fr]">
          <FormField label={t.canned.form.shortcut} error={form.errors.shortcut} description={t.canned.form.shortcutHint} required>
            <Input {...form.field("shortcut")} placeholder="/ola" autoComplete="off" spellCheck={false} className="font-mono" />
          </FormField>
          <FormField label={t.canned.form.title} error={form.errors.title} required>
            <Input {...form.field("title")} placeholder={t.canned.form.titlePlaceholder} autoComplete="off" />
          </FormField>
        </div>
        <FormField label={t.canned.form.body} error={form.errors.body} required>
          <Textarea {...form.field("body")} ref={body} rows={5} placeholder={t.canned.form.bodyPlaceholder} />
        </FormField>
        <div className="space-y-1.5">
          <p className="text-sm font-medium">{t.canned.form.variables}</p>
          <div className="flex flex-wrap gap-1.5">
            {t.canned.variables.map((v) => (
              <Button key={v.token} type="button" size="sm" variant="outline" className="font-mono" title={v.label} aria-label={t.canned.form.insertVariable(`${v.token} (${v.label})`)} onClick={() => insert(v.token)}>
                {v.token}
              </Button>
            ))}
          </div>
        </div>
        <div className="space-y-1.5" aria-live="polite">
          <p className="text-sm font-medium">{t.canned.form.preview} <span className="font-normal text-muted-foreground">· {t.canned.form.previewHint}</span></p>
          <div className="rounded-lg border bg-muted/40 p-3 text-sm whitespace-pre-wrap" data-testid="canned-preview">
            {preview.trim() ? preview : <span className="text-muted-foreground">{t.canned.form.previewEmpty}</span>}
          </div>
        </div>
        {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
        <FormActions onCancel={() => onOpenChange(false)} submitLabel={t.canned.form.submit} pending={form.pending} />
      </form>
    </Dialog>
  );
}
