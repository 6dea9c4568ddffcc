"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Spinner } from "@vendaflow/ui/spinner";
import { textLink } from "@vendaflow/ui/text-link";
import { useSearchParams } from "next/navigation";
import { Suspense, useEffect, useRef } from "react";
import { AuthCard, type AuthBrand } from "@/components/auth-card";
import { verify as verifyText } from "@/lib/i18n/pt-br/auth";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage, fieldErrors } from "@/lib/trpc/errors";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { verify: verifyText };

function Verify({ brand }: { brand: AuthBrand }) {
  const token = useSearchParams().get("token") ?? "";
  const trpc = useTRPC();
  const verify = useMutation(trpc.auth.verifyEmail.mutationOptions({ onSuccess: (r) => window.location.assign(`/login?notice=${r.changed ? "email-changed" : "verified"}`) }));
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    verify.mutate({ token });
  }, [token, verify]);
  if (verify.error) {
    // A used, expired or cut-short link: say which (a token the schema refuses is a field error,
    // whose generic text, "Revise os campos destacados.", means nothing on a page without fields)
    // and what to do next.
    return (
      <AuthCard title={t.verify.failed} brand={brand} footer={<a href="/forgot-password" className="underline">{t.verify.forgot}</a>}>
        <div className="space-y-4">
          <Alert variant="destructive"><AlertDescription>{fieldErrors(verify.error)["token"] ?? errorMessage(verify.error)}</AlertDescription></Alert>
          <p className="text-sm text-muted-foreground">{t.verify.help}</p>
          <a href="/login" className={`${textLink} inline-block text-sm`}>{t.verify.login}</a>
        </div>
      </AuthCard>
    );
  }
  return <Verifying brand={brand} />;
}

const Verifying = ({ brand }: { brand: AuthBrand }) => <AuthCard title={t.verify.title} brand={brand}><Spinner showLabel /></AuthCard>;

/** Confirms the e-mail link's token on arrival, under the workspace's name and logo (page.tsx). */
export function VerifyView({ brand }: { brand: AuthBrand }) {
  return (
    <Suspense fallback={<Verifying brand={brand} />}><Verify brand={brand} /></Suspense>
  );
}
