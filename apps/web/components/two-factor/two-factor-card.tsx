"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Badge } from "@vendaflow/ui/badge";
import { Button } from "@vendaflow/ui/button";
import { Card, CardAction, CardContent, CardDescription, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { useToast } from "@vendaflow/ui/toast";
import { useEffect, useRef, useState } from "react";
import { useForm } from "@/components/use-form";
import { brDateTime } from "@/lib/dates";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { twoFactor as twoFactorText } from "@/lib/i18n/pt-br/two-factor";
import { RecoveryCodesPanel } from "./recovery-codes-panel";
import { TwoFactorVerifyForm } from "./two-factor-verify-form";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, f: twoFactorText };

type Step = { kind: "idle" } | { kind: "password" } | { kind: "scan"; qrSvg: string; secret: string } | { kind: "codes"; codes: string[] } | { kind: "disable" } | { kind: "regenerate" };

/** The status the card shows, whoever holds the second factor. */
export interface TwoFactorStatus {
  enabled: boolean;
  enabledAt: Date | string | null;
  recoveryCodesLeft: number;
  recoveryCodesLow: boolean;
}

/**
 * Where the card's steps go: Meu perfil's `profile.*` procedures for a tenant user
 * (app/t/[slug]/(app)/profile/two-factor-card.tsx), the console's `operator.*` for a platform
 * operator (app/(root)/operator/operator-two-factor.tsx). The card itself knows no router.
 */
export interface TwoFactorApi {
  status: UseQueryResult<TwoFactorStatus, unknown>;
  start: (v: { password: string }) => Promise<{ qrSvg: string; secret: string }>;
  confirm: (v: { code: string }) => Promise<{ recoveryCodes: string[] }>;
  disable: (v: { password: string; code: string }) => Promise<unknown>;
  regenerate: (v: { password: string; code: string }) => Promise<{ recoveryCodes: string[] }>;
  /** After a change that ended the other sessions: read the status again, and whatever lists sessions. */
  afterChange: () => Promise<unknown>;
}

/**
 * "Verificação em duas etapas": enrolment (password → QR code drawn on the server and the key to
 * type → the app's first code → recovery codes shown once), and, when on, turning it off or a new
 * set of recovery codes (password and a current code). Each of these three ends the holder's other
 * sessions (this one stays): the toast says so and `api.afterChange` reads again what changed.
 * `label` and `email` head the recovery codes' file (the workspace's name, or the console's).
 */
