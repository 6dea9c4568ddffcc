import { createHmac, randomInt, timingSafeEqual } from "node:crypto";
import { REQUEST_TRANSITIONS, type RequestKind, type RequestStatus } from "@vendaflow/validators/privacy";
import { addBusinessDays, addCalendarDaysToBusinessDay, brasiliaDate, businessDaysBetween, type IsoDate } from "./business-days";

/** Pure rules of the data subject requests: protocol, code, deadline, transitions. */

const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A protocol the subject can quote: LGPD-YYYYMMDD-XXXXXX (date in Brasília, 6 unambiguous chars). */
export function newProtocol(now: Date, rand: (max: number) => number = randomInt): string {
  let tail = "";
  for (let i = 0; i < 6; i++) tail += ALPHABET[rand(ALPHABET.length)];
  return `LGPD-${brasiliaDate(now).replaceAll("-", "")}-${tail}`;
}

export function newCode(rand: (max: number) => number = randomInt): string {
  return String(rand(1_000_000)).padStart(6, "0");
}

/** HMAC of the code bound to its request, so a leaked hash cannot be replayed on another one. */
export function hashCode(secret: string, requestId: string, code: string): string {
  return createHmac("sha256", secret).update(`${requestId}:${code}`).digest("hex");
}

export function codeMatches(secret: string, requestId: string, code: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashCode(secret, requestId, code), "hex");
  const b = Buffer.from(hash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Art. 19 II: complete answer within 15 days of the request, moved to the next business day. */
export const ANSWER_DAYS = 15;
export function dueDateOf(verifiedAt: Date): IsoDate {
  return addCalendarDaysToBusinessDay(brasiliaDate(verifiedAt), ANSWER_DAYS);
}

/** Business days left until the deadline (negative when late). */
export function businessDaysLeft(dueDate: IsoDate, now: Date): number {
  return businessDaysBetween(brasiliaDate(now), dueDate);
}

/** Reminders go out when 3 business days or fewer remain. */
export const REMIND_WITHIN_BUSINESS_DAYS = 3;
export function needsReminder(r: { status: RequestStatus; dueDate: IsoDate | null; remindedAt: Date | null }, now: Date): boolean {
  if (!r.dueDate || r.remindedAt || !["open", "in_progress"].includes(r.status)) return false;
  return businessDaysLeft(r.dueDate, now) <= REMIND_WITHIN_BUSINESS_DAYS;
}

/**
 * The sweep's cut for the database: a deadline before this day has 3 business days or fewer left
 * (needsReminder's test, holidays included), one on or after it has more.
 */
export function firstDeadlineNotYetReminded(now: Date): IsoDate {
  return addBusinessDays(brasiliaDate(now), REMIND_WITHIN_BUSINESS_DAYS + 1);
}

export function canMove(from: RequestStatus, to: RequestStatus): boolean {
  return REQUEST_TRANSITIONS[from].includes(to);
}

/** Art. 19 I: a confirmation of existence is answered in simplified form right away. */
export const answersImmediately = (kind: RequestKind) => kind === "confirmation";
