// flow.ts's plain values (no zod): what client components import, so their bundles stay free of zod.
// flow.ts re-exports them; the schemas there are built from them.

/** WhatsApp reply buttons cut titles at 20 characters. */
export const OPTION_LABEL_MAX = 20;

export const SYNONYM_MAX = 80;

/** A scheduling link (flow or inbox): what browsers and Calendly/Cal.com links comfortably fit. */
export const SCHEDULING_URL_MAX = 2048;

export const SYNONYMS_PER_OPTION = 30;

export const stepKinds = ["contact_name", "contact_email", "options", "text", "number", "date"] as const;

export const bantFields = ["budget", "authority", "need", "timeline"] as const;

export const stepFields = [...bantFields, "contact"] as const;

export const bandBoundaries = ["lower_inclusive", "upper_inclusive"] as const;

/** Flow-level issues (name, min score, outcomes…) carry this stepId (core/flows/check). */
export const FLOW_ISSUE = "";
