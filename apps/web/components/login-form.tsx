"use client";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { PasswordInput } from "@vendaflow/ui/password-input";
import { signIn } from "next-auth/react";
import { useRef, useState, type FormEvent } from "react";
import { login as loginText } from "@/lib/i18n/pt-br/auth";
import { common as commonText } from "@/lib/i18n/pt-br/common";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { common: commonText, login: loginText };

const MESSAGES: Record<string, string> = {
  rate_limited: t.login.rateLimited,
  unavailable: t.login.unavailable,
  email_not_verified: t.login.notVerified,
};

/** Credentials sign-in on the current host; the server decides tenant or operator from the Host. */
export function LoginForm({ redirectTo, notice }: { redirectTo: string; notice?: string }) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  // The alert announces the error; the focus goes where the next try starts (the pending state
  // disabled the button, which took the focus from it).
  const fail = (message: string, focus: HTMLInputElement | null) => {
    setError(message);
    focus?.focus();
  };
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    // An empty field is not a wrong password: say what is missing, without a sign-in attempt.
    if (!email.trim() || !password) {
      fail(t.login.missing, email.trim() ? passwordRef.current : emailRef.current);
      return;
    }
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", { email, password, redirect: false });
      if (res?.error) {
        setPending(false);
        fail(MESSAGES[res.code ?? ""] ?? t.login.invalid, passwordRef.current);
        return;
      }
      window.location.assign(redirectTo);
    } catch {
      setPending(false);
      fail(t.login.offline, passwordRef.current);
    }
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      {notice ? <Alert variant="success"><AlertDescription>{notice}</AlertDescription></Alert> : null}
      <FormField label={t.common.email} required><Input ref={emailRef} name="email" type="email" autoComplete="email" value={email} onChange={(e) => setEmail(e.target.value)} /></FormField>
      <FormField label={t.common.password} required><PasswordInput ref={passwordRef} name="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} /></FormField>
      {error ? <Alert variant="destructive"><AlertDescription>{error}</AlertDescription></Alert> : null}
      <Button type="submit" className="w-full" loading={pending}>{t.login.submit}</Button>
    </form>
  );
}
