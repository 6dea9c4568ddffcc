import { sql } from "kysely";
import { withTenant, type TenantTx } from "@vendaflow/db/with-tenant";
import { NOTIFICATION_KIND_NAMES, type NotificationKind } from "@vendaflow/validators/notification-kinds";
import type { NotificationEmailsJob } from "@vendaflow/validators/notifications";
import { afterCommit, type AfterCommit } from "../after-commit";
import type { AppDeps } from "../deps";
import type { EmailMessage } from "../ports/email";
import { tenantMail } from "../email/sender";
import { notificationDigestMail, type DigestLine } from "../email/templates";
import { findTenantById, type Tenant } from "../tenancy/tenants";
import { withLeadName } from "./notifications";
import { field, targetOf } from "./target";

// "Notificações por e-mail": what the bell could not tell a person who was not looking. A
// notification still unread EMAIL_AFTER_MS after it was written is e-mailed, once, in one e-mail
// per person and run listing all of theirs; the kinds the person turned off in Meu perfil
// (users.notification_email_off) and the notifications of an inactive user are marked handled
// without a mail. Run by the QStash schedule /api/jobs/notification-emails (and the embedded
// default's local-jobs), across tenants, each tenant in its own transaction under its RLS.

export const NOTIFICATION_EMAILS_JOB_PATH = "/api/jobs/notification-emails";

/** How long a notification waits unread in the bell before it is e-mailed. */
export const EMAIL_AFTER_MS = 10 * 60_000;
/** Older unread ones are marked without a mail (a backlog when the feature ships, a long outage of the job): news, not history. */
export const EMAIL_MAX_AGE_MS = 24 * 3_600_000;
/** People handled per run (at most one e-mail each: 20 rounds of sends); when more remain the job queues itself again at once. */
export const PEOPLE_PER_RUN = 200;
/** Tenants listed per run (each probed by one index lookup). */
const TENANTS_PER_RUN = 1000;
/** E-mails sent at once (the SMTP adapter opens a connection per message). */
const SEND_CONCURRENCY = 10;
/**
 * A run starts no new tenant once this long has passed on the clock: the job routes' 30 s limit
 * (vercel.json) with room for the tenant in hand; what is left goes to the run it queues.
 */
const RUN_BUDGET_MS = 15_000;