export function TwoFactorCard({ api, email, label }: { api: TwoFactorApi; email: string | undefined; label: string | undefined }) {
  const toast = useToast();
  const status = api.status;
  const [step, setStep] = useState<Step>({ kind: "idle" });
  const codeRef = useRef<HTMLInputElement>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  /** After a change that ended the other sessions: the toast says so, and what lists sessions is read again. */
  const changed = async (message: string) => {
    toast.success(`${message} ${t.f.otherSessionsEnded}`);
    await api.afterChange();
  };

  const pwForm = useForm({ password: "" }, async (v) => {
    const r = await api.start(v);
    pwForm.setValues({ password: "" });
    setStep({ kind: "scan", qrSvg: r.qrSvg, secret: r.secret });
  });
  const codeForm = useForm({ code: "" }, async (v) => {
    const r = await api.confirm(v);
    codeForm.setValues({ code: "" });
    setStep({ kind: "codes", codes: r.recoveryCodes });
    await changed(t.f.enabled);
  });
  // The code field takes the focus once the QR code is on screen: reading it is done on the phone.
  useEffect(() => {
    if (step.kind === "scan") codeRef.current?.focus();
  }, [step.kind]);
  const close = () => {
    setStep({ kind: "idle" });
    requestAnimationFrame(() => startButton.current?.focus());
  };

  const on = status.data?.enabled;
  return (
    <Card data-testid="two-factor">
      <CardHeader>
        <CardTitle>{t.f.title}</CardTitle>
        <CardDescription>{t.f.hint}</CardDescription>
        {status.data ? <CardAction><Badge variant={on ? "success" : "secondary"}>{on ? t.f.on : t.f.off}</Badge></CardAction> : null}
      </CardHeader>
      <CardContent className="space-y-4">
        {status.isLoading ? <Skeleton className="h-16" aria-busy="true" aria-label={t.common.loading} /> : null}
        {status.error ? (
          <Alert variant="destructive"><AlertDescription>{t.common.loadError} <Button variant="link" onClick={() => status.refetch()}>{t.common.retry}</Button></AlertDescription></Alert>
        ) : null}

        {step.kind === "codes" ? <RecoveryCodesPanel codes={step.codes} workspace={label ?? ""} email={email ?? ""} onDone={close} /> : null}

        {status.data && !on && step.kind === "idle" ? (
          <Button ref={startButton} onClick={() => setStep({ kind: "password" })}>{t.f.start}</Button>
        ) : null}

        {step.kind === "password" ? (
          <form onSubmit={pwForm.onSubmit} className="max-w-md space-y-4" noValidate>
            <FormField label={t.f.password} error={pwForm.errors.password} required><PasswordInput {...pwForm.field("password")} autoComplete="current-password" autoFocus /></FormField>
            {pwForm.formError ? <Alert variant="destructive"><AlertDescription>{pwForm.formError}</AlertDescription></Alert> : null}
            <div className="flex gap-2">
              <Button type="submit" loading={pwForm.pending}>{t.f.continue}</Button>
              <Button type="button" variant="outline" onClick={close}>{t.f.cancel}</Button>
            </div>
          </form>
        ) : null}

        {step.kind === "scan" ? (
          <div className="space-y-4">
            <p className="text-sm">{t.f.scan}</p>
            {/* An SVG drawn on the server, shown as an image: no QR encoder in the browser bundle, no markup injected. */}
            <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(step.qrSvg)}`} alt={t.f.qrAlt} width={200} height={200} className="rounded border bg-white" data-testid="totp-qr" />
            <div className="space-y-1 text-sm">
              <p className="text-muted-foreground">{t.f.manual}</p>
              <Input aria-label={t.f.manualLabel} value={step.secret} readOnly className="max-w-md font-mono" data-testid="totp-secret" onFocus={(e) => e.currentTarget.select()} />
            </div>
            <form onSubmit={codeForm.onSubmit} className="max-w-md space-y-4" noValidate>
              <FormField label={t.f.code} description={t.f.enterCode} error={codeForm.errors.code} required>
                <Input ref={codeRef} {...codeForm.field("code")} autoComplete="one-time-code" inputMode="numeric" pattern="[0-9 ]*" maxLength={7} className="max-w-40 font-mono tracking-widest" />
              </FormField>
              {codeForm.formError ? <Alert variant="destructive"><AlertDescription>{codeForm.formError}</AlertDescription></Alert> : null}
              <div className="flex gap-2">
                <Button type="submit" loading={codeForm.pending}>{t.f.confirm}</Button>
                <Button type="button" variant="outline" onClick={close}>{t.f.cancel}</Button>
              </div>
            </form>
          </div>
        ) : null}

        {on && status.data && step.kind !== "codes" ? (
          <div className="space-y-3 text-sm">
            <p>
              {status.data.enabledAt ? `${t.f.enabledSince(brDateTime(status.data.enabledAt))} ` : null}
              <span data-testid="recovery-codes-left">{t.f.codesLeft(status.data.recoveryCodesLeft)}</span>
            </p>
            {status.data.recoveryCodesLow ? <Alert variant="destructive" role="status"><AlertDescription>{t.f.codesLow}</AlertDescription></Alert> : null}
            {step.kind === "idle" ? (
              <div className="flex flex-wrap gap-2">
                <Button ref={startButton} variant="outline" onClick={() => setStep({ kind: "regenerate" })}>{t.f.regenerate}</Button>
                <Button variant="outline" onClick={() => setStep({ kind: "disable" })}>{t.f.disable}</Button>
              </div>
            ) : null}
            {step.kind === "disable" ? (
              <TwoFactorVerifyForm
                title={t.f.disableTitle}
                text={t.f.disableText}
                submitLabel={t.f.disable}
                destructive
                onCancel={close}
                onSubmit={async (v) => {
                  await api.disable(v);
                  setStep({ kind: "idle" });
                  await changed(t.f.disabled);
                }}
              />
            ) : null}
            {step.kind === "regenerate" ? (
              <TwoFactorVerifyForm
                title={t.f.regenerateTitle}
                text={t.f.regenerateText}
                submitLabel={t.f.regenerate}
                onCancel={close}
                onSubmit={async (v) => {
                  const r = await api.regenerate(v);
                  setStep({ kind: "codes", codes: r.recoveryCodes });
                  await changed(t.f.regenerated);
                }}
              />
            ) : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
