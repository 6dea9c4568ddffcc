/**
 * Calendly's half of a reschedule (canceled, `rescheduled`) whose new booking never came: the
 * meeting still happens, at a time we were not told, and its line stays open, so the people it is
 * for can still say what came of it. If the booking comes after all, it reopens the line
 * (meetings.ts, booked()). Reuniões and Atividades read it as `awaiting_new_time`.
 */
export const awaitingNewTime = (m: { status: string; rescheduled_to: string | null }) => m.status === "rescheduled" && m.rescheduled_to === null;
