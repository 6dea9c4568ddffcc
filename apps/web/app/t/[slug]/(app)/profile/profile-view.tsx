"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { PageHeader } from "@vendaflow/ui/page-header";
import { useToast } from "@vendaflow/ui/toast";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { profile as profileText } from "@/lib/i18n/pt-br/workspace-profile";
import { useTRPC } from "@/lib/trpc/client";
import { EmailCard } from "./email-card";
import { NotificationEmailsCard } from "./notification-emails-card";
import { SessionsCard } from "./sessions-card";
import { TwoFactorCard } from "./two-factor-card";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, profile: profileText };

export function ProfileView() {
  const trpc = useTRPC();
  const toast = useToast();
  const router = useRouter();
  const me = useQuery(trpc.profile.me.queryOptions());
  const update = useMutation(trpc.profile.update.mutationOptions());
  const change = useMutation(trpc.profile.changePassword.mutationOptions());
  const nameForm = useForm({ name: "" }, async (v) => {
    await update.mutateAsync(v);
    // The header's name is painted by the server layout: re-render it in place, as settings does for the brand.
    router.refresh();
    toast.success(t.common.saved);
  });
  const pwForm = useForm({ currentPassword: "", newPassword: "" }, async (v) => {
    await change.mutateAsync(v);
    // Every session ended with the change, this one included. next-auth's client is fetched here, as
    // for the header's "Sair" (components/logout-button.tsx).
    const { signOut } = await import("next-auth/react");
    await signOut({ redirectTo: "/login?notice=password-changed" });
  });
  const { setValues } = nameForm;
  useEffect(() => {
    if (me.data) setValues({ name: me.data.name });
  }, [me.data, setValues]);
  return (
    <div className="space-y-6">
      <PageHeader title={t.profile.title} description={me.data?.email} />
      <Card>
        <CardContent>
          <form onSubmit={nameForm.onSubmit} className="flex flex-wrap items-end gap-2" noValidate>
            <FormField label={t.common.name} error={nameForm.errors.name} className="min-w-64 flex-1"><Input {...nameForm.field("name")} /></FormField>
            <Button type="submit" loading={nameForm.pending}>{t.common.save}</Button>
          </form>
        </CardContent>
      </Card>
      <EmailCard email={me.data?.email} />
      <Card>
        <CardHeader><CardTitle>{t.profile.changePassword}</CardTitle></CardHeader>
        <CardContent>
          <form onSubmit={pwForm.onSubmit} className="max-w-md space-y-4" noValidate>
            <FormField label={t.profile.current} error={pwForm.errors.currentPassword} required><PasswordInput {...pwForm.field("currentPassword")} autoComplete="current-password" /></FormField>
            <FormField label={t.profile.newPassword} error={pwForm.errors.newPassword} required><PasswordInput {...pwForm.field("newPassword")} autoComplete="new-password" /></FormField>
            {pwForm.formError ? <Alert variant="destructive"><AlertDescription>{pwForm.formError}</AlertDescription></Alert> : null}
            <Button type="submit" loading={pwForm.pending}>{t.profile.changePassword}</Button>
          </form>
        </CardContent>
      </Card>
      <NotificationEmailsCard />
      <TwoFactorCard email={me.data?.email} workspace={me.data?.tenant.name} />
      <SessionsCard />
    </div>
  );
}
