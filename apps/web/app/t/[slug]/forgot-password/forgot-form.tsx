"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { useState } from "react";
import { useForm } from "@/components/use-form";
import { forgot as forgotText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, forgot: forgotText };

/** The e-mail form; the answer is the same whether or not the address has an account. */
export function ForgotForm() {
  const trpc = useTRPC();
  const forgot = useMutation(trpc.auth.forgotPassword.mutationOptions());
  const [done, setDone] = useState(false);
  const f = useForm({ email: "" }, async (v) => {
    await forgot.mutateAsync(v);
    setDone(true);
  });
  if (done) return <Alert variant="success"><AlertDescription>{t.forgot.done}</AlertDescription></Alert>;
  return (
    <form onSubmit={f.onSubmit} className="space-y-4" noValidate>
      <FormField label={t.common.email} error={f.errors.email} required><Input {...f.field("email")} type="email" autoComplete="email" /></FormField>
      {f.formError ? <Alert variant="destructive"><AlertDescription>{f.formError}</AlertDescription></Alert> : null}
      <Button type="submit" className="w-full" loading={f.pending}>{t.forgot.submit}</Button>
    </form>
  );
}
