"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { useToast } from "@vendaflow/ui/toast";
import { Contact } from "lucide-react";
import { useState } from "react";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { obj, str, type Message } from "@/app/t/[slug]/(app)/conversations/[id]/payload";

// A lead's contact cards in the timeline, loaded on demand (timeline.tsx): the page's first load
// stays within the front-end budget.
const wcard = whatsappText.contactCard;

/** The cards of a `contacts` message as stored (core parse-webhook: name, phones, e-mails, company). */
function contactCards(payload: unknown): { name: string | null; phones: string[]; emails: string[]; company: string | null }[] {
  const list = obj(payload)?.contacts;
  if (!Array.isArray(list)) return [];
  return list.map((c) => {
    const o = obj(c);
    const phones = Array.isArray(o?.phones) ? o.phones.map((p) => str(obj(p)?.phone) ?? "").filter(Boolean) : [];
    const emails = Array.isArray(o?.emails) ? o.emails.map((e) => str(obj(e)?.email) ?? "").filter(Boolean) : [];
    return { name: str(o?.name), phones, emails, company: str(o?.company) };
  });
}

/** A lead's contact cards, each with "Adicionar ao lead": complete this conversation's lead, or a new lead for that person. */
export function ContactCards({ message: msg }: { message: Message }) {
  const cards = contactCards(msg.payload);
  const made = obj(obj(msg.payload)?.cardLeads);
  return (
    <div className="space-y-2" data-testid="contact-cards">
      {cards.map((c, i) => (
        <ContactCardItem key={i} messageId={msg.id} index={i} card={c} canAdd={msg.sender === "lead"} leadId={str(made?.[String(i)])} />
      ))}
    </div>
  );
}

function ContactCardItem({ messageId, index, card, canAdd, leadId }: { messageId: string; index: number; card: ReturnType<typeof contactCards>[number]; canAdd: boolean; leadId: string | null }) {
  const trpc = useTRPC();
  const qc = useQueryClient();
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [useName, setUseName] = useState(Boolean(card.name));
  const [phone, setPhone] = useState<number | null>(card.phones.length ? 0 : null);
  const [email, setEmail] = useState<number | null>(card.emails.length ? 0 : null);
  const add = useMutation(
    trpc.agent.addContactCard.mutationOptions({
      onSuccess: (r) => {
        const names = (fs: string[]) => fs.map((f) => wcard.fieldNames[f] ?? f);
        if (r.created) toast.success(wcard.created);
        else if (r.existing) toast.success(wcard.existing);
        else toast.success(r.filled.length ? wcard.filled(names(r.filled)) : wcard.nothing);
        if (r.kept.length) toast.success(wcard.kept(names(r.kept)));
        setOpen(false);
        void qc.invalidateQueries({ queryKey: trpc.conversations.get.pathKey() });
      },
      onError: (err) => toast.error(errorMessage(err)),
    }),
  );
  const chosen = useName || phone !== null || email !== null;
  const submit = (mode: "complete" | "create") => add.mutate({ messageId, card: index, mode, name: useName, phone, email });
  const choices = (label: string, values: string[], value: number | null, set: (v: number | null) => void, testId: string) =>
    values.length ? (
      <fieldset className="space-y-0.5">
        <legend className="text-xs font-medium">{label}</legend>
        {values.map((v, i) => (
          <label key={i} className="flex items-center gap-1.5 text-xs">
            <input type="radio" name={`${messageId}-${index}-${testId}`} checked={value === i} onChange={() => set(i)} data-testid={`${testId}-${i}`} />
            <span className="break-all">{v}</span>
          </label>
        ))}
        <label className="flex items-center gap-1.5 text-xs">
          <input type="radio" name={`${messageId}-${index}-${testId}`} checked={value === null} onChange={() => set(null)} />
          {wcard.none}
        </label>
      </fieldset>
    ) : null;
  return (
    <div className="space-y-1 rounded-lg border border-current/15 bg-background/60 p-2 text-foreground" data-testid="contact-card">
      <p className="flex items-center gap-1.5 font-medium">
        <Contact aria-hidden="true" className="size-4" />
        {card.name ?? wcard.unnamed}
        {card.company ? <span className="text-xs font-normal opacity-75">· {card.company}</span> : null}
      </p>
      {card.phones.map((p, i) => <p key={`p${i}`} className="font-mono text-xs">{p}</p>)}
      {card.emails.map((e, i) => <p key={`e${i}`} className="text-xs break-all">{e}</p>)}
      {leadId ? (
        <a href={`/leads/${leadId}`} className="text-xs underline" data-testid="contact-card-lead">{wcard.openLead}</a>
      ) : null}
      {canAdd && !open ? (
        <Button type="button" size="sm" variant="outline" onClick={() => setOpen(true)} data-testid="contact-card-add">{wcard.add}</Button>
      ) : null}
      {canAdd && open ? (
        <div className="space-y-2 border-t border-current/10 pt-2">
          {card.name ? (
            <label className="flex items-center gap-1.5 text-xs">
              <input type="checkbox" checked={useName} onChange={(e) => setUseName(e.target.checked)} data-testid="contact-card-name" />
              {wcard.useName}: {card.name}
            </label>
          ) : null}
          {choices(wcard.phone, card.phones, phone, setPhone, "contact-card-phone")}
          {choices(wcard.email, card.emails, email, setEmail, "contact-card-email")}
          <div className="flex flex-wrap gap-1.5">
            <Button type="button" size="sm" disabled={!chosen || add.isPending} onClick={() => submit("complete")} title={wcard.completeHint} data-testid="contact-card-complete">{wcard.complete}</Button>
            <Button type="button" size="sm" variant="outline" disabled={!chosen || add.isPending} onClick={() => submit("create")} title={wcard.createHint} data-testid="contact-card-create">{wcard.create}</Button>
            <Button type="button" size="sm" variant="ghost" onClick={() => setOpen(false)}>{wcard.cancel}</Button>
          </div>
          <p className="text-xs opacity-75">{wcard.completeHint} {wcard.createHint}</p>
        </div>
      ) : null}
    </div>
  );
}
