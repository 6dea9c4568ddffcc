"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription, AlertTitle } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Checkbox } from "@vendaflow/ui/checkbox";
import { Dialog } from "@vendaflow/ui/dialog";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { apiKeyDomains } from "@vendaflow/validators/plain/api-keys";
import type { ApiKeyScope } from "@vendaflow/validators/api-keys";
import { useState } from "react";
import { FormActions } from "@/components/form-actions";
import { developers as developersText } from "@/lib/i18n/pt-br/developers";
import { useTRPC } from "@/lib/trpc/client";
import { useSubmitErrors } from "@/components/use-submit-errors";
import { CopyField } from "./copy-field";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { developers: developersText };

const k = t.developers.keys;

/** Name + scopes; once created, the whole key is shown here, once, and forgotten when the dialog closes. */
export function CreateKeyDialog({ onOpenChange, onCreated }: { onOpenChange: (open: boolean) => void; onCreated: () => void }) {
  const trpc = useTRPC();
  const create = useMutation(trpc.apiKeys.create.mutationOptions());
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiKeyScope[]>([]);
  const { errors, formError, submit } = useSubmitErrors();
  const [secret, setSecret] = useState<string | null>(null);

  const toggle = (scope: ApiKeyScope, on: boolean) => setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));
  const onSubmit = submit(async () => {
    const created = await create.mutateAsync({ name, scopes });
    setSecret(created.key);
    onCreated();
  });

  if (secret) {
    return (
      <Dialog open onOpenChange={onOpenChange} title={k.secretTitle} closeOnBackdropClick={false} data-testid="api-key-created">
        <Alert variant="destructive">
          <AlertTitle>{k.secretTitle}</AlertTitle>
          <AlertDescription>{k.secretWarning}</AlertDescription>
        </Alert>
        <CopyField value={secret} label={k.secretLabel} testId="api-key-secret" />
        <div className="flex justify-end"><Button onClick={() => onOpenChange(false)}>{k.secretDone}</Button></div>
      </Dialog>
    );
  }

  return (
    <Dialog open onOpenChange={onOpenChange} title={k.form.title} className="max-w-2xl" contentClassName="max-w-2xl">
      <form onSubmit={onSubmit} className="space-y-5" noValidate data-testid="api-key-form">
        <FormField label={k.form.name} error={errors.name} required>
          <Input name="name" value={name} onChange={(e) => setName(e.target.value)} placeholder={k.form.namePlaceholder} autoComplete="off" maxLength={80} />
        </FormField>
        <fieldset className="space-y-2 rounded-lg border p-3">
          <legend className="px-1 text-sm font-medium">{k.form.scopes}</legend>
          <p className="text-xs text-muted-foreground">{k.form.scopesHint}</p>
          <ul className="divide-y">
            {apiKeyDomains.map((d) => (
              <li key={d} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <span>{k.domains[d]}</span>
                <span className="flex gap-4">
                  {(["read", "write"] as const).map((level) => {
                    const scope = `${d}:${level}` as ApiKeyScope;
                    return (
                      <Checkbox
                        key={level}
                        label={level === "read" ? k.form.read : k.form.write}
                        aria-label={`${k.domains[d]}: ${level === "read" ? k.form.read : k.form.write}`}
                        checked={scopes.includes(scope)}
                        onChange={(e) => toggle(scope, e.target.checked)}
                      />
                    );
                  })}
                </span>
              </li>
            ))}
          </ul>
          {errors.scopes ? <p className="text-sm font-medium text-destructive" role="alert">{errors.scopes}</p> : null}
        </fieldset>
        {formError ? <Alert variant="destructive"><AlertDescription>{formError}</AlertDescription></Alert> : null}
        <FormActions onCancel={() => onOpenChange(false)} submitLabel={k.form.submit} pending={create.isPending} />
      </form>
    </Dialog>
  );
}
