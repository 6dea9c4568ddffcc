"use client";
import { cn } from "@vendaflow/ui/cn";
import {
  ArrowLeftRight,
  Bot,
  Briefcase,
  CalendarCheck,
  CalendarClock,
  CalendarX,
  Check,
  CheckCheck,
  CircleAlert,
  CircleCheck,
  CircleHelp,
  CircleX,
  Clock,
  Copy,
  FileText,
  GitMerge,
  Hand,
  Headset,
  History,
  Image as ImageIcon,
  ListOrdered,
  MapPin,
  Mic,
  RotateCcw,
  Route,
  ShieldCheck,
  Smile,
  Sticker,
  StickyNote,
  TriangleAlert,
  UserRound,
  UserRoundCheck,
  UserRoundMinus,
  UserRoundX,
  Video,
  type LucideIcon,
} from "lucide-react";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Button } from "@vendaflow/ui/button";
import { CardLoading, onDemand } from "@/components/loading";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { conversations as conversationsText } from "@/lib/i18n/pt-br/conversations";
import { inboxTimeline } from "@/lib/i18n/pt-br/inbox-timeline";
import { whatsapp as whatsappText } from "@/lib/i18n/pt-br/whatsapp";
import { useTRPC, useTRPCClient } from "@/lib/trpc/client";
import { keepSlidOut, refreshOlder, type Older } from "@/lib/transcript-pages";
import { mediaKindName } from "@/lib/media-kind";
import { fullDateTime, timeOnly } from "@/app/t/[slug]/(app)/conversations/format";
import { locationInfo, mediaInfo, obj, optionLabels, str, timeline, transcriptInfo, type ConversationEvent, type Message } from "@/app/t/[slug]/(app)/conversations/[id]/payload";

// The catalog areas this file reads, imported one by one so the bundle carries only these (lib/i18n/index.ts).
const t = { conversations: conversationsText, inbox: inboxTimeline, whatsapp: whatsappText };

// Why a reply failed (WhatsApp's codes in pt-BR) comes with the first failure, not with every conversation page.
const DeliveryFailureReason = onDemand(() => import("./delivery-failure").then((m) => m.DeliveryFailureReason), () => null);

// A contact card's "Adicionar ao lead" form comes with its first card, not with the conversation page.
const ContactCards = onDemand(() => import("./contact-cards").then((m) => m.ContactCards), () => <CardLoading className="h-16" />);
const hasContactCards = (payload: unknown) => {
  const contacts = obj(payload)?.contacts;
  return Array.isArray(contacts) && contacts.length > 0;
};

/**
 * Messages (lead, bot, agent, internal notes) and routing/agent events, following new ones as they
 * arrive. `messages` is the newest page (conversations.get, refetched live; `refreshedAt` is when it
 * last came); older pages load on demand at the top, stay while the newest page is refetched, and
 * are re-read with it (one conversations.messageRange), so their ticks, edits and deletes show too.
 */
