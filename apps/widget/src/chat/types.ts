/**
 * Wire types of /api/widget/*, hand-written to mirror packages/validators/src/widget.ts
 * (zod stays out of the bundle). Keep both in sync.
 */
export type Sender = "lead" | "bot" | "agent" | "system";

export interface WidgetOption {
  id: string;
  label: string;
  text: string;
}

export interface WidgetMessage {
  id: string;
  /** Monotonic across the platform; streams and polls resume with `after=<seq>`. */
  seq: number;
  sender: Sender;
  contentType: string;
  text: string | null;
  options?: WidgetOption[];
  createdAt: string;
}

export interface WidgetTheme {
  name: string;
  botName: string;
  primaryColor: string;
  logoUrl: string;
}

export interface WidgetConsentText {
  version: string;
  service: string;
  marketing: string;
}

/** POST /api/widget/start */
export interface StartInput {
  publicKey: string;
  visitorToken?: string;
}
export interface StartOutput {
  visitorToken: string;
  theme: WidgetTheme;
  consent: WidgetConsentText;
  consented: boolean;
  messages: WidgetMessage[];
}

/** POST /api/widget/consent (Bearer visitorToken) */
export interface ConsentInput {
  version: string;
  service: true;
  marketing: boolean;
}

/** POST /api/widget/send (Bearer visitorToken). The same clientMessageId on retries. */
export type SendInput = { clientMessageId: string; text: string } | { clientMessageId: string; optionId: string };
export interface SendOutput {
  message: WidgetMessage;
}

/** GET /api/widget/messages?after=<seq> (Bearer visitorToken) */
export interface MessagesOutput {
  messages: WidgetMessage[];
  typing: boolean;
}

/** Body of 4xx answers. */
export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: unknown[];
}

export function isMessage(v: unknown): v is WidgetMessage {
  const m = v as WidgetMessage | null;
  return !!m && typeof m === "object" && typeof m.id === "string" && typeof m.seq === "number" && typeof m.sender === "string";
}
