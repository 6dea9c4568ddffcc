import { z } from "zod";
import { availabilities, conditionFields, conditionOps, conditionOpsFor, DEFAULT_TIMEZONE, distributions, hhmm, leadTiers, minutesOfDay } from "./plain/routing";
export { availabilities, businessInterval, conditionFields, conditionOps, conditionOpsFor, DEFAULT_TIMEZONE, distributions, leadTiers, minutesOfDay, tierSla } from "./plain/routing";

// Routing configuration: teams, agent availability, business hours, routing rules, canned
// responses, and the SLA job's body. Messages are pt-BR; core/routing consumes the parsed shapes.

const uuid = z.uuid({ error: "Identificador inválido." });

export type Distribution = (typeof distributions)[number];

export type Availability = (typeof availabilities)[number];

export type LeadTier = (typeof leadTiers)[number];

/** Business minutes: at most 30 days of round-the-clock time. */
const slaMinutes = z
  .number({ error: "Informe o prazo em minutos." })
  .int({ error: "O prazo deve ser um número inteiro de minutos." })
  .min(1, { error: "O prazo deve ser de pelo menos 1 minuto." })
  .max(43_200, { error: "O prazo deve ser de no máximo 43200 minutos (30 dias)." });

export const tierSlaSchema = z.object({
  hot: slaMinutes.optional(),
  warm: slaMinutes.optional(),
  cold: slaMinutes.optional(),
});
export type TierSla = z.infer<typeof tierSlaSchema>;

// ---- Rules --------------------------------------------------------------------------------------

export type ConditionField = (typeof conditionFields)[number];
export type ConditionOp = (typeof conditionOps)[number];

const scalar = z.union([z.string().trim().min(1, { error: "O valor não pode ficar vazio." }).max(200), z.number().finite()]);

export const ruleConditionSchema = z
  .object({
    field: z.enum(conditionFields, { error: "Campo de condição desconhecido." }),
    op: z.enum(conditionOps, { error: "Operador desconhecido." }),
    value: z.union([scalar, z.array(scalar).min(1, { error: "Informe pelo menos um valor." }).max(50)], { error: "Valor inválido." }),
  })
  .superRefine((c, ctx) => {
    const issue = (message: string) => ctx.addIssue({ code: "custom", path: ["value"], message });
    const isArray = Array.isArray(c.value);
    switch (c.op) {
      case "gte":
      case "lte":
        if (typeof c.value !== "number") issue("Comparações de maior/menor exigem um número.");
        else if (!conditionOpsFor(c.field).includes(c.op)) issue("Maior/menor só vale para a pontuação e respostas BANT.");
        break;
      case "in":
        if (!isArray) issue('O operador "está em" exige uma lista de valores.');
        break;
      case "eq":
        if (isArray) issue('O operador "igual a" exige um único valor.');
        else if (c.field === "score" && typeof c.value !== "number") issue("A pontuação é comparada com um número.");
        break;
      case "contains":
        if (typeof c.value !== "string") issue('O operador "contém" exige um texto.');
        else if (!conditionOpsFor(c.field).includes("contains")) issue('A pontuação não aceita "contém".');
        break;
    }
  });
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const ruleActionSchema = z.discriminatedUnion(
  "type",
  [
    z.object({ type: z.literal("assign_team"), teamId: uuid }),
    z.object({ type: z.literal("assign_agent"), userId: uuid }),
    z.object({
      type: z.literal("add_tag"),
      tag: z.string().trim().min(1, { error: "Informe a etiqueta." }).max(50, { error: "A etiqueta deve ter no máximo 50 caracteres." }),
    }),
    z.object({ type: z.literal("set_sla"), minutes: slaMinutes }),
  ],
  { error: "Ação desconhecida." },
);
export type RuleAction = z.infer<typeof ruleActionSchema>;

export const routingRuleInput = z.object({
  name: z.string().trim().min(1, { error: "Informe o nome da regra." }).max(120, { error: "O nome deve ter no máximo 120 caracteres." }),
  priority: z.number().int({ error: "A prioridade deve ser um número inteiro." }).min(0).max(10_000).default(100),
  conditions: z.array(ruleConditionSchema).max(20, { error: "No máximo 20 condições por regra." }).default([]),
  actions: z.array(ruleActionSchema).min(1, { error: "Informe pelo menos uma ação." }).max(10, { error: "No máximo 10 ações por regra." }),
  isActive: z.boolean().default(true),
});
export type RoutingRuleInput = z.infer<typeof routingRuleInput>;

/**
 * A routing_rules row's jsonb, read defensively (core's evaluation and the rules page alike): bad
 * actions are dropped, and a bad condition marks the rule invalid so it never matches rather than
 * matching too much.
 */
export function parseStoredRuleParts(rawConditions: unknown, rawActions: unknown): { conditions: RuleCondition[]; actions: RuleAction[]; invalid: boolean } {
  const conditions: RuleCondition[] = [];
  let invalid = !Array.isArray(rawConditions);
  for (const c of Array.isArray(rawConditions) ? rawConditions : []) {
    const parsed = ruleConditionSchema.safeParse(c);
    if (parsed.success) conditions.push(parsed.data);
    else invalid = true;
  }
  const actions = (Array.isArray(rawActions) ? rawActions : []).flatMap((a) => {
    const parsed = ruleActionSchema.safeParse(a);
    return parsed.success ? [parsed.data] : [];
  });
  return { conditions, actions, invalid };
}

// ---- Teams and agents ---------------------------------------------------------------------------

