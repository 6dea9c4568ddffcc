import { z } from "zod";
import { ANALYTICS_MAX_DAYS } from "./plain/analytics";

// The dashboard cockpit: one filter for every chart (a date range in São Paulo days, optionally
// one inbox and one team) and the charts whose data can be downloaded as CSV.

export { ANALYTICS_MAX_DAYS };

/** Every date and hour of the dashboard is read in this zone (São Paulo: no DST since 2019). */
export const ANALYTICS_TIME_ZONE = "America/Sao_Paulo";

const day = z.iso.date({ error: "Data inválida (use AAAA-MM-DD)." });
const uuid = z.uuid({ error: "Identificador inválido." });

const dayNumber = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;

export const analyticsFilterInput = z
  .object({
    /** First day, inclusive (São Paulo). */
    from: day,
    /** Last day, inclusive (São Paulo). */
    to: day,
    inboxId: uuid.nullish(),
    teamId: uuid.nullish(),
  })
  .check((ctx) => {
    const span = dayNumber(ctx.value.to) - dayNumber(ctx.value.from);
    if (span < 0) ctx.issues.push({ code: "custom", input: ctx.value.to, path: ["to"], message: "A data final deve ser igual ou posterior à inicial." });
    else if (span >= ANALYTICS_MAX_DAYS) ctx.issues.push({ code: "custom", input: ctx.value.to, path: ["to"], message: `O período pode ter no máximo ${ANALYTICS_MAX_DAYS} dias.` });
  });
export type AnalyticsFilter = z.infer<typeof analyticsFilterInput>;

/** The dashboard's charts; each one's data downloads as CSV. */
export const analyticsCharts = ["botFunnel", "salesFunnel", "monthlyRates", "sources", "channels", "agents", "volumeByHour"] as const;
export type AnalyticsChart = (typeof analyticsCharts)[number];

/** Body of the analytics rollup job (a QStash schedule, body {}): one tenant, or every tenant with days to roll up. */
export const analyticsRollupJobSchema = z.object({ tenantId: z.uuid().optional() });
export type AnalyticsRollupJob = z.infer<typeof analyticsRollupJobSchema>;

/** The live "Carga da equipe" view: optionally one team's members. */
export const teamLoadInput = z.object({ teamId: uuid.nullish() });
export type TeamLoadInput = z.infer<typeof teamLoadInput>;
