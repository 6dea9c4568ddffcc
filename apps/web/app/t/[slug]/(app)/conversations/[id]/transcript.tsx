"use client";
import { cn } from "@vendaflow/ui/cn";
import {
  Bot,
  Check,
  CheckCheck,
  CircleAlert,
  CircleCheck,
  CircleHelp,
  CircleX,
  Clock,
  Copy,
  FileText,
  Headset,
  Image as ImageIcon,
  MapPin,
  Mic,
  Smile,
  Sticker,
  StickyNote,
  UserRound,
  UserRoundX,
  Video,
  type LucideIcon,
} from "lucide-react";
import { useEffect, useRef } from "react";
import { t } from "../../../../../../lib/i18n";
import { fullDateTime, timeOnly } from "../format";
import { deliveryErrorTitle, locationInfo, mediaInfo, num, obj, optionLabels, str, timeline, type ConversationEvent, type Message } from "./payload";

const c = t.conversations;

export function Transcript({ channel, messages, events }: { channel: string; messages: Message[]; events: ConversationEvent[] }) {
  const items = timeline(messages, events);
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);
  const lastSeq = messages[messages.length - 1]?.seq ?? 0;
  // Follow the conversation as messages arrive (the page polls every few seconds), unless the
  // reader scrolled up to read older messages. Only this box scrolls, never the page.
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lastSeq, items.length]);

  if (items.length === 0) return <p className="py-12 text-center text-sm text-muted-foreground">{c.transcriptEmpty}</p>;
  return (
    <div
      ref={box}
      onScroll={(e) => {
        const el = e.currentTarget;
        follow.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
      className="max-h-[70vh] overflow-y-auto px-2"
      data-testid="transcript"
    >
      <ol className="flex flex-col gap-3 py-2">
        {items.map((it) =>
          it.type === "message" ? (
            <MessageItem key={`m-${it.message.id}`} message={it.message} channel={channel} />
          ) : (
            <EventItem key={`e-${it.event.id}`} event={it.event} />
          ),
        )}
      </ol>
    </div>
  );
}

const senderIcon: Record<string, LucideIcon> = { lead: UserRound, bot: Bot, agent: Headset };

function MessageItem({ message: m, channel }: { message: Message; channel: string }) {
  if (m.sender === "system") {
    return (
      <li className="flex justify-center" data-testid="message" data-sender="system">
        <p className="max-w-[85%] rounded-full bg-muted px-3 py-1 text-center text-xs text-muted-foreground">
          {m.text ?? "—"} <time className="ml-1 opacity-70" dateTime={m.created_at.toISOString()}>{timeOnly(m.created_at)}</time>
        </p>
      </li>
    );
  }
  const outgoing = m.sender !== "lead";
  const note = m.content_type === "note";
  const Icon = note ? StickyNote : (senderIcon[m.sender] ?? UserRound);
  const options = optionLabels(m.payload);
  const senderName = c.senders[m.sender as keyof typeof c.senders] ?? m.sender;
  return (
    <li className={cn("flex flex-col gap-1", outgoing ? "items-end" : "items-start")} data-testid="message" data-sender={m.sender} data-content-type={m.content_type}>
      <div className={cn("flex items-center gap-1.5 text-xs text-muted-foreground", outgoing && "flex-row-reverse")}>
        <Icon aria-hidden="true" className="size-3.5" />
        <span>{note ? c.media.note : senderName}</span>
        <time dateTime={m.created_at.toISOString()} title={fullDateTime(m.created_at)}>{timeOnly(m.created_at)}</time>
      </div>
      <div
        className={cn(
          "max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-xs sm:max-w-[75%]",
          note
            ? "border border-dashed border-warning bg-warning/15 text-foreground"
            : m.sender === "lead"
              ? "rounded-tl-sm bg-muted text-foreground"
              : m.sender === "agent"
                ? "rounded-tr-sm bg-primary text-primary-foreground"
                : "rounded-tr-sm border border-primary/20 bg-primary/10 text-foreground",
        )}
      >
        <Content message={m} />
        {options.length ? (
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label={c.options}>
            {options.map((o, i) => (
              <li key={`${i}-${o}`} className="rounded-full border border-current/20 bg-background/70 px-2 py-0.5 text-xs text-foreground">{o}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {outgoing && channel === "whatsapp" && m.delivery_status ? <Delivery status={m.delivery_status} error={m.delivery_error} /> : null}
    </li>
  );
}

const mediaIcons: Record<string, LucideIcon> = { image: ImageIcon, video: Video, audio: Mic, document: FileText, sticker: Sticker, location: MapPin, reaction: Smile, unsupported: CircleHelp };

function Content({ message: m }: { message: Message }) {
  const type = m.content_type;
  if (type === "text" || type === "interactive" || type === "note" || !(type in mediaIcons)) {
    return <p className="break-words whitespace-pre-wrap">{m.text ?? ""}</p>;
  }
  const Icon = mediaIcons[type]!;
  let title: string = c.media[type as keyof typeof c.media] ?? type;
  const details: string[] = [];
  let body: string | null = null;
  if (type === "location") {
    const l = locationInfo(m.payload);
    body = [l?.name, l?.address].filter(Boolean).join(" — ") || m.text;
    if (l?.latitude !== null && l?.latitude !== undefined && l.longitude !== null) details.push(`${l.latitude.toFixed(5)}, ${l.longitude.toFixed(5)}`);
  } else if (type === "reaction") {
    body = m.text;
    if (!m.text) title = c.media.reactionRemoved;
  } else if (type === "unsupported") {
    const original = str(obj(m.payload)?.originalType);
    if (original) details.push(original);
  } else {
    const media = mediaInfo(m.payload);
    if (type === "audio" && media?.voice) title = c.media.voice;
    if (media?.filename) details.push(media.filename);
    if (media?.mimeType) details.push(media.mimeType);
    if (media?.mediaId) details.push(`${c.mediaId} ${media.mediaId}`);
    body = media?.caption ?? m.text;
  }
  return (
    <div className="space-y-1" data-testid="media-placeholder">
      <div className="flex items-center gap-2 font-medium">
        <Icon aria-hidden="true" className="size-4 shrink-0" />
        <span>{type === "reaction" && body ? `${title}: ${body}` : title}</span>
      </div>
      {details.length ? <p className="font-mono text-xs break-all opacity-75">{details.join(" · ")}</p> : null}
      {body && type !== "reaction" ? <p className="break-words whitespace-pre-wrap">{body}</p> : null}
    </div>
  );
}

function Delivery({ status, error }: { status: string; error: unknown }) {
  const label = c.delivery[status as keyof typeof c.delivery] ?? status;
  if (status === "failed") {
    const title = deliveryErrorTitle(error);
    return (
      <p className="flex items-center gap-1 text-xs text-destructive" data-testid="delivery-status" data-status="failed">
        <CircleX aria-hidden="true" className="size-3.5" />
        {label}{title ? `: ${title}` : ""}
      </p>
    );
  }
  const Icon = status === "pending" ? Clock : status === "sent" ? Check : CheckCheck;
  return (
    <p className={cn("flex items-center gap-1 text-xs", status === "read" ? "text-sky-600 dark:text-sky-400" : "text-muted-foreground")} data-testid="delivery-status" data-status={status} title={label}>
      <Icon aria-hidden="true" className="size-3.5" />
      <span className="sr-only sm:not-sr-only">{label}</span>
    </p>
  );
}

const eventIcons: Record<string, LucideIcon> = { handoff: Headset, qualified: CircleCheck, not_qualified: CircleAlert, closed: CircleCheck, opt_out: UserRoundX, possible_duplicate: Copy };

function eventText(e: ConversationEvent): string {
  const d = obj(e.data);
  const reason = str(d?.reason);
  const score = num(d?.score);
  switch (e.kind) {
    case "handoff":
      return reason ? `${c.events.handoff} — ${c.handoffReasons[reason as keyof typeof c.handoffReasons] ?? reason}` : c.events.handoff;
    case "qualified":
    case "not_qualified":
      return score !== null ? `${c.events[e.kind]} · ${score} ${c.points}` : c.events[e.kind];
    case "closed":
      return reason ? `${c.events.closed} — ${c.closeReasons[reason as keyof typeof c.closeReasons] ?? reason}` : c.events.closed;
    case "possible_duplicate": {
      const email = str(d?.email);
      return email ? `${c.events.possible_duplicate} (${email})` : c.events.possible_duplicate;
    }
    default:
      return c.events[e.kind as keyof typeof c.events] ?? `${c.events.other}: ${e.kind}`;
  }
}

function EventItem({ event: e }: { event: ConversationEvent }) {
  const Icon = eventIcons[e.kind] ?? CircleHelp;
  const tone = e.kind === "qualified" ? "border-success/40 text-success" : e.kind === "opt_out" ? "border-destructive/40 text-destructive" : e.kind === "handoff" ? "border-warning text-foreground" : "text-muted-foreground";
  return (
    <li className="flex items-center gap-3 py-1" data-testid="conversation-event" data-kind={e.kind}>
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
      <span className={cn("flex max-w-[85%] items-center gap-1.5 rounded-full border bg-background px-3 py-1 text-center text-xs font-medium", tone)}>
        <Icon aria-hidden="true" className="size-3.5 shrink-0" />
        <span>{eventText(e)}</span>
        <time className="font-normal opacity-70" dateTime={e.created_at.toISOString()} title={fullDateTime(e.created_at)}>{timeOnly(e.created_at)}</time>
      </span>
      <span aria-hidden="true" className="h-px flex-1 bg-border" />
    </li>
  );
}
