"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { useState } from "react";
import { useForm } from "@/components/use-form";
import { profile as profileText } from "@/lib/i18n/pt-br/workspace-profile";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { e: profileText.email };

/** "Alterar e-mail": a link goes to the new address, and the change happens when it is opened. */
export function EmailCard({ email }: { email: string | undefined }) {
  const trpc = useTRPC();
  const request = useMutation(trpc.profile.requestEmailChange.mutationOptions());
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ newEmail: "", password: "" }, async (v) => {
    await request.mutateAsync(v);
    setSentTo(v.newEmail.trim().toLowerCase());
    form.setValues({ newEmail: "", password: "" });
  });
  return (
    <Card data-testid="email-change">
      <CardHeader>
        <CardTitle>{t.e.title}</CardTitle>
        {email ? <CardDescription>{t.e.current(email)}</CardDescription> : null}
      </CardHeader>
      <CardContent>
        <form onSubmit={form.onSubmit} className="max-w-md space-y-4" noValidate>
          <FormField label={t.e.newEmail} error={form.errors.newEmail} required><Input {...form.field("newEmail")} type="email" autoComplete="email" inputMode="email" /></FormField>
          <FormField label={t.e.password} error={form.errors.password} required><PasswordInput {...form.field("password")} autoComplete="current-password" /></FormField>
          {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
          {sentTo ? <Alert variant="success" role="status"><AlertDescription>{t.e.sent(sentTo)}</AlertDescription></Alert> : null}
          <Button type="submit" loading={form.pending}>{t.e.submit}</Button>
        </form>
      </CardContent>
    </Card>
  );
}
