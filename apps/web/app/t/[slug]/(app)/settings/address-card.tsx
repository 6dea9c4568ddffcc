"use client";
import { useMutation } from "@tanstack/react-query";
import { Alert, AlertDescription } from "@vendaflow/ui/alert";
import { Button } from "@vendaflow/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@vendaflow/ui/card";
import { FormField } from "@vendaflow/ui/form-field";
import { Input } from "@vendaflow/ui/input";
import { MAX_PREVIOUS_SLUGS, slugSchema } from "@vendaflow/validators/tenancy";
import { useEffect, useRef, useState } from "react";
import { useConfirm } from "@/components/confirm";
import { useForm } from "@/components/use-form";
import { workspaceAddress as text } from "@/lib/i18n/pt-br/workspace-address";
import { useTRPC } from "@/lib/trpc/client";

export interface AddressCardProps {
  tenant: { slug: string; previousSlugs: string[]; addressParts: { prefix: string; suffix: string }; customDomain: string | null; customDomainVerified: boolean };
}

/**
 * The workspace's address (its slug). Loaded on demand by the settings page (bundle budget). The
 * old address stays an alias that redirects (tenancy/slug.ts); the change ends every session of the
 * subdomain, this one too when signed in there (none would follow: cookies are per host), so success
 * ends on a link to sign in at the new address, and nothing is read again here (it would only meet a
 * 401, and the settings page would trade this card for its error). Sessions on the verified custom
 * domain stay (their host does not change): the texts say so, and whether this one is among them.
 */
export function AddressCard({ tenant }: AddressCardProps) {
  const trpc = useTRPC();
  const confirm = useConfirm();
  const change = useMutation(trpc.tenant.changeSlug.mutationOptions());
  const [done, setDone] = useState<{ url: string; loginUrl: string; freed: string[]; onDomain: boolean } | null>(null);
  const link = useRef<HTMLAnchorElement>(null);
  const urlOf = (slug: string) => `${tenant.addressParts.prefix}${slug}${tenant.addressParts.suffix}`;
  const domain = tenant.customDomainVerified ? tenant.customDomain : null;
  // Read at the click (the browser's host), not while rendering: the server has no location.
  const onDomain = () => domain !== null && window.location.hostname === domain;
  const form = useForm({ slug: "" }, async (v) => {
    const parsed = slugSchema.safeParse(v.slug);
    if (parsed.success) {
      if (parsed.data === tenant.slug) return;
      if (!(await confirm({ title: text.confirmTitle(urlOf(parsed.data)), description: text.confirmDescription(MAX_PREVIOUS_SLUGS, domain, onDomain()), actionLabel: text.confirmAction, destructive: false }))) return;
    }
    // An invalid address goes to the server unconfirmed: its refusal lands on the field (error text, focus).
    const res = await change.mutateAsync({ slug: v.slug });
    setDone({ url: res.url, loginUrl: res.loginUrl, freed: res.freed, onDomain: onDomain() });
  });
  // The way on is the link: focus it so a keyboard or screen reader user lands there.
  useEffect(() => {
    if (done) link.current?.focus();
  }, [done]);

  const typed = form.values.slug.trim();
  const live = typed ? slugSchema.safeParse(typed) : null;
  const hint = !live ? null : !live.success ? live.error.issues[0]?.message : live.data === tenant.slug ? text.same : text.preview(urlOf(live.data));
  return (
    <Card data-testid="address-card">
      <CardHeader><CardTitle>{text.title}</CardTitle></CardHeader>
      <CardContent className="space-y-4 text-sm">
        <p>
          {text.current}: <span className="font-mono break-all" data-testid="current-address">{done ? done.url : urlOf(tenant.slug)}</span>
        </p>
        {tenant.previousSlugs.length ? <p className="text-muted-foreground">{text.previous(tenant.previousSlugs.map(urlOf).join(", "))}</p> : null}
        {done ? (
          <Alert>
            <AlertDescription className="space-y-2">
              <p>{text.done(done.url)}</p>
              <p>{text.doneHint(domain, done.onDomain)}</p>
              {done.freed.length ? <p>{text.freed(done.freed.map(urlOf).join(", "))}</p> : null}
              <a ref={link} href={done.loginUrl} className="font-medium text-primary underline underline-offset-4">{text.signInThere}</a>
            </AlertDescription>
          </Alert>
        ) : (
          <form onSubmit={form.onSubmit} className="space-y-2" noValidate>
            <div className="flex flex-wrap items-end gap-2">
              <FormField label={text.field} description={text.hint} error={form.errors.slug} className="min-w-64 flex-1">
                <Input {...form.field("slug")} autoComplete="off" spellCheck={false} placeholder={tenant.slug} />
              </FormField>
              <Button type="submit" variant="outline" loading={form.pending}>{text.submit}</Button>
            </div>
            <p aria-live="polite" data-testid="address-preview" className={live && !live.success ? "text-amber-700" : "text-muted-foreground"}>{hint}</p>
            {form.formError ? <Alert variant="destructive"><AlertDescription>{form.formError}</AlertDescription></Alert> : null}
          </form>
        )}
      </CardContent>
    </Card>
  );
}
