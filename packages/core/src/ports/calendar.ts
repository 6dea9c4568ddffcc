/** The scheduling services a tenant can connect (docs/scheduling.md). */
export type CalendarProvider = "calendly" | "calcom";

/** Whose calendar the token opens: Calendly's user and organization URIs, Cal.com's user id. */
export interface CalendarAccount {
  ref: string;
  organizationRef: string | null;
  name: string;
  /** Cal.com's username (its booking pages live under it); null for Calendly. */
  handle: string | null;
}

/** A bookable kind of meeting (Calendly event type URI / Cal.com event type id) and its public page. */
export interface CalendarEventType {
  ref: string;
  name: string;
  bookingUrl: string;
  durationMinutes: number | null;
}

/** A booking made through the provider's API (Cal.com books directly from the chat). */
export interface CalendarBooking {
  externalId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  joinUrl: string | null;
}

export interface BookInput {
  eventTypeRef: string;
  start: Date;
  name: string;
  email: string;
  timeZone: string;
  /** Round-trips to the webhook (Cal.com metadata): the lead reference. */
  metadata: Record<string, string>;
}

/**
 * One tenant's account at one provider, opened with its token. A rejected token throws
 * `CalendarAuthError`; any other failure throws an Error with the provider's message.
 */
export interface CalendarClient {
  readonly provider: CalendarProvider;
  account(): Promise<CalendarAccount>;
  eventTypes(account: CalendarAccount): Promise<CalendarEventType[]>;
  /** Creates the signed webhook subscription for booked / canceled (/ rescheduled) events. */
  subscribe(input: { account: CalendarAccount; callbackUrl: string; secret: string }): Promise<{ ref: string }>;
  unsubscribe(ref: string): Promise<void>;
  /** Free start times of an event type between two instants, earliest first (Cal.com only). */
  freeSlots?(eventTypeRef: string, from: Date, to: Date, timeZone: string): Promise<Date[]>;
  /** Books a slot for the lead (Cal.com only). */
  book?(input: BookInput): Promise<CalendarBooking>;
}

export class CalendarAuthError extends Error {
  constructor(message = "Token recusado pelo serviço de agenda") {
    super(message);
    this.name = "CalendarAuthError";
  }
}

/** By name, not instanceof: the app's bundles may hold more than one copy of this module. */
export const isCalendarAuthError = (err: unknown): boolean => err instanceof Error && err.name === "CalendarAuthError";

/**
 * Opens a tenant's account at Calendly or Cal.com with its own token. Adapters:
 * `connectors/calendly/calendly-client.ts` and `connectors/calcom/calcom-client.ts` (plain fetch:
 * neither service ships an official Node SDK); their base URLs come from the env so tests point
 * them at the wire-format stand-ins. No embedded adapter: each tenant brings its own token.
 */
export interface Calendar {
  open(provider: CalendarProvider, token: string): CalendarClient;
  /** The platform's Calendly OAuth app, when CALENDLY_CLIENT_ID / CALENDLY_CLIENT_SECRET are set (else null: tokens only). */
  calendlyOAuth?: CalendlyOAuth | null;
}

/** What Calendly's token endpoint grants: a 2-hour access token and a single-use refresh token. */
export interface CalendarTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date | null;
}

/**
 * Calendly OAuth 2.0 (authorization code), adapter `connectors/calendly/calendly-oauth.ts`. A
 * refused code or refresh token throws CalendarAuthError; anything else an Error.
 */
export interface CalendlyOAuth {
  authorizeUrl(input: { state: string; redirectUri: string }): string;
  exchange(input: { code: string; redirectUri: string }, now: Date): Promise<CalendarTokens>;
  /** Refresh tokens are single-use: the pair returned replaces the stored one at once. */
  refresh(refreshToken: string, now: Date): Promise<CalendarTokens>;
}
