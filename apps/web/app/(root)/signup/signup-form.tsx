"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { useState } from "react";
import { AuthCard } from "@/components/auth-card";
import { useForm } from "@/components/use-form";
import { landing as landingText, newPassword as newPasswordText, signup as signupText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { useTRPC } from "@/lib/trpc/client";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, landing: landingText, newPassword: newPasswordText, signup: signupText };

export function SignupForm({ rootDomain }: { rootDomain: string }) {
  const trpc = useTRPC();
  const signup = useMutation(trpc.auth.signup.mutationOptions());
  const [done, setDone] = useState<{ loginUrl: string; email: string } | null>(null);
  const f = useForm({ companyName: "", slug: "", name: "", email: "", password: "" }, async (v) => setDone({ ...(await signup.mutateAsync(v)), email: v.email.trim() }));
  if (done) {
    // The card's title already says "Conta criada!": the alert says where the link went.
    return (
      <AuthCard title={t.signup.doneTitle}>
        <Alert variant="success">
          <AlertDescription>
            {t.signup.doneText(done.email)} <a className="underline break-all" href={done.loginUrl}>{done.loginUrl}</a>
          </AlertDescription>
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title={t.signup.title} footer={<a href="/find-workspace" className="underline">{t.landing.find}</a>}>
      <form onSubmit={f.onSubmit} className="space-y-4" noValidate>
        <FormField label={t.signup.company} error={f.errors.companyName} required><Input {...f.field("companyName")} autoComplete="organization" /></FormField>
        <FormField label={t.signup.slug} error={f.errors.slug} required description={`${t.signup.slugHint} ${f.values.slug.trim().toLowerCase() || "sua-empresa"}.${rootDomain}`}>
          <Input {...f.field("slug")} autoCapitalize="none" spellCheck={false} />
        </FormField>
        <FormField label={t.signup.yourName} error={f.errors.name} required><Input {...f.field("name")} autoComplete="name" /></FormField>
        <FormField label={t.common.email} error={f.errors.email} required><Input {...f.field("email")} type="email" autoComplete="email" /></FormField>
        <FormField label={t.common.password} error={f.errors.password} required description={t.newPassword.hint}><PasswordInput {...f.field("password")} autoComplete="new-password" /></FormField>
        {f.formError ? <Alert variant="destructive"><AlertDescription>{f.formError}</AlertDescription></Alert> : null}
        <Button type="submit" className="w-full" loading={f.pending}>{t.signup.submit}</Button>
      </form>
    </AuthCard>
  );
}
