// crm.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// crm.ts re-exports them; the schemas there are built from them.

export const companySizes = ["1-10", "11-50", "51-200", "201-500", "501-1000", "1000+"] as const;

export const stageKinds = ["open", "won", "lost"] as const;

export const dealStatuses = ["open", "won", "lost"] as const;

export const activityTypes = ["call", "email", "meeting", "task", "note"] as const;

/**
 * The agenda's tabs (crm/agenda.ts): open work past its time, due later today (São Paulo), due
 * after today, with no due date; and what was done.
 */
export const agendaBuckets = ["overdue", "today", "upcoming", "no_date", "done"] as const;

export const leadSources = ["web", "whatsapp", "whatsapp_ad", "api", "import", "manual", "calendar"] as const;

/** What leads.stage holds: the bot sets qualified / nurture, conversion sets converted. */
export const leadStages = ["new", "qualified", "nurture", "converted"] as const;

export const leadSorts = ["created", "score"] as const;

/** The lead fields an import can fill (the mapping page lists them in this order). */
export const importFields = ["name", "email", "phone", "company", "tags", "source_detail"] as const;