export const teamInput = z.object({
  name: z.string().trim().min(2, { error: "O nome do time deve ter pelo menos 2 caracteres." }).max(120, { error: "O nome do time deve ter no máximo 120 caracteres." }),
  distribution: z.enum(distributions, { error: "Escolha um método de distribuição válido." }).default("round_robin"),
  slaMinutes: tierSlaSchema.default({}),
  // In round-robin order.
  memberIds: z
    .array(uuid)
    .max(200, { error: "No máximo 200 membros por time." })
    .refine((ids) => new Set(ids).size === ids.length, { error: "Um agente aparece mais de uma vez no time." })
    .default([]),
});
export type TeamInput = z.infer<typeof teamInput>;

const skill = z.string().trim().toLowerCase().min(1, { error: "A habilidade não pode ficar vazia." }).max(50, { error: "Cada habilidade deve ter no máximo 50 caracteres." });

export const agentProfileInput = z.object({
  userId: uuid,
  capacity: z.number().int({ error: "A capacidade deve ser um número inteiro." }).min(1, { error: "A capacidade deve ser de pelo menos 1 conversa." }).max(200, { error: "A capacidade deve ser de no máximo 200 conversas." }),
  skills: z.array(skill).max(50, { error: "No máximo 50 habilidades." }).default([]),
});
export type AgentProfileInput = z.infer<typeof agentProfileInput>;

/** At most this many conversations move in one bulk reassignment (an agent's capacity is at most 200). */
export const REASSIGN_MAX = 1000;

/**
 * A manager moves every pending and open conversation of one agent at once ("Carga da equipe"): to
 * another online agent (`toUserId`), or back to the queue to be routed again (null). `expected` is
 * the count the manager confirmed; a different count at the time of the move is a conflict.
 */
export const reassignHeldInput = z.object({
  fromUserId: uuid,
  toUserId: uuid.nullable(),
  expected: z.number({ error: "Informe quantas conversas serão movidas." }).int().min(1, { error: "Não há conversas para mover." }).max(REASSIGN_MAX, { error: `No máximo ${REASSIGN_MAX} conversas de uma vez.` }),
});
export type ReassignHeldInput = z.infer<typeof reassignHeldInput>;

export const availabilityInput = z.object({
  availability: z.enum(availabilities, { error: "Escolha online, ausente ou offline." }),
});

// ---- Business hours -----------------------------------------------------------------------------

/** True when the runtime's Intl knows the zone (IANA names, aliases such as "UTC" included). */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const businessIntervalSchema = z
  .object({
    day: z.number().int().min(0, { error: "Dia da semana inválido (0 = domingo … 6 = sábado)." }).max(6, { error: "Dia da semana inválido (0 = domingo … 6 = sábado)." }),
    open: z.string().regex(hhmm, { error: "Use o formato HH:MM (por exemplo 09:00)." }),
    close: z.string().regex(hhmm, { error: "Use o formato HH:MM (por exemplo 18:00)." }),
  })
  .refine((i) => !hhmm.test(i.open) || !hhmm.test(i.close) || minutesOfDay(i.close) > minutesOfDay(i.open), {
    path: ["close"],
    error: "O horário de fechamento deve ser depois da abertura.",
  });
export type BusinessInterval = z.infer<typeof businessIntervalSchema>;

const isoDate = z.iso.date({ error: "Use datas no formato AAAA-MM-DD." });

export const businessHoursInput = z.object({
  // null: the tenant's default hours.
  teamId: uuid.nullable().default(null),
  timezone: z
    .string()
    .trim()
    .max(64, { error: "Fuso horário desconhecido (use um nome IANA, como America/Sao_Paulo)." })
    .default(DEFAULT_TIMEZONE)
    .refine(isValidTimeZone, { error: "Fuso horário desconhecido (use um nome IANA, como America/Sao_Paulo)." }),
  weekly: z.array(businessIntervalSchema).min(1, { error: "Informe pelo menos um horário de atendimento." }).max(50),
  holidays: z
    .array(isoDate)
    .max(366, { error: "No máximo 366 feriados." })
    .transform((ds) => [...new Set(ds)].sort())
    .default([]),
});
export type BusinessHoursInput = z.infer<typeof businessHoursInput>;

// ---- Canned responses ---------------------------------------------------------------------------

export const cannedResponseInput = z.object({
  shortcut: z
    .string()
    .trim()
    .toLowerCase()
    // An empty field asks for the shortcut; only a one-letter one hears about the length.
    .min(1, { error: "Informe o atalho (por exemplo: preco).", abort: true })
    .min(2, { error: "O atalho deve ter pelo menos 2 caracteres." })
    .max(50, { error: "O atalho deve ter no máximo 50 caracteres." })
    .regex(/^[a-z0-9_-]+$/, { error: "Use apenas letras minúsculas, números, _ ou - no atalho." }),
  title: z.string().trim().min(1, { error: "Informe o título." }).max(120, { error: "O título deve ter no máximo 120 caracteres." }),
  body: z.string().trim().min(1, { error: "Informe o texto da resposta." }).max(4000, { error: "O texto deve ter no máximo 4000 caracteres." }),
});
export type CannedResponseInput = z.infer<typeof cannedResponseInput>;

// ---- Jobs ---------------------------------------------------------------------------------------

/** Body of the QStash callback /api/jobs/sla-check. */
export const slaCheckJobSchema = z.object({ tenantId: uuid, conversationId: uuid });
export type SlaCheckJob = z.infer<typeof slaCheckJobSchema>;
