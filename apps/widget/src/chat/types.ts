/**
 * Wire types of /api/widget/*: the server's zod schemas (packages/validators/src/widget.ts), imported
 * as types only so zod stays out of the bundle (the lint rule refuses a value import).
 */
import type {
  WidgetConsentInput,
  WidgetConsentText,
  WidgetMessage,
  WidgetMessagesOutput,
  WidgetOption,
  WidgetSendInput,
  WidgetSendOutput,
  WidgetSender,
  WidgetStartInput,
  WidgetStartOutput,
  WidgetTheme,
} from "@vendaflow/validators/widget";

export type { WidgetConsentText, WidgetMessage, WidgetOption, WidgetTheme };
export type Sender = WidgetSender;
/** POST /api/widget/start */
export type StartInput = WidgetStartInput;
export type StartOutput = WidgetStartOutput;
/** POST /api/widget/consent (Bearer visitorToken) */
export type ConsentInput = WidgetConsentInput;
/** POST /api/widget/send (Bearer visitorToken). The same clientMessageId on retries. */
export type SendInput = WidgetSendInput;
export type SendOutput = WidgetSendOutput;
/** GET /api/widget/messages?after=<seq> (Bearer visitorToken) */
export type MessagesOutput = WidgetMessagesOutput;

/** Body of 4xx answers (apps/web/lib/server/http.ts problem()). */
export interface ApiErrorBody {
  error: string;
  message: string;
  issues?: unknown[];
}

export function isMessage(v: unknown): v is WidgetMessage {
  const m = v as WidgetMessage | null;
  return !!m && typeof m === "object" && typeof m.id === "string" && typeof m.seq === "number" && typeof m.sender === "string";
}
