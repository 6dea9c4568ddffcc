"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { signIn } from "next-auth/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { login as loginText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, login: loginText };

const MESSAGES: Record<string, string> = {
  rate_limited: t.login.rateLimited,
  unavailable: t.login.unavailable,
  email_not_verified: t.login.notVerified,
  totp_invalid: t.login.codeInvalid,
};

/**
 * Credentials sign-in on the current host; the server decides tenant or operator from the Host.
 * A user with two-factor sign-in gets "totp_required" once the password is right: the form then
 * asks for the code and posts e-mail, password and code together (the server keeps no half-signed-in state).
 */
export function LoginForm({ redirectTo, notice }: { redirectTo: string; notice?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [needCode, setNeedCode] = useState(false);
  // A recovery code has letters: the field then asks for a text keyboard instead of digits.
  const [recovery, setRecovery] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  // The alert announces the error; the focus goes where the next try starts (the pending state
  // disabled the button, which took the focus from it).
  const fail = (message: string, focus: HTMLInputElement | null) => {
    setError(message);
    focus?.focus();
  };
  // The code field appears with the second step: it takes the focus once rendered.
  useEffect(() => {
    if (needCode) codeRef.current?.focus();
  }, [needCode]);
  function back() {
    setNeedCode(false);
    setCode("");
    setRecovery(false);
    setError(null);
    requestAnimationFrame(() => passwordRef.current?.focus());
  }
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    // An empty field is not a wrong password: say what is missing, without a sign-in attempt.
    if (!email.trim() || !password) {
      fail(t.login.missing, email.trim() ? passwordRef.current : emailRef.current);
      return;
    }
    if (needCode && !code.trim()) {
      fail(t.login.codeMissing, codeRef.current);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, ...(needCode ? { code } : {}), redirect: false });
      if (res?.error) {
        setPending(false);
        if (res.code === "totp_required") {
          setNeedCode(true);
          setError(null);
          return;
        }
        fail(MESSAGES[res.code ?? ""] ?? t.login.invalid, needCode ? codeRef.current : passwordRef.current);
        return;
      }
      window.location.assign(redirectTo);
    } catch {
      setPending(false);
      fail(t.login.offline, needCode ? codeRef.current : passwordRef.current);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <Alert variant="success"><AlertDescription>{notice}</AlertDescription></Alert> : null}
      <div className={needCode ? "hidden" : "space-y-4"}>
        <FormField label={t.common.email} required><Input ref={emailRef} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} /></FormField>
        <FormField label={t.common.password} required><PasswordInput ref={passwordRef} name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} /></FormField>
      </div>
      {needCode ? (
        <>
          <Alert role="status"><AlertDescription>{t.login.codeRequired}</AlertDescription></Alert>
          <FormField label={recovery ? t.login.recoveryCode : t.login.code} description={recovery ? t.login.recoveryHint : t.login.codeHint} required>
            <Input ref={codeRef} name="code" autoComplete="one-time-code" inputMode={recovery ? "text" : "numeric"} autoCapitalize="none" spellCheck={false} maxLength={32} value={code} onChange={(e) => setCode(e.target.value)} className="font-mono tracking-widest" />
          </FormField>
          <Button type="button" variant="link" className="h-auto p-0" onClick={() => { setRecovery((r) => !r); codeRef.current?.focus(); }}>{recovery ? t.login.useApp : t.login.useRecovery}</Button>
        </>
      ) : null}
      {error ? <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert> : null}
      <Button type="submit" className="w-full" loading={pending}>{t.login.submit}</Button>
      {needCode ? <Button type="button" variant="link" className="w-full" onClick={back}>{t.login.back}</Button> : null}
    </form>
  );
}
