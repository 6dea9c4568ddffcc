import { sql, type SqlBool } from "kysely";

/**
 * What counts as someone's work among the activities `a` (the alias is part of the contract):
 * calls, e-mails, meetings and tasks, not deleted; not notes (written done) nor the system's log
 * lines, except a meeting the lead booked (Calendly / Cal.com, scheduling/meetings.ts): its line is
 * the system's, assigned to whom the meeting is for, and open until the meeting is held, missed or
 * canceled (a reschedule moves it). Open work is this with `a.completed_at is null`. Read by
 * "Atividades" (agenda.ts) and the deals board's next activity (deal-board.ts), so the two agree.
 */
export const isWork = sql<SqlBool>`(a.deleted_at is null and a.type <> 'note' and (a.system_event is null or a.system_event = 'meeting_scheduled'))`;