export function InboxTimeline({ conversationId, messages, hasOlder, refreshedAt, events, names }: { conversationId: string; messages: Message[]; hasOlder: boolean; refreshedAt: number; events: ConversationEvent[]; names: (userId: string | null | undefined) => string | null }) {
  const client = useTRPCClient();
  const [older, setOlder] = useState<Older<Message> | null>(null);
  const [prevNewest, setPrevNewest] = useState(messages);
  if (prevNewest !== messages) {
    setPrevNewest(messages);
    if (older) setOlder(keepSlidOut(older, prevNewest, messages));
  }
  const first = messages[0]?.seq;
  const shown = older ? [...older.messages.filter((m) => first === undefined || m.seq < first), ...messages] : messages;
  const more = older ? older.hasOlder : hasOlder;
  // Events before the first message shown belong to the part not loaded yet.
  const from = more ? shown[0]?.created_at.getTime() : undefined;
  const items = timeline(shown, from === undefined ? events : events.filter((e) => e.created_at.getTime() >= from));

  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  // Where the box was when an older page arrived: the messages the agent was reading stay in place.
  const anchor = useRef<{ height: number; top: number } | null>(null);
  const loadOlder = useMutation({
    mutationFn: (before: number) => client.conversations.messages.query({ conversationId, before }),
    onSuccess: (page) => {
      const el = box.current;
      anchor.current = el ? { height: el.scrollHeight, top: el.scrollTop } : null;
      setOlder((o) => ({ messages: [...page.messages, ...(o?.messages ?? [])], hasOlder: page.hasOlder }));
    },
  });

  // The older range shown, as of the last render: read by the refresh below when the newest page comes again.
  const range = useRef<{ from: number; before: number } | null>(null);
  const olderFrom = older?.messages[0]?.seq;
  useEffect(() => {
    range.current = olderFrom !== undefined && first !== undefined ? { from: olderFrom, before: first } : null;
  });
  const refreshes = useRef(0);
  useEffect(() => {
    const r = range.current;
    if (!r) return;
    const n = ++refreshes.current;
    client.conversations.messageRange
      .query({ conversationId, ...r })
      // Only the latest refresh lands (an earlier one answering late would bring older states back).
      .then((page) => n === refreshes.current && setOlder((o) => (o ? refreshOlder(o, page.messages) : o)))
      // A failed refresh leaves the older messages as they were; the next refetch tries again.
      .catch(() => undefined);
  }, [client, conversationId, refreshedAt]);

  useLayoutEffect(() => {
    const el = box.current;
    const a = anchor.current;
    anchor.current = null;
    if (el && a) el.scrollTop = a.top + (el.scrollHeight - a.height);
  }, [older]);

  const lastSeq = messages[messages.length - 1]?.seq ?? 0;
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lastSeq, items.length]);

  const oldest = shown[0]?.seq;
  return (
    <div
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 64;
      }}
      // Always a tab stop (a labelled region), so the keyboard can scroll the messages whether or not
      // anything in them takes focus yet (axe's scrollable-region-focusable, on every render).
      role="region"
      aria-label={t.inbox.timeline.label}
      tabIndex={0}
      className="min-h-0 flex-1 overflow-y-auto px-3 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-ring sm:px-4"
      data-testid="inbox-timeline"
    >
      {items.length === 0 ? <p className="py-12 text-center text-sm text-muted-foreground">{t.conversations.transcriptEmpty}</p> : null}
      {more && oldest !== undefined ? (
        <div className="flex flex-col items-center gap-1 pt-4" aria-busy={loadOlder.isPending || undefined}>
          <Button variant="outline" size="sm" onClick={() => loadOlder.mutate(oldest)} loading={loadOlder.isPending} loadingText={t.inbox.timeline.loadingOlder} data-testid="inbox-load-older">
            <History aria-hidden="true" />
            {t.inbox.timeline.loadOlder}
          </Button>
          {loadOlder.isError ? <p role="alert" className="text-xs text-destructive" data-testid="inbox-load-older-error">{t.inbox.timeline.loadOlderError}</p> : null}
        </div>
      ) : older ? (
        <p className="pt-4 text-center text-xs text-muted-foreground" data-testid="inbox-history-start">{t.inbox.timeline.historyStart}</p>
      ) : null}
      <ol className="flex flex-col gap-3 py-4">
        {items.map((it) => (it.type === "message" ? <MessageItem key={`m-${it.message.id}`} message={it.message} /> : <EventItem key={`e-${it.event.id}`} event={it.event} names={names} />))}
      </ol>
    </div>
  );
}

const senderIcon: Record<string, LucideIcon> = { lead: UserRound, bot: Bot, agent: Headset };

