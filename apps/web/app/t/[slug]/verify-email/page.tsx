"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Spinner } from "@vendaflow/ui/spinner";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useRef } from "react";
import { AuthCard } from "@/components/auth-card";
import { verify as verifyText } from "@/lib/i18n/pt-br/auth";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { verify: verifyText };

function Verify() {
  const token = useSearchParams().get("token") ?? "";
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: () => window.location.assign("/login?notice=verified") }));
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    verify.mutate({ token });
  }, [token, verify]);
  if (verify.error) return <Alert variant="destructive"><AlertDescription>{t.verify.failed} {errorMessage(verify.error)}</AlertDescription></Alert>;
  return <Spinner showLabel />;
}

export default function VerifyEmailPage() {
  return (
    <AuthCard title={t.verify.title}>
      <Suspense><Verify /></Suspense>
    </AuthCard>
  );
}
