"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { useSearchParams } from "next/navigation";
import { useForm } from "@/components/use-form";
import { newPassword as newPasswordText, reset as resetText } from "@/lib/i18n/pt-br/auth";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { newPassword: newPasswordText, reset: resetText };

/** The reset link's form (the token is in the query string). */
export function ResetForm() {
  const token = useSearchParams().get("token") ?? "";
  const trpc = useTRPC();
  const reset = useMutation(trpc.auth.resetPassword.mutationOptions());
  const f = useForm({ password: "" }, async (v) => {
    await reset.mutateAsync({ token, password: v.password });
    window.location.assign("/login?notice=reset");
  });
  if (!token) return <Alert variant="destructive"><AlertDescription>{t.reset.noToken}</AlertDescription></Alert>;
  return (
    <form onSubmit={f.onSubmit} className="space-y-4" noValidate>
      <FormField label={t.reset.newPassword} error={f.errors.password} required description={t.newPassword.hint}><PasswordInput {...f.field("password")} autoComplete="new-password" /></FormField>
      {f.formError || f.errors.token ? <Alert variant="destructive"><AlertDescription>{f.formError ?? f.errors.token}</AlertDescription></Alert> : null}
      <Button type="submit" className="w-full" loading={f.pending}>{t.reset.submit}</Button>
    </form>
  );
}
