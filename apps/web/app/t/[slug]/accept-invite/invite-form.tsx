"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { useSearchParams } from "next/navigation";
import { useForm } from "@/components/use-form";
import { invite as inviteText, newPassword as newPasswordText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, invite: inviteText, newPassword: newPasswordText };

/** The invite link's form (the token is in the query string). */
export function InviteForm() {
  const token = useSearchParams().get("token") ?? "";
  const trpc = useTRPC();
  const accept = useMutation(trpc.auth.acceptInvite.mutationOptions());
  const f = useForm({ name: "", password: "" }, async (v) => {
    await accept.mutateAsync({ token, ...v });
    window.location.assign("/login?notice=invite-accepted");
  });
  if (!token) {
    return (
      <div className="space-y-3">
        <Alert variant="destructive"><AlertDescription>{t.invite.noToken}</AlertDescription></Alert>
        <p className="text-sm text-muted-foreground">{t.invite.expired}</p>
      </div>
    );
  }
  return (
    <form onSubmit={f.onSubmit} className="space-y-4" noValidate>
      <FormField label={t.common.name} error={f.errors.name} required><Input {...f.field("name")} autoComplete="name" /></FormField>
      <FormField label={t.common.password} error={f.errors.password} required description={t.newPassword.hint}><PasswordInput {...f.field("password")} autoComplete="new-password" /></FormField>
      {f.formError || f.errors.token ? <Alert variant="destructive"><AlertDescription>{f.formError ?? f.errors.token}</AlertDescription></Alert> : null}
      {f.errors.token ? <p className="text-sm text-muted-foreground">{t.invite.expired}</p> : null}
      <Button type="submit" className="w-full" loading={f.pending}>{t.invite.submit}</Button>
    </form>
  );
}
