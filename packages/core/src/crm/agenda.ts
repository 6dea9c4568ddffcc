import { sql, type SqlBool, type Expression } from "kysely";
import type { TenantTx } from "@vendaflow/db/with-tenant";
import type { AgendaBucket, AgendaCountsInput, AgendaInput } from "@vendaflow/validators/crm";
import { brasiliaDate, endOfBrasiliaDay } from "../privacy/business-days";
import { decodeCursor, keysetPage } from "../keyset";
import { awaitingNewTime } from "../scheduling/awaiting-new-time";
import type { Actor } from "./access";
import { isWork } from "./work";

/**
 * "Atividades": the calls, e-mails, meetings and tasks a person has to do, across every deal, lead,
 * contact and company, in the tabs a salesperson works by (São Paulo's day): past their time, due
 * later today, due after today, with no date, and done. Notes (written done) and the system's own
 * log lines are records, not work: never listed, except a meeting the lead booked (work.ts), open
 * in the dated tabs until it is held, missed or canceled; it is closed by its outcome
 * (scheduling/meetings.ts), never ticked off, and the done tab keeps to the work people tick off.
 * Everyone may read; completing stays with crm/activities.ts and its ownership rules.
 */

type Order = { key: "a.due_at" | "a.created_at" | "a.completed_at"; dir: "asc" | "desc" };

/** Each tab's order: what is due soonest first; the undated newest first; the done latest first. */
const ORDER: Record<AgendaBucket, Order> = {
  overdue: { key: "a.due_at", dir: "asc" },
  today: { key: "a.due_at", dir: "asc" },
  upcoming: { key: "a.due_at", dir: "asc" },
  no_date: { key: "a.created_at", dir: "desc" },
  done: { key: "a.completed_at", dir: "desc" },
};

const whose = (actor: Actor, who: AgendaCountsInput["who"]) => (who === "me" ? actor.userId : who === "all" ? null : who);

/**
 * The work of the agenda, of one person when asked: open, what work.ts calls work (a booked meeting
 * included); done, what was ticked off (no system line: the index of migration 0154 serves it).
 */
function work(tx: TenantTx, tenantId: string, assignee: string | null, done = false) {
  let q = tx.selectFrom("activities as a").where("a.tenant_id", "=", tenantId);
  q = q.where(isWork);
  if (done) q = q.where("a.system_event", "is", null);
  if (assignee) q = q.where("a.assigned_to", "=", assignee);
  return q;
}

/** The end of today in São Paulo: "today" runs from now to it, "upcoming" starts after it. */
const endOfToday = (now: Date) => endOfBrasiliaDay(brasiliaDate(now));

export async function listAgenda(tx: TenantTx, tenantId: string, actor: Actor, input: AgendaInput, now: Date) {
  const end = endOfToday(now);
  let q = work(tx, tenantId, whose(actor, input.who), input.bucket === "done")
    .leftJoin("users as u", "u.id", "a.assigned_to")
    .leftJoin("deals as d", "d.id", "a.deal_id")
    .leftJoin("leads as l", "l.id", "a.lead_id")
    .leftJoin("contacts as c", "c.id", "a.contact_id")
    .leftJoin("companies as co", "co.id", "a.company_id")
    .leftJoin("meetings as mt", (j) => j.on(sql<SqlBool>`mt.id = case when a.system_event = 'meeting_scheduled' then (a.data->>'meetingId')::uuid end`))
    .select([
      "a.id", "a.type", "a.subject", "a.description", "a.due_at", "a.completed_at", "a.outcome", "a.created_at", "a.assigned_to", "u.name as assignee_name",
      "a.deal_id", "d.title as deal_title", "a.lead_id", "l.name as lead_name", "a.contact_id", "c.name as contact_name", "a.company_id", "co.name as company_name",
      // A booked meeting ('meeting_scheduled'): the meeting its outcome is recorded on, and its link.
      "a.system_event", sql<string | null>`a.data->>'meetingId'`.as("meeting_id"), sql<string | null>`a.data->>'joinUrl'`.as("join_url"),
      "mt.status as meeting_status", "mt.rescheduled_to as meeting_rescheduled_to",
    ]);
  if (input.type) q = q.where("a.type", "=", input.type);
  switch (input.bucket) {
    case "overdue": q = q.where("a.completed_at", "is", null).where("a.due_at", "<", now); break;
    case "today": q = q.where("a.completed_at", "is", null).where("a.due_at", ">=", now).where("a.due_at", "<=", end); break;
    case "upcoming": q = q.where("a.completed_at", "is", null).where("a.due_at", ">", end); break;
    case "no_date": q = q.where("a.completed_at", "is", null).where("a.due_at", "is", null); break;
    case "done": q = q.where("a.completed_at", "is not", null); break;
  }
  const { key, dir } = ORDER[input.bucket];
  const cursor = decodeCursor(input.cursor);
  if (cursor) {
    const cmp = dir === "asc" ? ">" : "<";
    q = q.where((eb) => eb.or([eb(key, cmp, cursor.at), eb.and([eb(key, "=", cursor.at), eb("a.id", cmp, cursor.id)])]));
  }
  const rows = await q.orderBy(key, dir).orderBy("a.id", dir).limit(input.limit + 1).execute();
  // The tab's key column is never null in its rows (due_at in the dated tabs, completed_at in done).
  const items = rows.map(({ meeting_rescheduled_to, ...r }) => ({
    ...r,
    awaiting_new_time: r.meeting_status !== null && awaitingNewTime({ status: r.meeting_status, rescheduled_to: meeting_rescheduled_to }),
  }));
  return keysetPage(items, input.limit, (r) => (key === "a.due_at" ? r.due_at : key === "a.completed_at" ? r.completed_at : r.created_at)!);
}

/** How many open activities each tab holds (the done tab is not counted: it only grows). */
export async function agendaCounts(tx: TenantTx, tenantId: string, actor: Actor, input: AgendaCountsInput, now: Date) {
  const end = endOfToday(now);
  const count = (cond: Expression<SqlBool>) => sql<string>`count(*) filter (where ${cond})`;
  const row = await work(tx, tenantId, whose(actor, input.who))
    .where("a.completed_at", "is", null)
    .select((eb) => [
      count(eb("a.due_at", "<", now)).as("overdue"),
      count(eb.and([eb("a.due_at", ">=", now), eb("a.due_at", "<=", end)])).as("today"),
      count(eb("a.due_at", ">", end)).as("upcoming"),
      count(eb("a.due_at", "is", null)).as("no_date"),
    ])
    .executeTakeFirstOrThrow();
  return { overdue: Number(row.overdue), today: Number(row.today), upcoming: Number(row.upcoming), noDate: Number(row.no_date) };
}