/** What a line names: the lead, else a deal's or an activity's title, a bulk assignment's or a transfer's count, an LGPD protocol (as the bell does). */
function nameOf(kind: string, leadName: string | null, data: unknown): string | null {
  if (leadName) return leadName;
  const count = (data as { count?: unknown } | null)?.count;
  if (typeof count === "number") return kind === "activities_assigned" ? plural(count, "atividade", "atividades") : plural(count, "negócio", "negócios");
  const protocol = field(data, "protocol");
  return field(data, "title") ?? (protocol ? `Protocolo ${protocol}` : null);
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export interface TenantDigest {
  /** People handled (e-mailed or with everything skipped). */
  people: number;
  emailed: number;
  /** Notifications marked without a mail (kind turned off, user inactive, too old). */
  skipped: number;
  /** The tenant had more people waiting than it was given room for. */
  more: boolean;
}

/**
 * One tenant's pass: the people with notifications unread since before `now - EMAIL_AFTER_MS` and
 * not yet handled (the oldest waiting first, at most `maxPeople`), their rows locked (a concurrent
 * run skips them, and the bell's "mark read" waits for this transaction), one e-mail per person
 * queued on `after.emails`, every row read marked `emailed_at` in this same transaction: a retried
 * or overlapping run never reads them again, so never sends twice.
 */
export async function emailTenantNotifications(tx: TenantTx, deps: Pick<AppDeps, "links">, tenant: Tenant, now: Date, maxPeople: number, after: AfterCommit): Promise<TenantDigest> {
  const before = new Date(now.getTime() - EMAIL_AFTER_MS);
  const oldest = now.getTime() - EMAIL_MAX_AGE_MS;
  const waiting = await tx
    .selectFrom("notifications as n")
    .select("n.user_id")
    .where("n.read_at", "is", null)
    .where("n.emailed_at", "is", null)
    .where("n.created_at", "<=", before)
    .groupBy("n.user_id")
    .orderBy(sql`min(n.created_at)`)
    .orderBy("n.user_id")
    .limit(maxPeople + 1)
    .execute();
  const more = waiting.length > maxPeople;
  const people = waiting.slice(0, maxPeople).map((w) => w.user_id);
  if (!people.length) return { people: 0, emailed: 0, skipped: 0, more: false };
  const rows = await withLeadName(tx)
    .select(["n.id", "n.user_id", "n.kind", "n.data", "n.created_at", "l.name as lead_name"])
    .where("n.user_id", "in", people)
    .where("n.read_at", "is", null)
    .where("n.emailed_at", "is", null)
    .where("n.created_at", "<=", before)
    .orderBy("n.user_id")
    .orderBy("n.created_at")
    .orderBy("n.id")
    .forUpdate("n")
    .skipLocked()
    .execute();
  const users = await tx.selectFrom("users").select(["id", "name", "email", "is_active", "notification_email_off"]).where("id", "in", people).execute();
  const byUser = new Map(users.map((u) => [u.id, u]));
  const brand = { name: tenant.name, theme: tenant.theme };
  const profileUrl = deps.links.tenantUrl(tenant.slug, "/profile");
  let emailed = 0;
  let skipped = 0;
  for (const userId of people) {
    const user = byUser.get(userId);
    const mine = rows.filter((r) => r.user_id === userId);
    const off = new Set(user?.notification_email_off ?? []);
    const toMail = user?.is_active ? mine.filter((r) => !off.has(r.kind) && r.created_at.getTime() >= oldest) : [];
    skipped += mine.length - toMail.length;
    if (!user || !toMail.length) continue;
    const lines: DigestLine[] = toMail.map((r) => {
      const target = targetOf(r.kind, r.data);
      return { label: NOTIFICATION_KIND_NAMES[r.kind as NotificationKind] ?? "Notificação", name: nameOf(r.kind, r.lead_name, r.data), url: target ? deps.links.tenantUrl(tenant.slug, target) : null };
    });
    (after.emails ??= []).push(tenantMail(tenant, user.email, notificationDigestMail(brand, user.name, lines, profileUrl)));
    emailed += 1;
  }
  if (rows.length) await tx.updateTable("notifications").set({ emailed_at: now }).where("id", "in", rows.map((r) => r.id)).execute();
  return { people: people.length, emailed, skipped, more };
}

export interface NotificationEmailsRun {
  tenants: number;
  people: number;
  emailed: number;
  skipped: number;
  /** People were left for the next run (it was queued). */
  more: boolean;
  /** E-mails the sender refused for good (their rows stay marked: never sent twice, so these are lost), with the first error; one turned away for now is retried by the sender (email/retry.ts) and counts as emailed. */
  failed: number;
  error?: string;
}

/** Sends a committed tenant's e-mails, SEND_CONCURRENCY at a time, every one tried whatever the others did. */
async function sendAll(deps: Pick<AppDeps, "email">, mails: EmailMessage[], run: NotificationEmailsRun) {
  for (let i = 0; i < mails.length; i += SEND_CONCURRENCY) {
    for (const r of await Promise.allSettled(mails.slice(i, i + SEND_CONCURRENCY).map((m) => deps.email.send(m)))) {
      if (r.status === "fulfilled") continue;
      run.failed += 1;
      run.error ??= r.reason instanceof Error ? r.reason.message : String(r.reason);
    }
  }
}

/**
 * The sweep: one tenant (the job's `tenantId`), or every tenant with something waiting (a definer
 * function lists their ids, 0155), each in its own transaction under its RLS, its e-mails (the
 * only thing its AfterCommit carries) sent once it committed. At most PEOPLE_PER_RUN people and
 * RUN_BUDGET_MS per run; when more remain, the job queues itself again. An e-mail refused for good
 * is counted (`failed`), not repeated, and the others still go (one turned away for now is the
 * sender's to retry: email/retry.ts).
 */
export async function runNotificationEmails(deps: Pick<AppDeps, "db" | "now" | "links" | "scheduler" | "email">, job: NotificationEmailsJob, limits: { people?: number } = {}): Promise<NotificationEmailsRun> {
  const now = deps.now();
  const cap = limits.people ?? PEOPLE_PER_RUN;
  const before = new Date(now.getTime() - EMAIL_AFTER_MS);
  const tenantIds = job.tenantId
    ? [job.tenantId]
    : (await sql<{ tenant_id: string }>`select tenant_id from app_tenants_with_notification_emails(${before}, ${TENANTS_PER_RUN})`.execute(deps.db)).rows.map((r) => r.tenant_id);
  const run: NotificationEmailsRun = { tenants: 0, people: 0, emailed: 0, skipped: 0, more: !job.tenantId && tenantIds.length >= TENANTS_PER_RUN, failed: 0 };
  for (const tenantId of tenantIds) {
    if (run.people >= cap || deps.now().getTime() - now.getTime() >= RUN_BUDGET_MS) {
      run.more = true;
      break;
    }
    const tenant = await findTenantById(deps.db, tenantId);
    if (!tenant) continue;
    const after = afterCommit();
    const digest = await withTenant(deps.db, tenantId, (tx) => emailTenantNotifications(tx, deps, tenant, now, cap - run.people, after));
    // Committed: the rows are marked, so a failure from here on loses these e-mails rather than repeating them.
    await sendAll(deps, after.emails ?? [], run);
    run.tenants += 1;
    run.people += digest.people;
    run.emailed += digest.emailed;
    run.skipped += digest.skipped;
    run.more ||= digest.more;
  }
  if (run.more) {
    await deps.scheduler.schedule({ path: NOTIFICATION_EMAILS_JOB_PATH, body: job, delaySeconds: 0, deduplicationId: `notification-emails-more-${job.tenantId ?? "all"}-${now.getTime()}` });
  }
  return run;
}
