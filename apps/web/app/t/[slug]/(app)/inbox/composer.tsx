"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { renderCanned } from "@vendaflow/core/conversations/canned";
import { Button } from "@vendaflow/ui/button";
import { cn } from "@vendaflow/ui/cn";
import { Select, SelectOption } from "@vendaflow/ui/select";
import { Textarea } from "@vendaflow/ui/textarea";
import { useToast } from "@vendaflow/ui/toast";
import { Clock, MessageSquareText, Send, StickyNote } from "lucide-react";
import { useId, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent, type ReactNode } from "react";
import { useTRPC } from "@/lib/trpc/client";
import { errorMessage } from "@/lib/trpc/errors";
import { AttachFile } from "./attach-file";
import { slashQuery, type InboxDetail, type Me, type TemplateKey } from "./util";
import { inbox as inboxText } from "@/lib/i18n/pt-br/inbox";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { inbox: inboxText };

type Mode = "reply" | "note";

// A touch screen's keyboard has no Shift+Enter: there Enter breaks the line and the button sends
// (as in the phone's own messaging apps); with a physical keyboard Enter sends.
const COARSE = "(pointer: coarse)";
const subscribeCoarse = (onChange: () => void) => {
  const mq = window.matchMedia(COARSE);
  mq.addEventListener("change", onChange);
  return () => mq.removeEventListener("change", onChange);
};
const useCoarsePointer = () => useSyncExternalStore(subscribeCoarse, () => window.matchMedia(COARSE).matches, () => false);