function MessageItem({ message: msg }: { message: Message }) {
  const note = msg.content_type === "note";
  if (msg.sender === "system" && !note) {
    return (
      <li className="flex justify-center" data-testid="inbox-message" data-sender="system">
        <p className="max-w-[85%] rounded-full bg-muted px-3 py-1 text-center text-xs text-muted-foreground">
          {msg.text ?? "—"} <time className="ml-1" dateTime={msg.created_at.toISOString()}>{timeOnly(msg.created_at)}</time>
        </p>
      </li>
    );
  }
  if (note) {
    const summary = str(obj(msg.payload)?.kind) === "handoff_summary";
    return (
      <li className="flex justify-center" data-testid="inbox-message" data-sender={msg.sender} data-content-type="note">
        <div className="w-full max-w-[92%] rounded-lg border border-dashed border-warning bg-warning/10 px-3.5 py-2 text-sm">
          <p className="mb-1 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-warning-foreground uppercase">
            <StickyNote aria-hidden="true" className="size-3.5 text-warning" />
            <span className="text-foreground">{summary ? t.inbox.timeline.handoffSummary : t.inbox.timeline.note}</span>
            <span className="font-normal text-muted-foreground normal-case">
              {msg.sender === "agent" ? t.conversations.senders.agent : t.conversations.senders.system} · <time dateTime={msg.created_at.toISOString()} title={fullDateTime(msg.created_at)}>{timeOnly(msg.created_at)}</time>
            </span>
          </p>
          <p className="break-words whitespace-pre-wrap">{msg.text ?? ""}</p>
        </div>
      </li>
    );
  }
  const outgoing = msg.sender !== "lead";
  const Icon = senderIcon[msg.sender] ?? UserRound;
  const options = optionLabels(msg.payload);
  const templateKey = str(obj(msg.payload)?.templateKey);
  return (
    <li className={cn("flex flex-col gap-1", outgoing ? "items-end" : "items-start")} data-testid="inbox-message" data-sender={msg.sender} data-content-type={msg.content_type}>
      <div className={cn("flex items-center gap-1.5 text-xs text-muted-foreground", outgoing && "flex-row-reverse")}>
        <Icon aria-hidden="true" className="size-3.5" />
        <span>{t.conversations.senders[msg.sender as keyof typeof t.conversations.senders] ?? msg.sender}</span>
        <time dateTime={msg.created_at.toISOString()} title={fullDateTime(msg.created_at)}>{timeOnly(msg.created_at)}</time>
      </div>
      <div
        className={cn(
          "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-xs sm:max-w-[75%]",
          msg.sender === "lead" ? "rounded-tl-sm bg-muted text-foreground" : msg.sender === "agent" ? "rounded-tr-sm bg-primary text-primary-foreground" : "rounded-tr-sm border border-primary/20 bg-primary/10 text-foreground",
        )}
      >
        {templateKey ? (
          <p className="flex items-center gap-1.5 font-medium">
            <FileText aria-hidden="true" className="size-4" />
            {t.inbox.timeline.template}: {t.inbox.templates[templateKey] ?? templateKey}
          </p>
        ) : (
          <Content message={msg} />
        )}
        {options.length ? (
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={t.conversations.options}>
            {options.map((o, i) => (
              <li key={`${i}-${o}`} className="rounded-full border border-current/20 bg-background/70 px-2 py-0.5 text-xs text-foreground">{o}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {msg.sender === "agent" && msg.delivery_status ? <Delivery status={msg.delivery_status} error={msg.delivery_error} /> : null}
    </li>
  );
}

const mediaIcons: Record<string, LucideIcon> = { image: ImageIcon, video: Video, audio: Mic, document: FileText, sticker: Sticker, location: MapPin, reaction: Smile, unsupported: CircleHelp };

function Content({ message: msg }: { message: Message }) {
  const type = msg.content_type;
  if (type === "contacts" && hasContactCards(msg.payload)) return <ContactCards message={msg} />;
  if (!(type in mediaIcons)) return msg.text_truncated ? <LongText message={msg} /> : <p className="break-words whitespace-pre-wrap">{msg.text ?? ""}</p>;
  const Icon = mediaIcons[type]!;
  let title: string = t.conversations.media[type as keyof typeof t.conversations.media] ?? type;
  const details: string[] = [];
  let body: string | null = null;
  if (type === "location") {
    const l = locationInfo(msg.payload);
    body = [l?.name, l?.address].filter(Boolean).join(" — ") || msg.text;
    if (l?.latitude != null && l.longitude != null) details.push(`${l.latitude.toFixed(5)}, ${l.longitude.toFixed(5)}`);
  } else if (type === "reaction") {
    body = msg.text;
    if (!msg.text) title = t.conversations.media.reactionRemoved;
  } else if (type === "unsupported") {
    const original = str(obj(msg.payload)?.originalType);
    if (original) details.push(original);
  } else {
    const media = mediaInfo(msg.payload);
    if (type === "audio" && media?.voice) title = t.conversations.media.voice;
    if (media?.filename) details.push(media.filename);
    const kind = mediaKindName(media?.mimeType, type);
    if (kind) details.push(kind);
    body = media?.caption ?? msg.text;
  }
  return (
    <div className="space-y-1" data-testid="media-placeholder">
      <div className="flex items-center gap-2 font-medium">
        <Icon aria-hidden="true" className="size-4 shrink-0" />
        <span>{type === "reaction" && body ? `${title}: ${body}` : title}</span>
      </div>
      {msg.file_id ? <MediaFile message={msg} /> : null}
      {type === "audio" ? <Transcript payload={msg.payload} /> : null}
      {details.length ? <p className="font-mono text-xs break-all opacity-75">{details.join(" · ")}</p> : null}
      {body && type !== "reaction" ? <p className="break-words whitespace-pre-wrap">{body}</p> : null}
    </div>
  );
}

const wmedia = t.whatsapp.media;

/** Under a voice note's player: what the AI layer heard (what the bot read as the lead's answer), or why not. */
function Transcript({ payload }: { payload: unknown }) {
  const tr = transcriptInfo(payload);
  if (!tr) return null;
  if (tr.status === "done" && tr.text) {
    return (
      <blockquote className="border-l-2 pl-2 text-sm" data-testid="media-transcript" title={tr.model ?? undefined}>
        <span className="block text-xs font-medium opacity-75">{wmedia.transcript}</span>
        <span className="break-words whitespace-pre-wrap italic">{tr.text}</span>
      </blockquote>
    );
  }
  return (
    <p className="text-xs opacity-75" data-testid="media-transcript" data-status={tr.status}>
      {tr.status === "too_long" ? wmedia.transcriptTooLong : wmedia.transcriptFailed}
    </p>
  );
}

/** The file itself, served only to this tenant by /api/media: image preview, players, or a download link. */
function MediaFile({ message: msg }: { message: Message }) {
  if (msg.file_status !== "stored") {
    const label = msg.file_status === "failed" ? wmedia.failed : msg.file_status === "refused" ? wmedia.refused : wmedia.pending;
    return <p className="text-xs opacity-75" data-testid="media-status" data-status={msg.file_status}>{label}</p>;
  }
  const src = `/api/media/${msg.file_id}`;
  const playable = msg.file_type !== "application/octet-stream";
  if (playable && (msg.content_type === "image" || msg.content_type === "sticker")) {
    return (
      <a href={src} target="_blank" rel="noreferrer" title={wmedia.open}>
        <img src={src} alt={msg.file_name ?? t.conversations.media[msg.content_type]} loading="lazy" className="max-h-64 max-w-full rounded-lg" data-testid="media-image" />
      </a>
    );
  }
  if (playable && msg.content_type === "audio") return <audio controls preload="none" src={src} className="w-64 max-w-full" data-testid="media-audio" />;
  if (playable && msg.content_type === "video") return <video controls preload="metadata" src={src} className="max-h-64 max-w-full rounded-lg" data-testid="media-video" />;
  return (
    <a href={src} download={msg.file_name ?? true} className="inline-flex items-center gap-1 underline" data-testid="media-download">
      <FileText aria-hidden="true" className="size-4" />
      {msg.file_name ?? wmedia.download}
      {msg.file_size != null ? <span className="text-xs opacity-75">({Math.max(1, Math.round(Number(msg.file_size) / 1024))} KB)</span> : null}
    </a>
  );
}

/** ✓ sent, ✓✓ delivered, blue ✓✓ read, ✕ failed. */
function Delivery({ status, error }: { status: string; error: unknown }) {
  const label = t.inbox.delivery[status] ?? status;
  if (status === "failed") {
    return (
      <p className="flex items-center gap-1 text-xs text-destructive" data-testid="delivery-status" data-status="failed">
        <CircleX aria-hidden="true" className="size-3.5 shrink-0" />
        <span>
          {label}
          {error ? <DeliveryFailureReason error={error} /> : null}
        </span>
      </p>
    );
  }
  const Icon = status === "pending" ? Clock : status === "sent" ? Check : CheckCheck;
  return (
    <p className={cn("flex items-center gap-1 text-xs", status === "read" ? "text-sky-600 dark:text-sky-400" : "text-muted-foreground")} data-testid="delivery-status" data-status={status} title={label}>
      <Icon aria-hidden="true" className="size-3.5" />
      <span>{label}</span>
    </p>
  );
}

const eventIcons: Record<string, LucideIcon> = {
  handoff: Headset,
  routed: Route,
  queued: ListOrdered,
  assigned: UserRoundCheck,
  unassigned: UserRoundMinus,
  takeover: Hand,
  hand_back: Bot,
  resolved: CircleCheck,
  reopened: RotateCcw,
  rerouted: ArrowLeftRight,
  reroute_failed: CircleAlert,
  sla_breached: TriangleAlert,
  qualified: CircleCheck,
  not_qualified: CircleAlert,
  closed: CircleCheck,
  opt_out: UserRoundX,
  possible_duplicate: Copy,
  business_app_reply: Hand,
  meeting_offered: CalendarClock,
  meeting_slots: CalendarClock,
  meeting_slot_chosen: CalendarCheck,
  meeting_slot_taken: CalendarX,
  meeting_slot_failed: CalendarX,
  meeting_scheduled: CalendarCheck,
  meeting_rescheduled: CalendarClock,
  meeting_canceled: CalendarX,
  meeting_reminder: Clock,
  lead_converted: Briefcase,
  lead_merged: GitMerge,
  privacy_request: ShieldCheck,
};

function eventText(e: ConversationEvent, names: (id: string | null | undefined) => string | null): string {
  const d = obj(e.data);
  const base = t.inbox.events[e.kind] ?? `${t.inbox.events.other}: ${e.kind}`;
  switch (e.kind) {
    case "handoff": {
      const reason = str(d?.reason);
      return reason ? `${base} — ${t.conversations.handoffReasons[reason as keyof typeof t.conversations.handoffReasons] ?? reason}` : base;
    }
    case "assigned":
      return `${base} ${names(str(d?.userId)) ?? t.inbox.events.someone}`;
    case "rerouted":
      return `${base} ${names(str(d?.to)) ?? t.inbox.events.someone}`;
    case "takeover":
      return `${base} ${names(e.actor_user_id) ?? t.inbox.events.someone}`;
    case "hand_back": {
      const step = str(d?.stepId);
      return step ? `${base} (${t.inbox.events.step} ${step})` : base;
    }
    case "closed": {
      const reason = str(d?.reason);
      return reason ? `${base} — ${t.conversations.closeReasons[reason as keyof typeof t.conversations.closeReasons] ?? reason}` : base;
    }
    default:
      return base;
  }
}

function EventItem({ event: e, names }: { event: ConversationEvent; names: (id: string | null | undefined) => string | null }) {
  const Icon = eventIcons[e.kind] ?? CircleHelp;
  const tone =
    e.kind === "sla_breached" || e.kind === "opt_out" || e.kind === "reroute_failed"
      ? "border-destructive/40 text-destructive"
      : e.kind === "qualified" || e.kind === "resolved"
        ? "border-success/40 text-success"
        : e.kind === "handoff" || e.kind === "takeover" || e.kind === "assigned"
          ? "border-warning text-foreground"
          : "text-muted-foreground";
  return (
    <li className="flex items-center gap-3 py-1" data-testid="inbox-event" data-kind={e.kind}>
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
      <span className={cn("flex max-w-[85%] items-center gap-1.5 rounded-full border bg-background px-3 py-1 text-center text-xs font-medium", tone)}>
        <Icon aria-hidden="true" className="size-3.5 shrink-0" />
        <span>{eventText(e, names)}</span>
        <time className="font-normal" dateTime={e.created_at.toISOString()} title={fullDateTime(e.created_at)}>{timeOnly(e.created_at)}</time>
      </span>
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
    </li>
  );
}

/** A text the transcript cut (it is polled): the start, and the whole text once asked for. */
function LongText({ message: msg }: { message: Message }) {
  const trpc = useTRPC();
  const [open, setOpen] = useState(false);
  const full = useQuery({ ...trpc.conversations.messageText.queryOptions({ messageId: msg.id }), enabled: open, staleTime: Infinity });
  return (
    <div>
      <p className="break-words whitespace-pre-wrap" data-testid="message-text">{open && full.data ? full.data.text : `${msg.text ?? ""}…`}</p>
      {open && full.isPending ? <p className="mt-1 text-xs opacity-75">{t.inbox.timeline.longTextLoading}</p> : null}
      {open && full.isError ? <p className="mt-1 text-xs text-destructive">{t.inbox.timeline.longTextError}</p> : null}
      {!open ? (
        <button type="button" className="mt-1 text-xs font-medium underline underline-offset-2" onClick={() => setOpen(true)} data-testid="show-full-text">
          {t.inbox.timeline.showFullText}
        </button>
      ) : null}
    </div>
  );
}

