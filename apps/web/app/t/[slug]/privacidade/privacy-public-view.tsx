"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Skeleton } from "@vendaflow/ui/skeleton";
import { Textarea } from "@vendaflow/ui/textarea";
import { REQUEST_LIMITS, RESEND_CODE_SECONDS, requestKinds } from "@vendaflow/validators/plain/privacy";
import type { RequestKind } from "@vendaflow/validators/privacy";
import { Fragment, useEffect, useRef, useState } from "react";
import { useForm } from "@/components/use-form";
import { common as commonText } from "@/lib/i18n/pt-br/common";
import { privacy as privacyText } from "@/lib/i18n/pt-br/privacy";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { brDay } from "@/lib/dates";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, privacy: privacyText };

const p = t.privacy.public;

export function PrivacyPublicView() {
  const trpc = useTRPC();
  const notice = useQuery(trpc.privacy.notice.queryOptions());
  const submit = useMutation(trpc.privacy.submitRequest.mutationOptions());
  const verify = useMutation(trpc.privacy.verifyRequest.mutationOptions());
  const resend = useMutation(trpc.privacy.resendCode.mutationOptions());
  const [requestId, setRequestId] = useState<string | null>(null);
  // "Reenviar código" waits out the minute since the last code (the server allows one a minute per
  // request), counted from a deadline so a throttled background tab still shows the right time.
  const [resendAt, setResendAt] = useState(0);
  const [now, setNow] = useState(0);
  useEffect(() => {
    const tick = setInterval(() => {
      const t = Date.now();
      setNow(t);
      if (t >= resendAt) clearInterval(tick);
    }, 1000);
    return () => clearInterval(tick);
  }, [resendAt]);
  const wait = Math.max(0, Math.ceil((resendAt - now) / 1000));
  const startWait = (seconds = RESEND_CODE_SECONDS) => {
    const t = Date.now();
    setNow(t);
    setResendAt(t + seconds * 1000);
  };
  const [done, setDone] = useState<{ protocol: string; dueDate: string; status: string; answer: string | null } | null>(null);

  const request = useForm({ kind: "access", name: "", email: "", whatsapp: "", details: "" }, async (v) => {
    const res = await submit.mutateAsync({ ...v, kind: v.kind as RequestKind });
    setRequestId(res.requestId);
    startWait();
  });
  const code = useForm({ code: "" }, async (v) => {
    const res = await verify.mutateAsync({ requestId: requestId!, code: v.code });
    setDone(res);
  });
  // Each step replaces the form the keyboard was in: its title takes the focus (a screen reader reads
  // it), where the focus would otherwise fall back to the top of the page.
  const step = done ? "done" : requestId ? "code" : "form";
  const title = useRef<HTMLHeadingElement>(null);
  const shown = useRef(step);
  useEffect(() => {
    if (shown.current === step) return;
    shown.current = step;
    title.current?.focus();
  }, [step]);

  const restart = () => {
    setRequestId(null);
    setDone(null);
    code.setValues({ code: "" });
    resend.reset();
    setResendAt(0);
  };
  // The server's minute since the last code not yet over: the button counts down what is left
  // instead of an error; a longer wait (the hourly limit) is said in the alert.
  const minuteLeft = (err: typeof resend.error) => {
    const retry = (err?.data?.details as { retryAfterSeconds?: unknown } | null | undefined)?.retryAfterSeconds;
    return typeof retry === "number" && retry <= RESEND_CODE_SECONDS ? retry : null;
  };
  const resendCode = () => {
    resend.mutate({ requestId: requestId! }, { onSuccess: () => startWait(), onError: (err) => { const left = minuteLeft(err); if (left) startWait(left); } });
  };

  return (
    <main className="mx-auto max-w-2xl space-y-6 px-4 py-10">
      <h1 className="text-2xl font-semibold tracking-tight">{p.title}{notice.data ? ` — ${notice.data.tenantName}` : ""}</h1>
      {notice.isLoading ? <Skeleton className="h-40" /> : null}
      {notice.error ? <Alert variant="destructive"><AlertDescription>{t.common.loadError}</AlertDescription></Alert> : null}
      {notice.data ? (
        <>
          <Card>
            <CardHeader><CardTitle className="leading-snug">{p.noticeTitle}</CardTitle></CardHeader>
            <CardContent><p className="whitespace-pre-line text-sm" data-testid="privacy-notice">{notice.data.notice}</p></CardContent>
          </Card>
          <Card>
            <CardHeader><CardTitle className="leading-snug">{p.dpoTitle}</CardTitle></CardHeader>
            <CardContent className="text-sm" data-testid="privacy-dpo">
              {notice.data.dpoName || notice.data.dpoEmail || notice.data.dpoPhone ? (
                <p>
                  {[
                    notice.data.dpoName ? <span key="name">{notice.data.dpoName}</span> : null,
                    notice.data.dpoEmail ? <a key="email" className="break-all underline" href={`mailto:${notice.data.dpoEmail}`}>{notice.data.dpoEmail}</a> : null,
                    notice.data.dpoPhone ? <a key="phone" className="whitespace-nowrap underline" href={`tel:${notice.data.dpoPhone.replace(/[^\d+]/g, "")}`}>{notice.data.dpoPhone}</a> : null,
                  ]
                    .filter((part) => part !== null)
                    .map((part, i) => (i === 0 ? part : <Fragment key={part.key}> · {part}</Fragment>))}
                </p>
              ) : (
                <p className="text-muted-foreground">{p.dpoMissing}</p>
              )}
            </CardContent>
          </Card>
        </>
      ) : null}

      <Card>
        <CardHeader><CardTitle ref={title} tabIndex={-1} className="leading-snug outline-none" data-testid="privacy-step-title">{done ? p.doneTitle : requestId ? p.codeTitle : p.formTitle}</CardTitle></CardHeader>
        <CardContent>
          {done ? (
            <div className="space-y-3 text-sm" data-testid="privacy-done">
              <p>{p.protocol}: <strong data-testid="privacy-protocol">{done.protocol}</strong></p>
              {done.answer ? <p className="whitespace-pre-line" data-testid="privacy-answer">{done.answer}</p> : null}
              {done.status === "fulfilled" ? null : <p>{p.dueDate}: <strong data-testid="privacy-due-date">{brDay(done.dueDate)}</strong></p>}
              <p className="text-muted-foreground">{p.doneText}</p>
              <Button variant="outline" onClick={restart}>{p.startOver}</Button>
            </div>
          ) : requestId ? (
            <form onSubmit={code.onSubmit} className="space-y-4" noValidate data-testid="privacy-code-form">
              <p className="text-sm text-muted-foreground">{p.codeText}</p>
              <FormField label={p.code} error={code.errors.code} required>
                <Input {...code.field("code")} inputMode="numeric" autoComplete="one-time-code" maxLength={REQUEST_LIMITS.code} />
              </FormField>
              {code.formError ? <Alert variant="destructive"><AlertDescription>{code.formError}</AlertDescription></Alert> : null}
              {resend.isSuccess ? <Alert role="status" data-testid="privacy-code-resent"><AlertDescription>{p.resent}</AlertDescription></Alert> : null}
              {resend.error && !minuteLeft(resend.error) ? <Alert variant="destructive"><AlertDescription>{errorMessage(resend.error)}</AlertDescription></Alert> : null}
              <div className="flex flex-wrap gap-2">
                <Button type="submit" loading={code.pending}>{p.verify}</Button>
                <Button type="button" variant="outline" onClick={resendCode} loading={resend.isPending} disabled={wait > 0} data-testid="privacy-resend">
                  {wait > 0 ? p.resendIn(wait) : p.resend}
                </Button>
                <Button type="button" variant="ghost" onClick={restart}>{p.startOver}</Button>
              </div>
            </form>
          ) : (
            <form onSubmit={request.onSubmit} className="space-y-4" noValidate data-testid="privacy-request-form">
              <p className="text-sm text-muted-foreground">{p.formText}</p>
              <FormField label={p.kind} error={request.errors.kind}>
                <Select {...request.field("kind")}>
                  {requestKinds.map((k) => <SelectOption key={k} value={k}>{t.privacy.kinds[k]}</SelectOption>)}
                </Select>
              </FormField>
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField label={p.name} error={request.errors.name} required>
                  <Input {...request.field("name")} autoComplete="name" maxLength={REQUEST_LIMITS.name} />
                </FormField>
                <FormField label={p.email} error={request.errors.email}>
                  <Input {...request.field("email")} type="email" autoComplete="email" maxLength={REQUEST_LIMITS.email} />
                </FormField>
              </div>
              <FormField label={p.whatsapp} error={request.errors.whatsapp} description={p.whatsappHint}>
                <Input {...request.field("whatsapp")} autoComplete="tel" maxLength={REQUEST_LIMITS.whatsapp} />
              </FormField>
              <FormField label={p.details} error={request.errors.details} description={p.detailsHint}>
                <Textarea {...request.field("details")} rows={3} maxLength={REQUEST_LIMITS.details} />
              </FormField>
              {request.formError ? <Alert variant="destructive"><AlertDescription>{request.formError}</AlertDescription></Alert> : null}
              <Button type="submit" loading={request.pending}>{p.submit}</Button>
            </form>
          )}
        </CardContent>
      </Card>
    </main>
  );
}