export function Composer({
  detail,
  me,
  canReply,
  canNote,
  windowClosed,
  onSent,
}: {
  detail: InboxDetail;
  me: Me;
  canReply: boolean;
  canNote: boolean;
  windowClosed: boolean;
  onSent: () => void;
}) {
  const trpc = useTRPC();
  const toast = useToast();
  const conv = detail.conversation;
  const resolved = conv.status === "resolved";
  const replyAllowed = canReply && !resolved;
  // The agent's choice, when it is possible; otherwise reply when allowed, else note.
  const [mode, setMode] = useState<Mode | null>(null);
  const effectiveMode: Mode = mode === "note" && canNote ? "note" : replyAllowed || !canNote ? "reply" : "note";
  const [text, setText] = useState("");
  const [caret, setCaret] = useState(0);
  const [dismissed, setDismissed] = useState<number | null>(null);
  const [active, setActive] = useState(0);
  const [templateKey, setTemplateKey] = useState<TemplateKey | "">("");
  const area = useRef<HTMLTextAreaElement>(null);
  const pendingCaret = useRef<number | null>(null);
  const listId = useId();
  const canned = useQuery(trpc.agent.canned.list.queryOptions(undefined, { staleTime: 60_000 }));
  const touch = useCoarsePointer();

  const onError = (err: unknown) => toast.error(errorMessage(err));
  const done = () => {
    setText("");
    setCaret(0);
    onSent();
  };
  const reply = useMutation(trpc.agent.reply.mutationOptions({ onSuccess: done, onError }));
  const note = useMutation(trpc.agent.note.mutationOptions({ onSuccess: done, onError }));
  const template = useMutation(
    trpc.agent.reply.mutationOptions({
      onSuccess: () => {
        toast.success(t.inbox.composer.templateSent);
        setTemplateKey("");
        onSent();
      },
      onError,
    }),
  );
  const pending = reply.isPending || note.isPending;

  // "/atalho" right before the caret opens the canned-response picker.
  const slash = slashQuery(text, caret);
  const suggestions = useMemo(() => {
    if (!slash) return [];
    const q = slash.query;
    const all = canned.data ?? [];
    const starts = all.filter((c) => c.shortcut.toLowerCase().startsWith(q));
    const others = all.filter((c) => !c.shortcut.toLowerCase().startsWith(q) && (c.title.toLowerCase().includes(q) || c.shortcut.toLowerCase().includes(q)));
    return [...starts, ...others].slice(0, 8);
  }, [slash, canned.data]);
  const pickerOpen = Boolean(slash) && dismissed !== slash?.start;
  const activeIndex = suggestions.length ? Math.min(active, suggestions.length - 1) : 0;

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !area.current) return;
    area.current.focus();
    area.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const render = (body: string) => renderCanned(body, { leadName: conv.name, email: conv.email, company: conv.company, agentName: me.name });
  const insert = (item: { body: string }) => {
    if (!slash) return;
    const body = render(item.body);
    const next = text.slice(0, slash.start) + body + text.slice(caret);
    const at = slash.start + body.length;
    setText(next);
    setCaret(at);
    setActive(0);
    pendingCaret.current = at;
  };

  const submit = () => {
    const value = text.trim();
    if (!value || pending) return;
    if (effectiveMode === "reply") {
      if (!replyAllowed || windowClosed) return;
      reply.mutate({ conversationId: conv.id, text: value });
    } else if (canNote) {
      note.mutate({ conversationId: conv.id, text: value });
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (pickerOpen) {
      if (e.key === "Escape") {
        e.preventDefault();
        setDismissed(slash?.start ?? null);
        return;
      }
      if (suggestions.length) {
        if (e.key === "ArrowDown" || e.key === "ArrowUp") {
          e.preventDefault();
          const n = suggestions.length;
          setActive((a) => (e.key === "ArrowDown" ? (Math.min(a, n - 1) + 1) % n : (Math.min(a, n - 1) - 1 + n) % n));
          return;
        }
        if ((e.key === "Enter" && !e.shiftKey) || e.key === "Tab") {
          e.preventDefault();
          insert(suggestions[activeIndex]!);
          return;
        }
      }
    }
    if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing && !touch) {
      e.preventDefault();
      submit();
    }
  };

  const track = (el: HTMLTextAreaElement) => setCaret(el.selectionStart ?? el.value.length);
  const templatesMode = effectiveMode === "reply" && windowClosed && replyAllowed;
  const textDisabled = effectiveMode === "reply" ? !replyAllowed : !canNote;
  const placeholder =
    effectiveMode === "note"
      ? touch ? t.inbox.composer.notePlaceholderTouch : t.inbox.composer.notePlaceholder
      : resolved ? t.inbox.composer.resolvedHint : !canReply ? t.inbox.composer.cannotReply : touch ? t.inbox.composer.replyPlaceholderTouch : t.inbox.composer.replyPlaceholder;

  return (
    <div className={cn("border-t p-3", effectiveMode === "note" && "bg-warning/5")} data-testid="inbox-composer-box" data-mode={effectiveMode}>
      <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
        <div role="radiogroup" aria-label={t.inbox.composer.mode} className="inline-flex gap-1 rounded-lg bg-muted p-1">
          <ModeButton active={effectiveMode === "reply"} disabled={!replyAllowed} onClick={() => setMode("reply")} testId="inbox-mode-reply">
            <MessageSquareText aria-hidden="true" className="size-3.5" />
            {t.inbox.composer.reply}
          </ModeButton>
          <ModeButton active={effectiveMode === "note"} disabled={!canNote} onClick={() => setMode("note")} testId="inbox-mode-note">
            <StickyNote aria-hidden="true" className="size-3.5" />
            {t.inbox.composer.note}
          </ModeButton>
        </div>
        {resolved ? <span className="text-xs text-muted-foreground">{t.inbox.composer.resolvedHint}</span> : null}
      </div>

      {templatesMode ? (
        <div className="space-y-2" data-testid="inbox-template-picker">
          <p className="flex items-start gap-1.5 text-xs text-muted-foreground">
            <Clock aria-hidden="true" className="mt-0.5 size-3.5 shrink-0" />
            {t.inbox.composer.windowClosed}
          </p>
          {detail.templates.length ? (
            <div className="flex gap-2">
              <Select aria-label={t.inbox.composer.template} value={templateKey} onChange={(e) => setTemplateKey(e.target.value as TemplateKey | "")} placeholder={t.inbox.composer.templatePlaceholder} data-testid="inbox-template-select">
                {detail.templates.map((tpl) => (
                  <SelectOption key={tpl.key} value={tpl.key}>
                    {`${t.inbox.templates[tpl.key] ?? tpl.key} (${tpl.name})`}
                  </SelectOption>
                ))}
              </Select>
              <Button type="button" disabled={!templateKey} loading={template.isPending} onClick={() => templateKey && template.mutate({ conversationId: conv.id, templateKey })} data-testid="inbox-send-template">
                <Send aria-hidden="true" />
                {t.inbox.composer.sendTemplate}
              </Button>
            </div>
          ) : (
            <p className="text-sm text-muted-foreground">{t.inbox.composer.noTemplates}</p>
          )}
        </div>
      ) : (
        <form
          className="relative flex items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          {pickerOpen ? (
            <div className="absolute right-0 bottom-full left-0 z-20 mb-2 overflow-hidden rounded-lg border bg-popover text-popover-foreground shadow-lg" data-testid="canned-picker">
              <p className="border-b px-3 py-1.5 text-xs font-medium text-muted-foreground">
                {t.inbox.composer.canned} · <span className="font-normal">{t.inbox.composer.cannedHint}</span>
              </p>
              {suggestions.length ? (
                <ul id={listId} role="listbox" aria-label={t.inbox.composer.canned} className="max-h-64 overflow-y-auto py-1">
                  {suggestions.map((c, i) => (
                    <li
                      key={c.id}
                      id={`${listId}-${i}`}
                      role="option"
                      aria-selected={i === activeIndex}
                      data-testid="canned-option"
                      data-shortcut={c.shortcut}
                      onMouseDown={(e) => {
                        e.preventDefault();
                        insert(c);
                      }}
                      onMouseEnter={() => setActive(i)}
                      className={cn("cursor-pointer px-3 py-2 text-sm", i === activeIndex && "bg-accent text-accent-foreground")}
                    >
                      <span className="font-mono text-xs text-brand-ink">/{c.shortcut}</span> <span className="font-medium">{c.title}</span>
                      <span className="block truncate text-xs text-muted-foreground">{render(c.body)}</span>
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="px-3 py-2 text-sm text-muted-foreground">{t.inbox.composer.cannedEmpty}</p>
              )}
            </div>
          ) : null}
          {effectiveMode === "reply" && conv.channel === "whatsapp" ? <AttachFile conversationId={conv.id} caption={text} disabled={textDisabled} onSent={done} /> : null}
          <Textarea
            ref={area}
            rows={2}
            value={text}
            disabled={textDisabled}
            placeholder={placeholder}
            aria-label={effectiveMode === "note" ? t.inbox.composer.note : t.inbox.composer.label}
            // A textarea (role textbox) takes no aria-expanded; the open picker is tied to it by aria-controls and aria-activedescendant.
            aria-autocomplete="list"
            aria-controls={pickerOpen && suggestions.length ? listId : undefined}
            aria-activedescendant={pickerOpen && suggestions.length ? `${listId}-${activeIndex}` : undefined}
            data-testid="inbox-composer"
            enterKeyHint={touch ? "enter" : "send"}
            className={cn("max-h-48 min-h-11 flex-1 resize-none", effectiveMode === "note" && "border-warning/60")}
            onChange={(e) => {
              setText(e.target.value);
              track(e.target);
              setActive(0);
            }}
            onSelect={(e) => track(e.currentTarget)}
            onClick={(e) => track(e.currentTarget)}
            onKeyDown={onKeyDown}
            onBlur={() => setDismissed(slash?.start ?? null)}
            onFocus={() => setDismissed(null)}
          />
          <Button type="submit" disabled={textDisabled || !text.trim()} loading={pending} data-testid="inbox-send" aria-label={effectiveMode === "note" ? t.inbox.composer.saveNote : t.inbox.composer.send} variant={effectiveMode === "note" ? "secondary" : "default"}>
            {effectiveMode === "note" ? <StickyNote aria-hidden="true" /> : <Send aria-hidden="true" />}
            <span className="hidden sm:inline">{effectiveMode === "note" ? t.inbox.composer.saveNote : t.inbox.composer.send}</span>
          </Button>
        </form>
      )}
    </div>
  );
}

function ModeButton({ active, disabled, onClick, testId, children }: { active: boolean; disabled: boolean; onClick: () => void; testId: string; children: ReactNode }) {
  return (
    <button
      type="button"
      role="radio"
      aria-checked={active}
      disabled={disabled}
      onClick={onClick}
      data-testid={testId}
      className={cn(
        // 24 px tall under a mouse; on a touch screen 40 px, a finger's width.
        "inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-xs font-medium transition-colors outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:cursor-not-allowed disabled:opacity-50 pointer-coarse:min-h-10 pointer-coarse:px-3",
        active ? "bg-background text-foreground shadow-sm" : "text-muted-foreground hover:text-foreground",
      )}
    >
      {children}
    </button>
  );
}
