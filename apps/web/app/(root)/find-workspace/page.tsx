"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { useState } from "react";
import { AuthCard } from "@/components/auth-card";
import { useForm } from "@/components/use-form";
import { find as findText, landing as landingText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, find: findText, landing: landingText };

export default function FindWorkspacePage() {
  const trpc = useTRPC();
  const find = useMutation(trpc.auth.findWorkspace.mutationOptions());
  const [done, setDone] = useState(false);
  const f = useForm({ email: "" }, async (v) => {
    await find.mutateAsync(v);
    setDone(true);
  });
  return (
    <AuthCard title={t.find.title} description={t.find.text} footer={<a href="/signup" className="underline">{t.landing.signup}</a>}>
      {done ? (
        <Alert variant="success"><AlertDescription>{t.find.done}</AlertDescription></Alert>
      ) : (
        <form onSubmit={f.onSubmit} className="space-y-4" noValidate>
          <FormField label={t.common.email} error={f.errors.email} required><Input {...f.field("email")} type="email" autoComplete="email" /></FormField>
          {f.formError ? <Alert variant="destructive"><AlertDescription>{f.formError}</AlertDescription></Alert> : null}
          <Button type="submit" className="w-full" loading={f.pending}>{t.find.submit}</Button>
        </form>
      )}
    </AuthCard>
  );
}
