"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { useEffect, useRef } from "react";
import { useForm } from "@/components/use-form";
import { twoFactor as twoFactorText } from "@/lib/i18n/pt-br/two-factor";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { f: twoFactorText };

/** Password and a current code (app or recovery): what turning 2FA off and new recovery codes ask for. */
export function TwoFactorVerifyForm({ title, text, submitLabel, destructive, onSubmit, onCancel }: {
  title: string;
  text?: string;
  submitLabel: string;
  destructive?: boolean;
  onSubmit: (v: { password: string; code: string }) => Promise<unknown>;
  onCancel: () => void;
}) {
  const form = useForm({ password: "", code: "" }, onSubmit);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  return (
    <form onSubmit={form.onSubmit} className="max-w-md space-y-4" noValidate aria-label={title}>
      <h3 className="font-medium">{title}</h3>
      {text ? <p className="text-sm text-muted-foreground">{text}</p> : null}
      <FormField label={t.f.password} error={form.errors.password} required><PasswordInput ref={first} {...form.field("password")} autoComplete="current-password" /></FormField>
      <FormField label={t.f.verifyCode} error={form.errors.code} required><Input {...form.field("code")} autoComplete="one-time-code" inputMode="text" spellCheck={false} /></FormField>
      {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
      <div className="flex gap-2">
        <Button type="submit" variant={destructive ? "destructive" : "default"} loading={form.pending}>{submitLabel}</Button>
        <Button type="button" variant="outline" onClick={onCancel}>{t.f.cancel}</Button>
      </div>
    </form>
  );
}
